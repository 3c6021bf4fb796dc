"""You over REST on a real server: calendar events and tasks."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from tests.api.conftest import Serve
from tests.api.rest_support import clients, error, ok
from tests.fakes import ScriptedChatModel

SOON = (date.today() + timedelta(days=2)).isoformat()


async def test_events_create_list_update_delete(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, clients(server, "olga") as (olga,):
        made = ok(
            await olga.post(
                "/you/events",
                json={
                    "title": "Call Mum",
                    "start": f"{SOON}T10:00:00+10:00",
                    "reminder_minutes": 15,
                },
            ),
            201,
        )
        event = made["event"]
        assert event["title"] == "Call Mum" and event["all_day"] is False
        assert made["ui_actions"][0]["type"] == "reload_calendar"
        listed = ok(await olga.get("/you/events"))  # today and the next 7 days
        assert [e["id"] for e in listed["events"]] == [event["id"]]
        later = ok(await olga.get("/you/events", params={"start_date": "2099-01-01"}))
        assert later["events"] == []

        moved = ok(
            await olga.patch(
                f"/you/events/{event['id']}", json={"title": "Call Mum and Dad", "location": "Home"}
            )
        )
        assert (
            moved["event"]["title"] == "Call Mum and Dad" and moved["event"]["location"] == "Home"
        )
        assert ok(await olga.delete(f"/you/events/{event['id']}"))["event"]["id"] == event["id"]
        assert ok(await olga.get("/you/events"))["events"] == []


async def test_tasks_added_listed_and_completed(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, clients(server, "pete") as (pete,):
        task = ok(
            await pete.post("/you/tasks", json={"title": "Grease bearings", "priority": "High"}),
            201,
        )["task"]
        assert task["priority"] == "high" and task["status"] == "open"
        ok(await pete.post("/you/tasks", json={"title": "Wash van", "due_date": SOON}), 201)
        titles = [t["title"] for t in ok(await pete.get("/you/tasks"))["tasks"]]
        assert sorted(titles) == ["Grease bearings", "Wash van"]

        done = ok(await pete.post(f"/you/tasks/{task['id']}/complete"))
        assert done["task"]["status"] == "done" and done["task"]["completed_at"]
        again = ok(await pete.post(f"/you/tasks/{task['id']}/complete"))
        assert again["task"]["status"] == "done" and "already done" in again["summary"]
        assert [t["title"] for t in ok(await pete.get("/you/tasks"))["tasks"]] == ["Wash van"]
        finished = ok(await pete.get("/you/tasks", params={"status": "done"}))["tasks"]
        assert [t["id"] for t in finished] == [task["id"]]


async def test_another_users_events_and_tasks_are_not_found(serve: Serve) -> None:
    async with (
        serve(ScriptedChatModel()) as server,
        clients(server, "quin", "rosa") as (
            quin,
            rosa,
        ),
    ):
        event = ok(await quin.post("/you/events", json={"title": "Vet", "start": SOON}), 201)
        task = ok(await quin.post("/you/tasks", json={"title": "Pay rego"}), 201)
        event_id, task_id = event["event"]["id"], task["task"]["id"]
        error(await rosa.patch(f"/you/events/{event_id}", json={"title": "Mine"}), 404, "not_found")
        error(await rosa.delete(f"/you/events/{event_id}"), 404, "not_found")
        error(await rosa.post(f"/you/tasks/{task_id}/complete"), 404, "not_found")
        error(await rosa.post(f"/you/tasks/{uuid.uuid4()}/complete"), 404, "not_found")
        assert ok(await rosa.get("/you/tasks", params={"status": "all"}))["tasks"] == []
        mine = ok(await quin.get("/you/tasks"))["tasks"]
        assert [(t["id"], t["status"]) for t in mine] == [(task_id, "open")]
        assert ok(await quin.get("/you/events"))["events"][0]["title"] == "Vet"


async def test_you_bad_input_is_a_clear_4xx(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, clients(server, "sam") as (sam,):
        error(await sam.post("/you/events", json={"title": "X", "start": "next tuesday"}), 422)
        error(await sam.post("/you/events", json={"title": "X", "start": 1700000000}), 422)
        error(await sam.post("/you/events", json={"start": SOON}), 422)
        empty = error(await sam.patch(f"/you/events/{uuid.uuid4()}", json={}), 400, "invalid")
        assert "at least one of" in empty["detail"]
        error(await sam.post("/you/tasks", json={"title": "X", "priority": "urgent"}), 422)
        error(await sam.get("/you/tasks", params={"status": "maybe"}), 422)
        error(await sam.post("/you/tasks/not-an-id/complete"), 422)
        error(await sam.get("/you/events", params={"end_date": "2026-02-30"}), 422)


async def test_reads_say_they_changed_nothing(serve: Serve) -> None:
    """try15: every read answered `"changed": true`, the field that tells a client (and a
    reply) whether anything was done. Reads and join requests only listed now say
    false; a write still says true."""
    async with serve(ScriptedChatModel()) as server, clients(server, "rhea") as (rhea,):
        made = ok(await rhea.post("/you/tasks", json={"title": "Check the awning"}), 201)
        assert made["changed"] is True
        for path in ("/you/tasks", "/you/events", "/you/shopping-list", "/wins/expenses"):
            assert ok(await rhea.get(path))["changed"] is False, path
        assert ok(await rhea.get("/social/join-requests"))["changed"] is False


async def test_a_task_corrected_or_opened_again(serve: Serve) -> None:
    """try17: a task's due day, title or priority could not be changed once added (the
    rego's due day moved; "due friday" meant the next one), nor a task ticked off by
    mistake opened again. PATCH /you/tasks/{id} does each; a null due_date clears it;
    another user's task is a 404; nothing to change is a 400."""
    async with serve(ScriptedChatModel()) as server, clients(server, "tom", "max") as (tom, mal):
        task = ok(
            await tom.post("/you/tasks", json={"title": "Renew rego", "due_date": "2030-12-20"}),
            201,
        )["task"]
        path = f"/you/tasks/{task['id']}"
        moved = ok(await tom.patch(path, json={"due_date": "2030-12-18", "priority": "high"}))
        assert (moved["task"]["due_date"], moved["task"]["priority"]) == ("2030-12-18", "high")
        assert moved["changed"] is True and "Renew rego" in moved["summary"], moved
        renamed = ok(await tom.patch(path, json={"title": "Renew caravan rego", "due_date": None}))
        assert (renamed["task"]["title"], renamed["task"]["due_date"]) == (
            "Renew caravan rego",
            None,
        )
        same = ok(await tom.patch(path, json={"title": "Renew caravan rego"}))
        assert same["changed"] is False, same
        error(await mal.patch(path, json={"title": "mine"}), 404, "not_found")
        error(await tom.patch(path, json={}), 400, "invalid")
        error(await tom.patch(path, json={"priority": "urgent"}), 422)
        error(await tom.patch(path, json={"title": "   "}), 422)
        ok(await tom.post(f"{path}/complete"))
        reopened = ok(await tom.patch(path, json={"status": "open"}))
        assert (reopened["task"]["status"], reopened["task"]["completed_at"]) == ("open", None)
        listed = ok(await tom.get("/you/tasks"))["tasks"]
        assert [(t["title"], t["priority"], t["status"]) for t in listed] == [
            ("Renew caravan rego", "high", "open")
        ]


async def test_a_task_ticked_off_by_a_correction_says_so(serve: Serve) -> None:
    """try18: PATCH /you/tasks/{id} with status "done" ticked the task off but said only
    "Updated the task: now 'Wash the van'.", as if a title had changed."""
    async with serve(ScriptedChatModel()) as server, clients(server, "wes") as (wes,):
        task = ok(await wes.post("/you/tasks", json={"title": "Wash the van"}), 201)["task"]
        done = ok(await wes.patch(f"/you/tasks/{task['id']}", json={"status": "done"}))
        assert done["task"]["status"] == "done" and done["task"]["completed_at"], done
        assert done["summary"] == "Updated the task: now 'Wash the van' (ticked off).", done
        assert ok(await wes.get("/you/tasks"))["tasks"] == []
