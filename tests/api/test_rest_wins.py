"""Wins over REST on a real server: expenses, income, budgets, status and summary."""

from __future__ import annotations

import uuid

from tests.api.conftest import Serve
from tests.api.rest_support import clients, error, ok
from tests.fakes import ScriptedChatModel


async def test_expenses_create_list_update_delete(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, clients(server, "alice") as (alice,):
        made = ok(
            await alice.post(
                "/wins/expenses",
                json={
                    "amount": 85.4,
                    "category": "Fuel",
                    "description": "Dubbo diesel",
                    "date": "2026-03-09",
                },
            ),
            201,
        )
        expense = made["expense"]
        assert expense | {"id": None} == {
            "id": None,
            "amount": 85.4,
            "currency": "AUD",
            "category": "fuel",
            "description": "Dubbo diesel",
            "date": "2026-03-09",
        }
        assert made["ids"] == [expense["id"]] and made["summary"].startswith("Logged $85.40")
        assert made["ui_actions"][0]["type"] == "reload_expenses"
        ok(
            await alice.post(
                "/wins/expenses", json={"amount": 12, "category": "food", "date": "2026-03-10"}
            ),
            201,
        )

        listed = ok(await alice.get("/wins/expenses", params={"limit": 1}))
        assert listed["count"] == 2 and listed["total"] == 97.4
        assert [e["category"] for e in listed["expenses"]] == ["food"]  # newest first, 1 shown
        fuel_only = ok(await alice.get("/wins/expenses", params={"category": "fuel"}))
        assert [e["id"] for e in fuel_only["expenses"]] == [expense["id"]]

        changed = ok(await alice.patch(f"/wins/expenses/{expense['id']}", json={"amount": 90}))
        assert changed["expense"]["amount"] == 90.0
        assert changed["expense"]["description"] == "Dubbo diesel"  # untouched

        deleted = ok(await alice.delete(f"/wins/expenses/{expense['id']}"))
        assert deleted["expense"]["id"] == expense["id"]  # no approval step over REST
        assert ok(await alice.get("/wins/expenses"))["count"] == 1
        error(await alice.delete(f"/wins/expenses/{expense['id']}"), 404, "not_found")


async def test_another_users_expense_is_not_found(serve: Serve) -> None:
    async with (
        serve(ScriptedChatModel()) as server,
        clients(server, "alice", "bob") as (
            alice,
            bob,
        ),
    ):
        made = ok(await alice.post("/wins/expenses", json={"amount": 20, "category": "food"}), 201)
        expense_id = made["expense"]["id"]
        stranger = uuid.uuid4()
        unknown = error(await bob.patch(f"/wins/expenses/{stranger}", json={"amount": 1}), 404)
        others = error(await bob.patch(f"/wins/expenses/{expense_id}", json={"amount": 1}), 404)
        # The same answer as for an id that doesn't exist: nothing to probe.
        assert unknown["detail"] == f"I couldn't find expense {stranger}."
        assert others["detail"] == f"I couldn't find expense {expense_id}."
        error(await bob.delete(f"/wins/expenses/{expense_id}"), 404, "not_found")
        assert ok(await bob.get("/wins/expenses"))["count"] == 0
        still = ok(await alice.get("/wins/expenses"))["expenses"]
        assert [(e["id"], e["amount"]) for e in still] == [(expense_id, 20.0)]


async def test_income_budgets_status_and_summary(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, clients(server, "carol") as (carol,):
        income = ok(
            await carol.post("/wins/incomes", json={"amount": 500, "source": "Pension"}), 201
        )
        assert income["income"]["source"] == "Pension" and income["income"]["amount"] == 500.0

        budget = ok(await carol.put("/wins/budgets/Groceries", json={"monthly_limit": 100}))
        assert budget["budget"]["category"] == "groceries" and budget["created"] is True
        again = ok(
            await carol.put(
                "/wins/budgets/groceries", json={"monthly_limit": 120, "alert_threshold": 0.5}
            )
        )
        assert again["created"] is False and again["budget"]["monthly_limit"] == 120.0
        assert again["budget"]["id"] == budget["budget"]["id"]

        spent = ok(
            await carol.post("/wins/expenses", json={"amount": 70, "category": "groceries"}), 201
        )
        assert spent["budget_warning"]["status"] == "warning"  # 70 of 120 passes 50%

        status = ok(await carol.get("/wins/budgets/status"))
        (line,) = status["budgets"]
        assert line["category"] == "groceries" and line["spent"] == 70.0
        month = status["month"]
        assert (
            ok(await carol.get("/wins/budgets/status", params={"month": month}))["month"] == month
        )

        summary = ok(await carol.get("/wins/summary", params={"period": "this_month"}))
        assert summary["total_spent"] == 70.0 and summary["income_total"] == 500.0
        assert summary["net"] == 430.0 and summary["period"] == "this_month"
