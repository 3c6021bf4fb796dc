"""The flags admin API (admins only, audited, clear errors) and the door kill switches."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect

from agent.flags import CATALOGUE
from server.auth import TokenVerifier
from server.flags.rules import FlagRule
from server.flags.store import save_rule
from tests.api.conftest import (
    TEST_JWT_SECRET,
    Serve,
    auth,
    frames_until,
    recv_frame,
    send_frame,
    uid,
    ws_url,
)
from tests.api.test_agent_protocol_support import person
from tools.db.pool import Pool

ADMIN = "/api/v1/admin/flags"


@pytest.fixture
async def clean_flags(pool: Pool) -> AsyncIterator[None]:
    yield
    async with pool.connection() as conn:
        await conn.execute("DELETE FROM feature_flags")


def admin_auth(user: str, role: str = "admin") -> dict[str, str]:
    token = TokenVerifier(secret=TEST_JWT_SECRET, audience="authenticated").issue(
        user, extra={"app_metadata": {"role": role}}
    )
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.usefixtures("clean_flags")
async def test_only_admins_see_the_admin_api(serve: Serve) -> None:
    async with serve() as server, httpx.AsyncClient(base_url=server.url, timeout=30) as c:
        nobody = await c.get(ADMIN)
        user = await c.get(ADMIN, headers=auth(person("ursula")))
        wrong_role = await c.get(ADMIN, headers=admin_auth(person("ed"), role="editor"))
        forged = await c.get(ADMIN, headers={"Authorization": "Bearer not.a.token"})
        put = await c.put(
            f"{ADMIN}/domain.social", json={"default": False}, headers=auth(person("u"))
        )
        admin = await c.get(ADMIN, headers=admin_auth(person("ada")))
    for response in (nobody, user, wrong_role, forged, put):
        assert response.status_code == 404, response.text
    assert admin.status_code == 200
    names = [f["name"] for f in admin.json()]
    assert names == list(CATALOGUE)


@pytest.mark.usefixtures("clean_flags")
async def test_an_admin_sets_rolls_out_and_clears_a_flag_and_each_change_is_audited(
    serve: Serve,
) -> None:
    ada = person("ada")
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=admin_auth(ada), timeout=30) as c,
    ):
        put = await c.put(f"{ADMIN}/action.create_post", json={"default": False})
        flags = server.app.state.resources.flags
        off_for_all = not flags.for_user(uid("anyone")).allows("action.create_post")
        rolled = await c.put(f"{ADMIN}/domain.wins/rollout", json={"percentage": 30})
        cleared = await c.delete(f"{ADMIN}/action.create_post")
        audit = (await c.get(f"{ADMIN}/action.create_post/audit")).json()
    assert put.status_code == 200 and put.json()["source"] == "table"
    assert off_for_all
    assert rolled.json()["rule"] == {
        "default": True,
        "value": False,
        "percentage": 30.0,
        "users": [],
        "where": {},
    }
    assert cleared.json()["source"] == "default" and cleared.json()["rule"] is None
    assert [a["actor"] for a in audit][:2] == [f"user:{uid(ada)}"] * 2
    assert audit[0]["old"]["default"] is False and audit[0]["new"] is None
    assert audit[1]["old"] is None and audit[1]["new"]["default"] is False


@pytest.mark.usefixtures("clean_flags")
@pytest.mark.parametrize(
    ("method", "path", "body", "status", "message"),
    [
        ("put", "/domain.sociall", {"default": False}, 404, "unknown flag 'domain.sociall'"),
        ("get", "/nope.nope", None, 404, "unknown flag 'nope.nope'"),
        ("put", "/domain.wins/rollout", {"percentage": 120}, 422, "less than or equal to 100"),
        ("put", "/domain.wins", {"default": "off"}, 422, "boolean flag"),
        ("put", "/experiment.model", {"default": "openai:"}, 422, "cannot load"),
        ("put", "/experiment.prompt", {"default": "shouty"}, 422, "unknown prompt variant"),
        (
            "put",
            "/domain.wins",
            {"default": False, "value": True, "where": {"pets": "kelpie"}},
            422,
            "unknown fact 'pets'; the facts a rule can target: units, currency, timezone",
        ),
        (
            "put",
            "/domain.wins",
            {"default": False, "value": True, "where": {"units": []}},
            422,
            "where.units must be a value or a non-empty list of values",
        ),
    ],
)
async def test_bad_admin_requests_are_refused_clearly(
    serve: Serve, method: str, path: str, body: Any, status: int, message: str
) -> None:
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=admin_auth(person("ada")), timeout=30) as c,
    ):
        response = await c.request(method, f"{ADMIN}{path}", json=body)
        rules = server.app.state.resources.flags.rules
    assert response.status_code == status
    assert message in response.text
    assert not rules  # nothing was written


@pytest.mark.usefixtures("clean_flags")
async def test_a_door_switched_off_answers_paused(serve: Serve) -> None:
    ada, pat = person("ada"), person("pat")
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, timeout=30) as c,
    ):
        for door in ("sse", "websocket", "agent_protocol", "mcp", "agent_to_agent", "agui"):
            r = await c.put(
                f"{ADMIN}/transport.{door}", json={"default": False}, headers=admin_auth(ada)
            )
            assert r.status_code == 200
        await c.put(f"{ADMIN}/web.page", json={"default": False}, headers=admin_auth(ada))
        sse = await c.post("/api/v1/pam/chat/stream", json={"message": "hi"}, headers=auth(pat))
        ap = await c.post("/threads", json={}, headers=auth(pat))
        page = await c.get("/")
        mcp = await c.post("/mcp", json={}, headers=auth(pat))
        a2a = await c.post("/a2a", json={}, headers=auth(pat))
        card = await c.get("/.well-known/agent-card.json")
        agui = await c.post("/agui", json={}, headers=auth(pat))
        rest = await c.post("/api/v1/pam/chat", json={"message": "hello"}, headers=auth(pat))
        async with connect(ws_url(server, pat)) as ws:
            frame = await recv_frame(ws)
            await ws.wait_closed()
            close_code = ws.close_code
        health = (await c.get("/health/ready")).json()
    doors = [(sse, "sse"), (ap, "agent_protocol"), (page, "web.page"), (mcp, "mcp")]
    doors += [(a2a, "agent_to_agent"), (card, "agent_to_agent"), (agui, "agui")]
    for response, name in doors:
        flag = name if name == "web.page" else f"transport.{name}"
        assert response.status_code == 503
        assert response.json() == {"detail": CATALOGUE[flag].paused, "code": "unavailable"}
        assert response.headers["retry-after"] == "60"
    assert frame == {
        "type": "error",
        "code": "PAUSED",
        "message": CATALOGUE["transport.websocket"].paused,
    }
    assert close_code == 1013
    assert rest.status_code == 200  # a door not switched off stays open
    assert health["flags"] == {
        "provider": "pam",
        "status": "ok",
        "detail": "7 flag rule(s) in force",
    }


@pytest.mark.usefixtures("clean_flags")
async def test_an_open_socket_honours_the_switch_from_its_next_turn(serve: Serve) -> None:
    sam = person("sam")
    async with serve() as server, connect(ws_url(server, sam)) as ws:
        assert (await recv_frame(ws))["type"] == "connected"
        await send_frame(ws, {"type": "chat", "message": "hello", "message_id": "m1"})
        before = await frames_until(ws, "response_complete")
        rule = FlagRule(default=True, value=False, users=(uid(sam),))
        await save_rule(server.app.state.resources.pool, "transport.websocket", rule, "test")
        await server.app.state.resources.flags.reload()
        await send_frame(ws, {"type": "chat", "message": "hello again", "message_id": "m2"})
        refused = await recv_frame(ws)
    assert "chat_response" in [f["type"] for f in before]
    assert refused == {
        "type": "error",
        "code": "PAUSED",
        "message": CATALOGUE["transport.websocket"].paused,
        "message_id": "m2",
    }


def test_the_admin_role_claims_follow_the_settings() -> None:
    from server.flags.admin import claim_at, role_claims
    from server.flags.settings import FlagSettings

    supabase = role_claims(FlagSettings(_env_file=None))
    assert supabase == {"app_metadata": {"role": "admin"}}
    custom = FlagSettings(_env_file=None, pam_admin_role_claim="pam_role", pam_admin_role="ops")
    assert claim_at(role_claims(custom), "pam_role") == "ops"
