"""User A's world for the isolation matrix: one of each user-owned thing, made through
the public API, each carrying a marker string B must never see."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.tokens import auth


@dataclass
class Owner:
    user: str
    marker: str
    ids: dict[str, str] = field(default_factory=dict)
    thread_messages: int = 0


async def _post(http: httpx.AsyncClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await http.post(path, json=body)
    if response.status_code not in (200, 201):
        raise RuntimeError(f"setup {path}: {response.status_code} {response.text[:300]}")
    data: dict[str, Any] = response.json()
    return data


def _first_id(result: dict[str, Any]) -> str:
    return str(result["ids"][0])


async def make_owner(base_url: str) -> Owner:
    tag = uuid.uuid4().hex[:8]
    owner = Owner(user=f"alice-{tag}", marker=f"secret{tag}")
    m = owner.marker
    async with httpx.AsyncClient(base_url=base_url, headers=auth(owner.user), timeout=60) as a:
        ids = owner.ids
        ids["expense_id"] = _first_id(
            await _post(
                a,
                "/api/v1/wins/expenses",
                {"amount": 42.5, "category": "fuel", "description": f"fuel {m}"},
            )
        )
        ids["event_id"] = _first_id(
            await _post(
                a,
                "/api/v1/you/events",
                {"title": f"dentist {m}", "start": "2031-05-01T09:00:00+10:00"},
            )
        )
        ids["task_id"] = _first_id(await _post(a, "/api/v1/you/tasks", {"title": f"task {m}"}))
        ids["vehicle_id"] = _first_id(
            await _post(a, "/api/v1/wheels/vehicles", {"name": f"van {m}", "tank_litres": 90})
        )
        ids["shopping_item_id"] = _first_id(
            await _post(a, "/api/v1/you/shopping-list", {"items": [f"milk {m}"]})
        )
        ids["item_id"] = _first_id(
            await _post(a, "/api/v1/you/pantry", {"name": f"rice {m}", "quantity": 5})
        )
        group = f"group-{uuid.uuid4().hex[:8]}"  # groups are community: no marker
        await _post(a, "/api/v1/social/groups", {"name": group})
        ids["post_id"] = _first_id(
            await _post(
                a,
                "/api/v1/social/posts",
                {"content": f"post {m}", "group": group, "visibility": "group"},
            )
        )
        # A private group of the owner's with a request to join it from a third user:
        # only the owner may decide it (issue 14, L8).
        private = f"private-{uuid.uuid4().hex[:8]}"
        await _post(a, "/api/v1/social/groups", {"name": private, "private": True})
        async with httpx.AsyncClient(
            base_url=base_url, headers=auth(f"carol-{tag}"), timeout=60
        ) as carol:
            asked = await carol.put(f"/api/v1/social/groups/{private}/membership")
            asked.raise_for_status()
            ids["request_id"] = _first_id(asked.json())
        for path, body in (
            ("/api/v1/wins/incomes", {"amount": 900, "source": f"job {m}"}),
            ("/api/v1/you/memories", {"note": f"I love {m}"}),
        ):
            await _post(a, path, body)
        chat = await _post(
            a,
            "/api/v1/pam/chat",
            {"message": f"add an expense of 9 dollars for food described as {m}"},
        )
        ids["thread_id"], ids["run_id"] = chat["thread_id"], chat["run_id"]
        state = (await a.get(f"/threads/{chat['thread_id']}/state")).json()
        ids["checkpoint_id"] = state["checkpoint"]["checkpoint_id"]
        thread = (await a.get(f"/api/v1/pam/threads/{chat['thread_id']}")).json()
        owner.thread_messages = len(thread["messages"])
        assistant = await _post(a, "/assistants", {"graph_id": "pam", "name": f"helper {m}"})
        ids["assistant_id"] = str(assistant["assistant_id"])
        ids["namespace"] = "wins"  # a subgraph of the graph A's assistant serves
        cron = await _post(
            a,
            f"/threads/{chat['thread_id']}/runs/crons",
            {"assistant_id": "pam", "schedule": "0 6 1 1 *", "metadata": {"note": m}},
        )
        ids["cron_id"] = str(cron["cron_id"])
    return owner


async def owner_intact(base_url: str, owner: Owner) -> list[str]:
    """What B's attempts changed of A's (nothing, or the matrix fails)."""
    problems = []
    async with httpx.AsyncClient(base_url=base_url, headers=auth(owner.user), timeout=30) as a:
        expenses = (await a.get("/api/v1/wins/expenses")).json()["expenses"]
        if not any(e["id"] == owner.ids["expense_id"] and e["amount"] == 42.5 for e in expenses):
            problems.append("A's expense was changed or deleted")
        events = (
            await a.get(
                "/api/v1/you/events", params={"start_date": "2031-04-30", "end_date": "2031-05-02"}
            )
        ).text
        if f"dentist {owner.marker}" not in events:
            problems.append("A's event was changed or deleted")
        vans = (await a.get("/api/v1/wheels/vehicles")).json()["vehicles"]
        if not any(v["id"] == owner.ids["vehicle_id"] and v["tank_litres"] == 90 for v in vans):
            problems.append("A's vehicle was changed")
        shopping = (await a.get("/api/v1/you/shopping-list")).json()["items"]
        if not any(i["id"] == owner.ids["shopping_item_id"] and not i["checked"] for i in shopping):
            problems.append("A's shopping list item was ticked off or changed")
        pantry = (await a.get("/api/v1/you/pantry")).json()["items"]
        if not any(i["id"] == owner.ids["item_id"] and i["quantity"] == 5 for i in pantry):
            problems.append("A's pantry item was changed or removed")
        tasks = (await a.get("/api/v1/you/tasks")).text
        if f"task {owner.marker}" not in tasks:
            problems.append("A's task was completed or removed")
        assistant = await a.get(f"/assistants/{owner.ids['assistant_id']}")
        if assistant.status_code != 200 or assistant.json().get("name") != f"helper {owner.marker}":
            problems.append("A's assistant was changed or deleted")
        crons = (await a.post("/runs/crons/search", json={})).json()
        if not any(
            c["cron_id"] == owner.ids["cron_id"] and c["schedule"] == "0 6 1 1 *" for c in crons
        ):
            problems.append("A's cron was changed or deleted")
        thread = await a.get(f"/api/v1/pam/threads/{owner.ids['thread_id']}")
        if thread.status_code != 200:
            problems.append("A's thread was deleted")
        elif len(thread.json()["messages"]) != owner.thread_messages:
            problems.append("A's thread gained messages")
    return problems
