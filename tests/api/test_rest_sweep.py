"""Every REST route, read from the live OpenAPI document: every action is exposed, and
no request — garbage bodies, wrong ids, wrong query types — gets a 5xx."""

from __future__ import annotations

import typing
import uuid
from typing import Any

import httpx

from tests.api.conftest import Serve, auth
from tests.api.rest_support import error, new_user
from tests.fakes import ScriptedChatModel
from tools.registry import ACTIONS

DOMAINS = ("/api/v1/wins/", "/api/v1/wheels/", "/api/v1/you/", "/api/v1/social/")
BODIES: list[Any] = [{"zzz": [1]}, "just a string", [1, 2, 3], {"amount": {"deep": None}}]
PATH_VALUES = [str(uuid.uuid4()), "not-an-id", "%00", "x" * 300]


def rest_operations(openapi: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in openapi["paths"].items()
        if path.startswith(DOMAINS)
        for method, operation in item.items()
    ]


async def test_every_action_has_a_rest_route(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, httpx.AsyncClient(base_url=server.url) as c:
        openapi = (await c.get("/openapi.json")).json()
    schemas = set(openapi["components"]["schemas"])
    answered = {typing.get_type_hints(a.fn)["return"].__name__ for a in ACTIONS}
    assert answered <= schemas, answered - schemas
    operations = rest_operations(openapi)
    assert len(operations) >= len(ACTIONS)
    for method, path, operation in operations:
        assert operation["security"] == [{"HTTPBearer": []}], (method, path)
        success = operation["responses"].get("201") or operation["responses"]["200"]
        assert "$ref" in str(success["content"]["application/json"]["schema"]), (method, path)


async def test_no_request_to_any_route_is_a_server_error(serve: Serve) -> None:
    async with serve(ScriptedChatModel(), rate_limit_api="100000/minute") as server:
        headers = auth(new_user("fuzz"))
        async with httpx.AsyncClient(base_url=server.url, headers=headers, timeout=20) as c:
            operations = rest_operations((await c.get("/openapi.json")).json())
            for method, path, _ in operations:
                for value in PATH_VALUES:
                    url = _fill(path, value)
                    for body in BODIES:
                        response = await c.request(method, url, json=body)
                        assert response.status_code < 500, (method, url, body, response.text)
                        if response.status_code >= 400:
                            error(response, response.status_code)
                    bad_query = await c.request(
                        method, url, params={"limit": "many", "start_date": "soon", "days": "-"}
                    )
                    assert bad_query.status_code < 500, (method, url, bad_query.text)


def _fill(path: str, value: str) -> str:
    """`path` with every `{param}` replaced by `value`."""
    out, rest = "", path
    while "{" in rest:
        head, _, tail = rest.partition("{")
        out += head + value
        rest = tail.partition("}")[2]
    return out + rest
