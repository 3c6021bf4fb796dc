"""The REST half of the SQL-injection sweep, read from the live OpenAPI document: for
every route of the four domains and every text input it has (path parameter, query
parameter, body field), one request per string, the other inputs valid."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.chaos.sql_args import DEFAULTS, VICTIM_IDS, base_args, takes_text, text_fields

DOMAINS = ("/api/v1/wins/", "/api/v1/wheels/", "/api/v1/you/", "/api/v1/social/")
Inputs = dict[str, dict[str, Any]]  # {"path": {...}, "query": {...}}
Request = tuple[str, str, Inputs, dict[str, Any] | None, str]  # method, path, inputs, body, label


def _schema(ref: dict[str, Any] | None, openapi: dict[str, Any]) -> dict[str, Any] | None:
    if ref is None or "$ref" not in ref:
        return ref
    schema: dict[str, Any] = openapi["components"]["schemas"][ref["$ref"].rsplit("/", 1)[1]]
    return schema


def _body_schema(operation: dict[str, Any], openapi: dict[str, Any]) -> dict[str, Any] | None:
    content = operation.get("requestBody", {}).get("content", {})
    return _schema(content.get("application/json", {}).get("schema"), openapi)


def _base_inputs(operation: dict[str, Any], victim: dict[str, str]) -> Inputs:
    """Valid path parameters (the victim's ids: B's request must not reach A's row) and
    the required query parameters."""
    values = {**DEFAULTS, **{k: victim[k] for k in VICTIM_IDS}}
    inputs: Inputs = {"path": {}, "query": {}}
    for p in operation.get("parameters", []):
        if p["in"] == "path" or (p["in"] == "query" and p.get("required")):
            inputs[p["in"]][p["name"]] = values[p["name"]]
    return inputs


def rest_requests(
    openapi: dict[str, Any], strings: list[str], victim: dict[str, str]
) -> Iterator[Request]:
    for path, item in openapi["paths"].items():
        if not path.startswith(DOMAINS):
            continue
        for method, operation in item.items():
            base = _base_inputs(operation, victim)
            body_schema = _body_schema(operation, openapi)
            body = base_args(body_schema, victim) if body_schema is not None else None
            for p in operation.get("parameters", []):
                if p["in"] in ("path", "query") and takes_text(p["schema"]) is not None:
                    for text in strings:
                        inputs = {**base, p["in"]: {**base[p["in"]], p["name"]: text}}
                        yield method.upper(), path, inputs, body, f"{p['name']}={text!r}"
            for name, kind in text_fields(body_schema or {}).items():
                for text in strings:
                    value = [text] if kind == "list" else text
                    yield (
                        method.upper(),
                        path,
                        base,
                        {**(body or {}), name: value},
                        f"{name}={text!r}",
                    )
