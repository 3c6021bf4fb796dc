"""run_action: what Postgres refuses comes back as the caller's error, with nothing written."""

from __future__ import annotations

import uuid

from tests.conftest import ScopedDb
from tools.registry import ACTIONS_BY_NAME
from tools.run import call_action


async def test_a_nul_character_is_an_invalid_argument_not_a_crash(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id) as db:
        out = await call_action(
            ACTIONS_BY_NAME["add_expense"],
            db,
            {"amount": 5, "category": "food", "description": "pie\x00chips"},
        )
        count = await (await db.conn.execute("SELECT count(*) AS n FROM expenses")).fetchone()
    assert out["ok"] is False
    assert out["error"] == "invalid"
    assert "can't be stored" in out["summary"]
    assert count == {"n": 0}


async def test_the_transaction_stays_usable_after_a_refused_action(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    async with scoped(user_id) as db:
        bad = await call_action(ACTIONS_BY_NAME["add_task"], db, {"title": "a\x00b"})
        good = await call_action(ACTIONS_BY_NAME["add_task"], db, {"title": "Check tyres"})
    assert bad["ok"] is False
    assert good["ok"] is True
