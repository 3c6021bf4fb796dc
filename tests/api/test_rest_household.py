"""You over REST on a real server: pantry, shopping list, profile and memories."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from tests.api.conftest import Serve
from tests.api.rest_support import clients, error, ok
from tests.fakes import ScriptedChatModel


async def test_pantry_and_shopping_list(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, clients(server, "tia") as (tia,):
        soon = (date.today() + timedelta(days=2)).isoformat()
        milk = ok(
            await tia.post(
                "/you/pantry",
                json={"name": "Milk", "quantity": 2, "unit": "L", "expiry_date": soon},
            ),
            201,
        )["item"]
        ok(await tia.post("/you/pantry", json={"name": "Rice"}), 201)
        everything = ok(await tia.get("/you/pantry"))["items"]
        assert sorted(i["name"] for i in everything) == ["Milk", "Rice"]
        expiring = ok(await tia.get("/you/pantry", params={"expiring_within_days": 3}))["items"]
        assert [i["id"] for i in expiring] == [milk["id"]]

        added = ok(await tia.post("/you/shopping-list", json={"items": ["eggs", "Bread"]}), 201)
        assert [i["name"] for i in added["added"]] == ["eggs", "Bread"]
        again = ok(await tia.post("/you/shopping-list", json={"items": ["EGGS", "tea"]}), 201)
        assert [i["name"] for i in again["added"]] == ["tea"] and again["already_listed"]
        items = ok(await tia.get("/you/shopping-list"))["items"]
        assert sorted(i["name"] for i in items) == ["Bread", "eggs", "tea"]
        error(await tia.post("/you/shopping-list", json={"items": []}), 422)
        error(await tia.post("/you/shopping-list", json={"items": "eggs"}), 422)
        error(await tia.post("/you/pantry", json={"name": "Oil", "quantity": -1}), 422)


async def test_profile_read_and_changed(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, clients(server, "uma", "vic") as (uma, vic):
        defaults = ok(await uma.get("/you/profile"))
        assert defaults == {
            "display_name": None,
            "home_base": None,
            "currency": "AUD",
            "units": "metric",
            "timezone": "Australia/Sydney",
            "travel_style": None,
            "pets": None,
        }
        changed = ok(
            await uma.patch(
                "/you/profile", json={"display_name": "Uma", "timezone": "australia/perth"}
            )
        )
        assert changed["profile"]["timezone"] == "Australia/Perth"
        now = ok(await uma.get("/you/profile"))
        assert (now["display_name"], now["timezone"], now["currency"]) == (
            "Uma",
            "Australia/Perth",
            "AUD",
        )
        assert ok(await vic.get("/you/profile"))["display_name"] is None  # per user
        error(await uma.patch("/you/profile", json={}), 422)
        error(await uma.patch("/you/profile", json={"timezone": "Mars/Olympus"}), 422)
        error(await uma.patch("/you/profile", json={"units": "cubits"}), 422)


async def test_memories_remembered_and_listed(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, clients(server, "wes", "xia") as (wes, xia):
        first = ok(await wes.post("/you/memories", json={"note": "Allergic to peanuts"}), 201)
        ok(await wes.post("/you/memories", json={"note": "Travels with a kelpie"}), 201)
        again = ok(await wes.post("/you/memories", json={"note": "allergic to PEANUTS"}), 201)
        assert again["memory"]["id"] == first["memory"]["id"] and again["ids"] == []
        notes = [m["note"] for m in ok(await wes.get("/you/memories"))["memories"]]
        assert notes == ["Travels with a kelpie", "Allergic to peanuts"]  # newest first
        one = ok(await wes.get("/you/memories", params={"limit": 1}))["memories"]
        assert [m["note"] for m in one] == ["Travels with a kelpie"]
        assert ok(await xia.get("/you/memories")) == {"memories": []}
        error(await wes.get("/you/memories", params={"limit": 0}), 422)
        error(await wes.post("/you/memories", json={"note": "x" * 2001}), 422)


async def test_a_pantry_item_used_or_corrected(serve: Serve) -> None:
    """try17: the pantry could only be added to. A week of eggs eaten left "24 eggs"
    (and "we used 6 eggs" in chat added six more); a wrong count could not be put right.
    PATCH /you/pantry/{id} takes what was `used` (taken off; used up, the item goes) or
    sets the quantity, unit, expiry date or name; another user's item is a 404, and a
    use of more than there is, or of an item with no count, says so and changes nothing."""
    async with serve(ScriptedChatModel()) as server, clients(server, "uma", "max") as (uma, mal):
        eggs = ok(await uma.post("/you/pantry", json={"name": "eggs", "quantity": 24}), 201)
        eggs_id = eggs["item"]["id"]
        used = ok(await uma.patch(f"/you/pantry/{eggs_id}", json={"used": 6}))
        assert used["item"]["quantity"] == 18 and used["changed"] is True, used
        assert "18 eggs" in used["summary"], used
        set_to = ok(await uma.patch(f"/you/pantry/{eggs_id}", json={"quantity": 12, "unit": "x"}))
        assert (set_to["item"]["quantity"], set_to["item"]["unit"]) == (12, "x")
        error(await mal.patch(f"/you/pantry/{eggs_id}", json={"used": 1}), 404, "not_found")
        error(await mal.patch(f"/you/pantry/{eggs_id}", json={"quantity": 1}), 404, "not_found")
        too_many = error(await uma.patch(f"/you/pantry/{eggs_id}", json={"used": 13}), 400)
        assert "12" in too_many["detail"], too_many
        error(await uma.patch(f"/you/pantry/{eggs_id}", json={}), 400, "invalid")
        both = error(
            await uma.patch(f"/you/pantry/{eggs_id}", json={"used": 1, "quantity": 3}), 400
        )
        assert "not both" in both["detail"], both
        error(await uma.patch(f"/you/pantry/{eggs_id}", json={"used": -1}), 422)
        error(await uma.patch(f"/you/pantry/{eggs_id}", json={"user_id": "x"}), 422)
        salt = ok(await uma.post("/you/pantry", json={"name": "salt"}), 201)["item"]
        error(await uma.patch(f"/you/pantry/{salt['id']}", json={"used": 1}), 400, "invalid")
        gone = ok(await uma.patch(f"/you/pantry/{eggs_id}", json={"used": 12}))
        assert "Used up" in gone["summary"] and gone["item"]["quantity"] == 0, gone
        left = ok(await uma.get("/you/pantry"))["items"]
        assert [(i["name"], i["quantity"]) for i in left] == [("salt", None)]
        error(await uma.patch(f"/you/pantry/{eggs_id}", json={"used": 1}), 404, "not_found")


async def test_a_shopping_item_ticked_off_or_corrected(serve: Serve) -> None:
    """try17: a shopping list item has a `checked` flag, but nothing could set it: bought
    things stayed on the list for good, and "2L mlik" could not be put right. PATCH
    /you/shopping-list/{id} ticks an item off (or back on) and corrects its name; another
    user's item is a 404."""
    async with serve(ScriptedChatModel()) as server, clients(server, "sal", "max") as (sal, mal):
        added = ok(await sal.post("/you/shopping-list", json={"items": ["2L mlik", "bread"]}), 201)
        milk = next(i for i in added["added"] if i["name"] == "2L mlik")
        path = f"/you/shopping-list/{milk['id']}"
        fixed = ok(await sal.patch(path, json={"name": "2L milk"}))
        assert (fixed["item"]["name"], fixed["changed"]) == ("2L milk", True), fixed
        bought = ok(await sal.patch(path, json={"checked": True}))
        assert bought["item"]["checked"] is True and "2L milk" in bought["summary"], bought
        again = ok(await sal.patch(path, json={"checked": True}))
        assert again["changed"] is False, again
        error(await mal.patch(path, json={"checked": False}), 404, "not_found")
        error(await sal.patch(path, json={}), 400, "invalid")
        error(await sal.patch(path, json={"name": " "}), 422)
        listed = ok(await sal.get("/you/shopping-list"))
        assert [(i["name"], i["checked"]) for i in listed["items"]] == [
            ("bread", False),
            ("2L milk", True),
        ]
        assert "1 ticked off" in listed["summary"], listed
        # Ticked off, it can be added again as a new thing to buy.
        ok(await sal.post("/you/shopping-list", json={"items": ["2L milk"]}), 201)


async def test_a_name_of_invisible_characters_alone_is_blank(serve: Serve) -> None:
    """try18: a task titled with a zero-width space was added, one no one could read on
    the list (as a shopping item or a pantry item was). Text with nothing a reader sees
    is blank; nothing is written."""
    async with serve(ScriptedChatModel()) as server, clients(server, "una") as (una,):
        for unseen in ("\u200b", "\u2060\ufeff\u200c"):
            refused = error(await una.post("/you/tasks", json={"title": unseen}), 422)
            assert "title: must not be blank" in refused["detail"], refused
            refused = error(await una.post("/you/shopping-list", json={"items": [unseen]}), 422)
            assert "must not be blank" in refused["detail"], refused
            refused = error(await una.post("/you/pantry", json={"name": unseen}), 422)
            assert "name: must not be blank" in refused["detail"], refused
        assert ok(await una.get("/you/tasks"))["tasks"] == []
        assert ok(await una.get("/you/shopping-list"))["items"] == []
        assert ok(await una.get("/you/pantry"))["items"] == []


async def test_more_of_a_pantry_item_adds_to_its_count(serve: Serve) -> None:
    """try18: "add 12 eggs" twice made two rows of 12 eggs. More of an item (its name in
    any case, the same unit and use-by day) adds to its count; another use-by day is a
    batch of its own; adds at once all count, in one row."""
    async with serve(ScriptedChatModel()) as server, clients(server, "wyn") as (wyn,):
        first = ok(await wyn.post("/you/pantry", json={"name": "eggs", "quantity": 12}), 201)
        more = ok(await wyn.post("/you/pantry", json={"name": "Eggs", "quantity": 12}), 201)
        assert more["item"]["id"] == first["item"]["id"] and more["item"]["quantity"] == 24
        assert more["summary"] == "Added 12 eggs to the pantry: now 24 eggs.", more
        later = (date.today() + timedelta(days=9)).isoformat()
        batch = {"name": "eggs", "quantity": 6, "expiry_date": later}
        other = ok(await wyn.post("/you/pantry", json=batch), 201)
        assert other["item"]["id"] != first["item"]["id"]
        salt = ok(await wyn.post("/you/pantry", json={"name": "salt"}), 201)
        again = ok(await wyn.post("/you/pantry", json={"name": "Salt"}), 201)
        assert (again["changed"], again["item"]["id"]) == (False, salt["item"]["id"])

        rice = {"name": "rice", "quantity": 1, "unit": "kg"}
        # wyn's row exists by now (a new user's first writes wait on its making)
        await asyncio.gather(*(wyn.post("/you/pantry", json=rice) for _ in range(5)))
        items = ok(await wyn.get("/you/pantry"))["items"]
        counts = sorted((i["name"].lower(), i["quantity"] or 0) for i in items)
        assert counts == [("eggs", 6), ("eggs", 24), ("rice", 5), ("salt", 0)], items
        over = error(await wyn.post("/you/pantry", json={**rice, "quantity": 99999}), 400)
        assert "5 kg rice already" in over["detail"], over


async def test_one_item_added_at_once_is_listed_once(serve: Serve) -> None:
    """try18: five adds of "Tea bags" at once put it on the shopping list four times (each
    read the list before another wrote)."""
    async with serve(ScriptedChatModel()) as server, clients(server, "xan") as (xan,):
        # A first write makes the user's row: a new user's writes wait on its making.
        ok(await xan.post("/you/shopping-list", json={"items": ["milk"]}), 201)
        tea = {"items": ["Tea bags"]}
        answers = await asyncio.gather(
            *(xan.post("/you/shopping-list", json=tea) for _ in range(5))
        )
        assert [a.status_code for a in answers] == [201] * 5
        items = ok(await xan.get("/you/shopping-list"))["items"]
        assert sorted(i["name"] for i in items) == ["Tea bags", "milk"], items
