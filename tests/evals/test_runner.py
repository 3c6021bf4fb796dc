"""The runner over a small dataset with a scripted model: the real graph, database,
interrupts and decisions, fixtures, final state, failures and the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage

from evals.dataset import load_dataset
from evals.metrics import document
from evals.report import render
from evals.runner import run_suite
from tests.fakes import ScriptedChatModel, call, route
from tools.db.pool import Pool

NOW = "2026-03-10T09:00:00+11:00"
GROUP = "Runner Test Riders"
FLOW = {
    "id": "flow",
    "tags": ["wins", "approvals"],
    "now": NOW,
    "profile": {"display_name": "Sam"},
    "fixtures": {
        "expenses": [{"amount": 20, "category": "food", "date": "2026-03-09"}],
        "groups": [{"name": GROUP, "member": True}],
        "posts": [{"content": "Welcome, riders", "group": GROUP}],
        "tasks": [{"title": "Fix awning", "status": "done"}],
    },
    "turns": [
        {
            "user": "spent 85.40 on diesel yesterday",
            "expect": {
                "route": ["wins"],
                "tools": [
                    {
                        "name": "add_expense",
                        "args": {"amount": 85.4, "category": "fuel", "date": "2026-03-09"},
                    }
                ],
                "reply_contains": ["85.40"],
            },
        },
        {
            "user": "delete that one",
            "expect": {"route": ["wins"], "tools": [{"name": "delete_expense"}], "interrupt": True},
        },
        {
            "decisions": [{"type": "approve"}],
            "expect": {"tools": [], "reply_contains": ["deleted"], "interrupt": False},
        },
    ],
    "final_state": {
        "expenses": {"count": 1, "contains": [{"amount": 20, "category": "food"}]},
        "groups": {"count": 1, "contains": [{"name": GROUP, "member": True}]},
        "posts": {"count": 0},
        "tasks": {"contains": [{"title": "fix awning", "status": "done"}]},
    },
}
EDITED = "Hello road, from Broome!"
EDIT = {
    "id": "edit",
    "tags": ["social", "approvals"],
    "now": NOW,
    "turns": [
        {
            "user": "post hello road",
            "expect": {"tools": [{"name": "create_post"}], "interrupt": True},
        },
        {
            "decisions": [
                {
                    "type": "edit",
                    "edited_action": {"name": "create_post", "args": {"content": EDITED}},
                }
            ],
            "expect": {"tools": [{"name": "create_post", "args": {"content": EDITED}}]},
        },
    ],
    "final_state": {
        "posts": {"count": 1, "contains": [{"content": EDITED, "visibility": "public"}]}
    },
}
FAILING = {
    "id": "failing",
    "tags": ["wins"],
    "now": NOW,
    "turns": [
        {
            "user": "hello",
            "expect": {
                "route": ["wins"],
                "tools": [{"name": "add_expense"}],
                "reply_contains": ["logged"],
            },
        },
        {"decisions": [{"type": "approve"}], "expect": {"reply_contains": ["deleted"]}},
    ],
}
BAD_FIXTURE = {
    "id": "bad-fixture",
    "now": NOW,
    "fixtures": {"expenses": [{"amount": -5, "category": "food"}]},
    "turns": [{"user": "hi", "expect": {"route": ["general"]}}],
}


def _delete_the_new_one(messages: list[BaseMessage]) -> AIMessage:
    for m in messages:
        if isinstance(m, ToolMessage) and m.name == "add_expense":
            expense = json.loads(m.text)["expense"]
            if expense["amount"] == 85.4:
                return call("delete_expense", "d1", expense_id=expense["id"])
    raise AssertionError("the scripted model found no new expense to delete")


def _model() -> ScriptedChatModel:
    return ScriptedChatModel(
        script=[
            route("wins"),
            # A write's summary is the reply: no model call restates it.
            call("add_expense", "a1", amount=85.4, category="fuel", date="2026-03-09"),
            route("wins"),
            _delete_the_new_one,
            route("social"),
            call("create_post", "p1", content="Hello road!"),
            route("general"),
            AIMessage("Hi there!"),
        ]
    )


async def _suite(tmp_path: Path, pool: Pool) -> Any:
    path = tmp_path / "mini.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in (FLOW, EDIT, FAILING, BAD_FIXTURE)))
    return await run_suite(
        load_dataset(path),
        pool=pool,
        model=_model(),
        model_name="scripted",
        files=[str(path)],
        concurrency=1,
    )


async def test_the_runner_scores_turns_state_and_failures(tmp_path: Path, pool: Pool) -> None:
    suite = await _suite(tmp_path, pool)
    doc = document(suite)
    by_id = {c["id"]: c for c in doc["conversations"]}
    assert by_id["flow"] == {"id": "flow", "passed": True, "failures": []}
    assert by_id["edit"]["passed"], by_id["edit"]["failures"]
    assert by_id["failing"]["failures"] == [
        "turn 1: route expected [wins], got [general]",
        "turn 1: expected tool add_expense, got none",
        'turn 1: reply lacks "logged"; reply was "Hi there!"',
        "turn 2: not run: decisions given, but nothing is waiting for approval",
    ]
    assert by_id["bad-fixture"]["failures"][0].startswith("setup: fixtures.expenses[0]: ")
    assert "amount" in by_id["bad-fixture"]["failures"][0]
    s = doc["summary"]
    assert (s["conversations"], s["passed"], s["conversation_pass_rate"]) == (4, 2, 0.5)
    assert s["turns"] == 8
    assert s["route_accuracy"] == round(2 / 4, 4)  # flow 1, flow 2, failing 1, bad-fixture 1
    assert s["state_accuracy"] == 1.0
    assert s["pass_hat_k"] == {"1": 0.5}
    assert 0 < s["turn_latency_ms"]["p50"] <= s["turn_latency_ms"]["p95"]
    flow = suite.runs[0]
    assert flow.turns[1].observed.interrupt
    assert flow.turns[1].observed.reply == "Delete the $85.40 fuel expense of 9 Mar?"  # asked
    assert flow.turns[2].observed.tools == []  # approving is not a new call


async def test_runs_leave_no_users_behind(tmp_path: Path, pool: Pool) -> None:
    async with pool.connection() as conn:
        before = await (await conn.execute("SELECT count(*) AS n FROM groups")).fetchone()
        await _suite(tmp_path, pool)
        after = await (await conn.execute("SELECT count(*) AS n FROM groups")).fetchone()
    assert before == after


async def test_the_report_has_every_section(tmp_path: Path, pool: Pool) -> None:
    report = render(await _suite(tmp_path, pool))
    for heading in (
        "# PAM eval report",
        "## Summary",
        "## Per-tag accuracy",
        "## Route confusion matrix",
        "## Failed conversations",
        "### `failing`",
        "### `bad-fixture`",
    ):
        assert heading in report
    assert "| conversation_pass_rate | 0.5 |" in report
    assert "| approvals | 2 | 2 | 1 |" in report
    assert "| **wins** | 2 |  |  |  | 1 |  |" in report  # one wins turn went to general
    assert "| ❌ route | wins | general |" in report
    assert "### `flow`" not in report
