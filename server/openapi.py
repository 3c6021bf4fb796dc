"""The OpenAPI document as the server really answers: every error is the one shape
`{"detail", "code"}` (server/errors.py), not FastAPI's default validation list, and
every operation lists the error statuses the middleware and handlers can give it
(401 auth, 413 body limit, 422 validation, 429 rate limit, 503 database down, and
the 400/404/409 of actions), except a status a route describes with its own body."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {"type": "string", "title": "Detail"},
        "code": {"type": "string", "title": "Code"},
    },
    "required": ["detail", "code"],
}
ERROR_STATUSES = {
    "400": "Invalid arguments.",
    "401": "Missing, invalid or expired token.",
    "404": "Not found (or not the caller's).",
    "409": "Conflict, e.g. the thread is busy with another turn.",
    "413": "Request body too large.",
    "422": "Validation error.",
    "429": "Rate limited; see Retry-After.",
    "503": "A dependency (the database) is unavailable; try again.",
}
REF = {"$ref": "#/components/schemas/Error"}
OWN_ERRORS = ("/health/",)  # answer with their own bodies, described by their routes


def _with_errors(operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    for status, description in ERROR_STATUSES.items():
        if _described_by_route(responses.get(status)):
            continue
        responses[status] = {
            "description": description,
            "content": {"application/json": {"schema": REF}},
        }


def _described_by_route(response: dict[str, Any] | None) -> bool:
    """A status the route describes itself (a protocol's own error shape) keeps its
    description; FastAPI's default validation error is replaced by the one shape."""
    if response is None:
        return False
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    return schema.get("$ref") not in (None, "#/components/schemas/HTTPValidationError")


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, routes=app.routes, description=app.description
            )
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components["Error"] = ERROR_SCHEMA
            for name in ("HTTPValidationError", "ValidationError"):
                components.pop(name, None)
            for path, operations in schema.get("paths", {}).items():
                if not path.startswith(OWN_ERRORS):
                    for operation in operations.values():
                        _with_errors(operation)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
