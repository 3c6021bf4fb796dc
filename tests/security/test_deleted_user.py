"""Redteam 8: a still-valid token of a user whose row was deleted (by an operator, say)
kept failing: the server remembered the user as known, skipped creating their row, and
every write broke on the foreign key (REST 400, chat 500) until it restarted. Now the
first failing write makes it forget the user, and the token works again as a new user
would — none of the deleted data comes back. Real server, real HTTP."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import Serve, auth, uid
from tests.api.rest_support import new_user
from tools.db.pool import Pool

pytestmark = pytest.mark.hardening

EXPENSE = {"amount": 12.5, "category": "food", "description": "before the deletion"}


async def test_a_deleted_users_token_starts_afresh_after_one_failure(
    serve: Serve, pool: Pool
) -> None:
    user = new_user("deleted")
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(user), timeout=30) as c,
    ):
        assert (await c.post("/api/v1/wins/expenses", json=EXPENSE)).status_code == 201
        async with pool.connection() as conn:  # as an operator would, outside PAM
            await conn.execute("DELETE FROM users WHERE id = %s", (uid(user),))
        await c.post("/api/v1/pam/chat", json={"message": "hello"})  # finds the row gone
        chat = await c.post("/api/v1/pam/chat", json={"message": "hello"})
        wrote = await c.post("/api/v1/wins/expenses", json={**EXPENSE, "description": "after"})
        listed = (await c.get("/api/v1/wins/expenses")).json()
    assert chat.status_code == 200, chat.text
    assert wrote.status_code == 201, wrote.text
    assert [e["description"] for e in listed["expenses"]] == ["after"]


async def test_a_deleted_users_rest_writes_recover_after_one_clear_refusal(
    serve: Serve, pool: Pool
) -> None:
    """Redteam 9: an action turns a foreign-key error into a 400 inside the transaction,
    so the process never learnt that the user's row was gone: a user who only wrote
    through REST actions got "That refers to something that doesn't exist." (400) on
    every write until a restart. Now the first write is a 409 saying to send it again,
    and the next one works."""
    user = new_user("deleted-rest")
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(user), timeout=30) as c,
    ):
        assert (await c.post("/api/v1/wins/expenses", json=EXPENSE)).status_code == 201
        async with pool.connection() as conn:
            await conn.execute("DELETE FROM users WHERE id = %s", (uid(user),))
        first = await c.post("/api/v1/wins/expenses", json={**EXPENSE, "description": "1st"})
        second = await c.post("/api/v1/wins/expenses", json={**EXPENSE, "description": "2nd"})
        listed = (await c.get("/api/v1/wins/expenses")).json()
    assert first.status_code == 409, first.text
    assert "again" in first.json()["detail"]
    assert second.status_code == 201, second.text
    assert [e["description"] for e in listed["expenses"]] == ["2nd"]
