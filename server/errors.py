"""One error shape for every failure: `{"detail": message, "code": code}`; never a traceback."""

from __future__ import annotations

import psycopg
import psycopg_pool
import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from server.refusals import RefusalKind, Refused
from tools.db.scope import user_row_missing
from tools.types import ActionError

log = structlog.get_logger("pam.errors")

ACTION_STATUS = {"invalid": 400, "not_found": 404, "conflict": 409, "unavailable": 503}
HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    409: "conflict",
    413: "payload_too_large",
    422: "invalid_request",
    429: "rate_limited",
    503: "unavailable",
}


# A refusal's status; its code is the status's, but for a busy thread, which clients
# tell apart from other conflicts (they wait and send again).
REFUSAL_STATUS: dict[RefusalKind, int] = {
    "malformed": 400,
    "bad_input": 422,
    "not_found": 404,
    "forbidden": 403,
    "conflict": 409,
    "busy": 409,
}
BUSY_CODE = "THREAD_BUSY"


# The database is down, restarting or out of connections: the client may try again.
DB_UNAVAILABLE = (psycopg.OperationalError, psycopg.InterfaceError, psycopg_pool.PoolTimeout)
UNAVAILABLE = "The database is unavailable just now; try again in a moment."
UNAVAILABLE_RETRY_S = "5"
# A user's row deleted (by an operator) while their token is still valid: the request
# wrote nothing, and the next one starts them afresh (tools/db/scope.py, redteam 9).
USER_ROW_GONE = (
    "Your account's data was removed while you were signed in; nothing was written."
    " Send the request again to start afresh."
)


def error_response(
    status: int, message: str, code: str | None = None, **headers: str
) -> JSONResponse:
    body = {"detail": message, "code": code or HTTP_CODES.get(status, "error")}
    return JSONResponse(body, status_code=status, headers=headers or None)


def refusal_response(exc: Refused) -> JSONResponse:
    """A refusal over HTTP: the one mapping (the exception handler uses it too)."""
    code = BUSY_CODE if exc.kind == "busy" else None
    return error_response(REFUSAL_STATUS[exc.kind], exc.message, code)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        if err["type"] == "json_invalid":
            # FastAPI puts the byte offset where a field's name goes ('4: JSON decode error')
            reason = err.get("ctx", {}).get("error", "it does not parse")
            parts.append(f"body: not valid JSON ({reason}, at character {err['loc'][-1]})")
            continue
        where = ".".join(str(p) for p in err["loc"] if p != "body") or "body"
        parts.append(f"{where}: {str(err['msg']).removeprefix('Value error, ')}")
    return "Invalid request — " + "; ".join(parts)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail), **(exc.headers or {}))

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> JSONResponse:
        return refusal_response(exc)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, _validation_message(exc))

    @app.exception_handler(ActionError)
    async def action_error(request: Request, exc: ActionError) -> JSONResponse:
        return error_response(ACTION_STATUS[exc.code], exc.message, exc.code)

    async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
        log.warning("database unavailable", path=request.url.path, error=str(exc))
        return error_response(503, UNAVAILABLE, **{"Retry-After": UNAVAILABLE_RETRY_S})

    for kind in DB_UNAVAILABLE:
        app.add_exception_handler(kind, database_unavailable)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", path=request.url.path)
        return error_response(500, "Something went wrong on our side.", "internal")

    @app.exception_handler(psycopg.errors.ForeignKeyViolation)
    async def foreign_key(
        request: Request, exc: psycopg.errors.ForeignKeyViolation
    ) -> JSONResponse:
        if user_row_missing(exc):  # deleted since this process saw it; made again next time
            # Run once more by UserRowReplayMiddleware (the 409 only if that run fails too).
            request.state.user_row_gone = True
            return error_response(409, USER_ROW_GONE)
        return await unexpected(request, exc)
