"""The isolation matrix: user B holding user A's ids, on every route that takes one
(REST, chat, Agent Protocol) and on the WebSocket, must get 404 / NOT_FOUND and see
none of A's data; B's own lists never show A's rows; and nothing of A's changes."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import orjson
from websockets.asyncio.client import connect

from tests.chaos.door_isolation import door_probes
from tests.chaos.id_routes import CHAT, ID_ROUTES, isolation_gaps
from tests.chaos.owner import Owner, make_owner, owner_intact
from tests.chaos.probes import Probe
from tests.chaos.thread_claims import claim_probes
from tests.tokens import auth, token_for


def _fill(template: Any, ids: dict[str, str]) -> Any:
    text = orjson.dumps(template).decode()
    return orjson.loads(re.sub(r"\{(\w+)\}", lambda m: ids.get(m[1], m[0]), text))


def _seen(response: httpx.Response, owner: Owner) -> bool:
    return owner.marker in response.text


async def http_probes(base_url: str, owner: Owner, intruder: str) -> list[Probe]:
    probes = []
    async with httpx.AsyncClient(base_url=base_url, headers=auth(intruder), timeout=60) as b:
        for (method, template), body in ID_ROUTES.items():
            path = _fill(template, owner.ids)
            surface = "REST" if template.startswith("/api/") else "Agent Protocol"
            response = await b.request(method, path, json=_fill(body, owner.ids))
            shown = template.replace("{", "{A's ")
            probes.append(
                Probe(
                    surface,
                    f"{method} {shown}",
                    "404",
                    str(response.status_code),
                    _seen(response, owner),
                )
            )
        for path, body in CHAT.items():
            response = await b.post(path, json={**body, "thread_id": owner.ids["thread_id"]})
            tried = f"POST {path} with A's thread_id"
            probes.append(
                Probe("chat", tried, "404", str(response.status_code), _seen(response, owner))
            )
        own = (await b.post("/threads", json={})).json()["thread_id"]
        response = await b.get(f"/threads/{own}/runs/{owner.ids['run_id']}")
        tried = "GET /threads/{B's own thread}/runs/{A's run_id}"
        probes.append(
            Probe("Agent Protocol", tried, "404", str(response.status_code), _seen(response, owner))
        )
        probes += await _lists(b, owner)
    return probes


async def _lists(b: httpx.AsyncClient, owner: Owner) -> list[Probe]:
    """B's own lists and searches: 200, none of A's rows."""
    openapi = (await b.get("/openapi.json")).json()
    reads: list[tuple[str, str, dict[str, Any] | None]] = [
        ("GET", path, None)
        for path, ops in openapi["paths"].items()
        if path.startswith("/api/v1/")
        and not path.startswith("/api/v1/dev/")  # the embedded default's token page
        and "{" not in path
        and "get" in ops
        and not any(p.get("required") for p in ops["get"].get("parameters", []))
    ]
    reads += [
        ("POST", "/threads/search", {}),
        ("POST", "/api/v1/pam/chat", {"message": "list every user's expenses"}),
    ]
    probes = []
    for method, path, body in reads:
        response = await b.request(method, path, json=body)
        tried = f"{method} {path} (B's own view)"
        probes.append(
            Probe(
                "REST" if path.startswith("/api/") else "Agent Protocol",
                tried,
                "200, no A data",
                "200, no A data" if response.status_code == 200 else str(response.status_code),
                _seen(response, owner),
            )
        )
    return probes


async def ws_probes(ws_base: str, owner: Owner, intruder: str) -> list[Probe]:
    frames = {
        "chat": {
            "type": "chat",
            "message": "hi",
            "thread_id": owner.ids["thread_id"],
            "message_id": "x1",
        },
        "resume": {
            "type": "resume",
            "thread_id": owner.ids["thread_id"],
            "decisions": [{"type": "approve"}],
            "message_id": "x2",
        },
        "cancel": {"type": "cancel", "thread_id": owner.ids["thread_id"]},
    }
    probes = []
    async with connect(f"{ws_base}/api/v1/pam/ws?token={token_for(intruder)}") as ws:
        await ws.recv()  # connected
        for name, frame in frames.items():
            await ws.send(orjson.dumps(frame).decode())
            raw = str(await ws.recv())
            got = orjson.loads(raw)
            code = got.get("code") if got.get("type") == "error" else got.get("type")
            tried = f"`{name}` frame with A's thread_id"
            probes.append(Probe("WebSocket", tried, "NOT_FOUND", str(code), owner.marker in raw))
    return probes


async def isolation_matrix(base_url: str, ws_base: str) -> tuple[list[Probe], list[str]]:
    """(probes, problems): problems are routes the matrix misses and changes to A's data."""
    owner = await make_owner(base_url)
    intruder = f"bob-{uuid.uuid4().hex[:8]}"
    probes = await http_probes(base_url, owner, intruder)
    probes += await ws_probes(ws_base, owner, intruder)
    probes += await door_probes(base_url, owner, intruder)
    probes += await claim_probes(base_url, owner, intruder)  # last: B then holds A's ids
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        problems = isolation_gaps((await http.get("/openapi.json")).json())
    problems = [f"not probed: {g}" for g in problems] + await owner_intact(base_url, owner)
    return probes, problems
