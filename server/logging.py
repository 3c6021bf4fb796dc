"""structlog setup: one JSON object per line on stdout, configured once per process.

Context travels in contextvars, so every line logged while serving a request carries it:
`request_id` (request id middleware), `user_id` (rate limit middleware, from the verified
token), and whatever the code that knows binds with `bind_log_context` — `thread_id`,
`route`, `tool`, `duration_ms`. Standard-library loggers (uvicorn, langgraph, psycopg)
go through the same JSON renderer.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import structlog
from structlog.contextvars import bind_contextvars, merge_contextvars

from server.log_redaction import RedactCredentials, redact_uvicorn_logs

CONTEXT_KEYS = ("request_id", "user_id", "thread_id", "route", "tool", "duration_ms")
_configured = False


class StdoutHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stdout is at the time (test runners swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stdout
        super().emit(record)


def _pre_chain() -> list[Any]:
    return [
        merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]


def json_handler() -> logging.Handler:
    handler = StdoutHandler()
    handler.addFilter(RedactCredentials())
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=_pre_chain(),
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                structlog.processors.JSONRenderer(),
            ],
        )
    )
    return handler


def configure_logging(level: str = "INFO") -> None:
    """JSON logs at `level`; later calls only change the level."""
    global _configured
    root = logging.getLogger()
    root.setLevel(level)
    if _configured:
        return
    _configured = True
    root.addHandler(json_handler())
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_pre_chain(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def adopt_uvicorn_loggers() -> None:
    """Run after uvicorn configured its own loggers (i.e. in the lifespan): its messages
    become JSON lines too, and its access log is dropped — the request id middleware
    writes a richer one."""
    redact_uvicorn_logs()
    for name in ("uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    access = logging.getLogger("uvicorn.access")
    access.handlers.clear()
    access.propagate = False
    access.disabled = True


def bind_log_context(**values: Any) -> None:
    """Add keys (see CONTEXT_KEYS) to every later log line of this request or task."""
    bind_contextvars(**values)
