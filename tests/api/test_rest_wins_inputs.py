"""Bad input to the wins REST routes: wrong types, values out of range, unknown fields
and malformed JSON are 422; arguments the action refuses are 400."""

from __future__ import annotations

import uuid

from tests.api.conftest import Serve
from tests.api.rest_support import clients, error, ok
from tests.fakes import ScriptedChatModel


async def test_wins_bad_input_is_a_clear_4xx(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, clients(server, "dave") as (dave,):
        wrong_type = error(
            await dave.post("/wins/expenses", json={"amount": "lots", "category": "food"}), 422
        )
        assert "amount" in wrong_type["detail"]
        error(await dave.post("/wins/expenses", json={"amount": -5, "category": "food"}), 422)
        error(await dave.post("/wins/expenses", json={"amount": 5, "category": "yachts"}), 422)
        error(
            await dave.post(
                "/wins/expenses",
                json={"amount": 5, "category": "food", "user_id": str(uuid.uuid4())},
            ),
            422,
        )
        error(await dave.post("/wins/expenses", json=[1, 2]), 422)
        malformed = await dave.post(
            "/wins/expenses", content=b'{"amount": 5,', headers={"Content-Type": "application/json"}
        )
        not_json = error(malformed, 422, "invalid_request")
        # try17: the offset stood where a field's name goes ("— 13: JSON decode error")
        assert not_json["detail"].startswith("Invalid request — body: not valid JSON ("), not_json
        assert "at character 13" in not_json["detail"], not_json
        error(await dave.get("/wins/expenses", params={"limit": 0}), 422)
        error(await dave.get("/wins/expenses", params={"limit": 101}), 422)
        error(await dave.get("/wins/expenses", params={"start_date": "yesterday"}), 422)
        error(await dave.patch("/wins/expenses/not-a-uuid", json={"amount": 1}), 422)
        empty = error(await dave.patch(f"/wins/expenses/{uuid.uuid4()}", json={}), 400, "invalid")
        assert "what to change" in empty["detail"]
        error(await dave.put("/wins/budgets/yachts", json={"monthly_limit": 10}), 422)
        error(
            await dave.put("/wins/budgets/food", json={"monthly_limit": 10, "alert_threshold": 2}),
            422,
        )
        error(await dave.get("/wins/budgets/status", params={"month": "2026-13"}), 422)
        error(await dave.get("/wins/summary", params={"period": "forever"}), 422)
        both = error(
            await dave.get(
                "/wins/summary", params={"period": "this_week", "start_date": "2026-01-01"}
            ),
            400,
        )
        assert "either a period" in both["detail"]


async def test_a_nul_in_an_actions_text_is_a_422_naming_the_field(serve: Serve) -> None:
    """try15: a NUL reached the write and came back a 400 in psycopg's words ("A value
    can't be stored: PostgreSQL text fields cannot contain NUL (0x00) bytes."), naming no
    field. Every action's arguments now refuse it, as the chat body does."""
    async with serve(ScriptedChatModel()) as server, clients(server, "nul") as (user,):
        cases = [
            (
                "/wins/expenses",
                "description",
                {"amount": 5, "category": "food", "description": "a\x00b"},
            ),
            ("/you/shopping-list", "items", {"items": ["milk", "eg\x00gs"]}),
            ("/social/posts", "content", {"content": "hi\x00", "visibility": "public"}),
        ]
        for path, field, body in cases:
            refused = error(await user.post(path, json=body), 422, "invalid_request")
            assert field in refused["detail"] and "NUL" in refused["detail"], refused
            assert "PostgreSQL" not in refused["detail"]
        assert (await user.get("/wins/expenses")).json()["expenses"] == []


async def test_a_currency_is_a_real_currency_code(serve: Serve) -> None:
    """Any three letters were a currency: "ADU" for AUD logged an expense no total or
    budget counts, and on the profile it left all the user's AUD spending "not counted".
    Now a code that is not ISO 4217's is a 422 naming the field; case still does not
    matter."""
    async with serve(ScriptedChatModel()) as server, clients(server, "fay") as (fay,):
        for code in ("ADU", "XYZ", "AAA"):
            refused = error(
                await fay.post(
                    "/wins/expenses", json={"amount": 50, "category": "fuel", "currency": code}
                ),
                422,
            )
            assert "currency" in refused["detail"] and "ISO 4217" in refused["detail"]
            error(await fay.patch("/you/profile", json={"currency": code}), 422)
        assert ok(await fay.get("/wins/expenses"))["expenses"] == []
        assert ok(await fay.get("/you/profile"))["currency"] == "AUD"
        made = ok(
            await fay.post(
                "/wins/expenses", json={"amount": 12, "category": "food", "currency": "nzd"}
            ),
            201,
        )
        assert made["expense"]["currency"] == "NZD"
        assert (
            ok(await fay.patch("/you/profile", json={"currency": "eur"}))["profile"]["currency"]
            == "EUR"
        )


async def test_a_text_too_long_or_blank_is_said_in_characters(serve: Serve) -> None:
    """try17: a description over its bound was refused as "Value should have at most 500
    items after validation, not 5000" (and a blank title "at least 1 item"): a text's
    bound said as if it were a list's. Now it is said in characters, as the chat body's."""
    async with serve(ScriptedChatModel()) as server, clients(server, "len") as (user,):
        long = error(
            await user.post(
                "/wins/expenses", json={"amount": 5, "category": "fuel", "description": "a" * 501}
            ),
            422,
        )
        assert "at most 500 characters" in long["detail"], long
        blank = error(await user.post("/you/tasks", json={"title": "   "}), 422)
        assert "at least 1 character" in blank["detail"], blank
        for refused in (long, blank):
            assert "item" not in refused["detail"], refused
        assert ok(await user.get("/wins/expenses"))["expenses"] == []
