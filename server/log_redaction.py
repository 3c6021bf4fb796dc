"""No credential in a log line: `token=`, `access_token=`, `api_key=` query values and
anything shaped like a JWT are replaced with "[redacted]" before a record is written.

uvicorn logs a WebSocket's path with its query string ("WebSocket /api/v1/pam/ws?token=…
[accepted]", on `uvicorn.error` at INFO), and so would any access log line; the filter
sits on the JSON handler and on uvicorn's own loggers, so whichever writes the line,
the token is gone first.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
SECRET_QUERY = re.compile(r"(?i)\b((?:access_)?token|api_key|apikey|jwt)=[^&\s\"'#]+")
JWT_SHAPE = re.compile(r"\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*")


def redact(text: str) -> str:
    return JWT_SHAPE.sub(REDACTED, SECRET_QUERY.sub(rf"\1={REDACTED}", text))


class RedactCredentials(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            message = record.getMessage()
            cleaned = redact(message)
            if cleaned != message:
                record.msg, record.args = cleaned, ()
        return True


UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")


def redact_uvicorn_logs() -> None:
    """Put the filter on uvicorn's loggers (idempotent)."""
    for name in UVICORN_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactCredentials) for f in logger.filters):
            logger.addFilter(RedactCredentials())
