"""Issue 14 L7: one user per (issuer, exact `sub`). Spellings of one UUID are different
users, and a token whose `sub` is another user's uuid5 is not that user."""

from __future__ import annotations

import uuid

import httpx
import pytest

from server.auth import user_uuid
from tests.api.conftest import Serve, auth, uid
from tests.api.rest_support import new_user

pytestmark = pytest.mark.hardening  # issue 14 (make chaos runs it too)


async def expenses(c: httpx.AsyncClient, sub: str) -> list[dict[str, object]]:
    answer = await c.get("/api/v1/wins/expenses", headers=auth(sub))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return list(body["expenses"])


async def test_a_uuid5_sub_is_not_the_user_it_was_derived_from(serve: Serve) -> None:
    alice = new_user("alice")
    async with serve() as server, httpx.AsyncClient(base_url=server.url) as c:
        made = await c.post(
            "/api/v1/wins/expenses", headers=auth(alice), json={"amount": 12, "category": "fuel"}
        )
        assert made.status_code == 201, made.text
        assert len(await expenses(c, alice)) == 1
        impostor = str(user_uuid(alice))  # the id alice's sub maps to
        assert await expenses(c, impostor) == []


@pytest.mark.parametrize(
    "spelling",
    [str.upper, lambda s: "{" + s + "}", lambda s: "urn:uuid:" + s, lambda s: s.replace("-", "")],
)
async def test_spellings_of_one_uuid_are_different_users(serve: Serve, spelling: object) -> None:
    sub = str(uuid.uuid4())
    async with serve() as server, httpx.AsyncClient(base_url=server.url) as c:
        made = await c.post(
            "/api/v1/wins/expenses", headers=auth(sub), json={"amount": 7, "category": "food"}
        )
        assert made.status_code == 201, made.text
        other = spelling(sub)  # type: ignore[operator]
        assert other != sub
        assert await expenses(c, other) == []
        assert len(await expenses(c, sub)) == 1


async def test_a_canonical_uuid_sub_is_its_own_user_id(serve: Serve) -> None:
    """Supabase's subs stay the user ids they always were (no data moves)."""
    sub = str(uuid.uuid4())
    async with serve() as server, httpx.AsyncClient(base_url=server.url) as c:
        me = await c.post(
            "/api/v1/wins/expenses", headers=auth(sub), json={"amount": 3, "category": "food"}
        )
        assert me.status_code == 201
        assert uid(sub) == uuid.UUID(sub)
        async with server.app.state.resources.pool.connection() as conn:
            found = await (
                await conn.execute("SELECT user_id FROM identities WHERE subject = %s", (sub,))
            ).fetchone()
        assert found is not None and found["user_id"] == uuid.UUID(sub)
