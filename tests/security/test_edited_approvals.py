"""Redteam 8: an edited approval ran another action than the one asked about. The card
asked "Delete the $9.00 expense?"; an `edit` decision naming `add_income` logged an
income (and one naming another domain's tool failed the turn with a 500). An edit now
changes only the asked action's arguments: the chat doors refuse another name with 422
before anything runs, and the Agent Protocol's raw `command.resume` (which reaches the
graph directly) is answered as a refusal. Real server, real HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from langchain_core.messages import AIMessage

from tests.api.conftest import Serve, StreamingScriptedModel, add_expense, auth
from tests.api.rest_support import new_user
from tests.fakes import call, route
from tools.db.pool import Pool
from tools.social.models import YOU

pytestmark = pytest.mark.hardening

INCOME = {"name": "add_income", "args": {"amount": 5000, "source": "an edited card"}}
POST = {"name": "create_post", "args": {"content": "an edited card", "visibility": "public"}}


def _asks_to_delete(expense_id: str) -> list[Any]:
    # The asked call, then replies for whatever the model is asked afterwards.
    return [route("wins"), call("delete_expense", "d1", expense_id=expense_id)] + [
        AIMessage("Nothing was done.") for _ in range(4)
    ]


async def _money(c: httpx.AsyncClient) -> tuple[int, int]:
    expenses = (await c.get("/api/v1/wins/expenses")).json()["count"]
    summary = (await c.get("/api/v1/wins/summary")).json()
    return expenses, int(summary["income_total"])


@pytest.mark.parametrize("edited", [INCOME, POST], ids=["same domain", "other domain"])
async def test_a_chat_resume_cannot_edit_the_card_into_another_action(
    serve: Serve, pool: Pool, edited: dict[str, Any]
) -> None:
    user = new_user("editor")
    expense_id = await add_expense(pool, user, 9)
    async with (
        serve(StreamingScriptedModel(script=_asks_to_delete(expense_id))) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(user), timeout=30) as c,
    ):
        asked = (await c.post("/api/v1/pam/chat", json={"message": "delete it"})).json()
        assert asked["interrupt"]["action_requests"][0]["name"] == "delete_expense"
        decision = {"type": "edit", "edited_action": edited}
        answer = await c.post(
            "/api/v1/pam/resume", json={"thread_id": asked["thread_id"], "decisions": [decision]}
        )
        money = await _money(c)
        feed = (await c.get("/api/v1/social/feed")).json()
    assert answer.status_code == 422, answer.text
    assert "edited_action.name" in answer.json()["detail"]
    assert money == (1, 0)
    assert [p for p in feed["posts"] if p["author_name"] == YOU] == []


async def test_an_agent_protocol_resume_cannot_edit_the_card_into_another_action(
    serve: Serve, pool: Pool
) -> None:
    user = new_user("editor")
    expense_id = await add_expense(pool, user, 9)
    async with (
        serve(StreamingScriptedModel(script=_asks_to_delete(expense_id))) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(user), timeout=30) as c,
    ):
        asked = (await c.post("/api/v1/pam/chat", json={"message": "delete it"})).json()
        decision = {"type": "edit", "edited_action": INCOME}
        ran = await c.post(
            f"/threads/{asked['thread_id']}/runs/wait",
            json={"assistant_id": "pam", "command": {"resume": {"decisions": [decision]}}},
        )
        money = await _money(c)
    assert ran.status_code == 200, ran.text
    assert "__error__" not in ran.json()
    assert money == (1, 0)
