"""Every tool the brain can fill: its extractor, its domain, and how to find its rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from agent.brain import (
    join_requests,
    slots_home,
    slots_places,
    slots_profile,
    slots_reports,
    slots_social,
    slots_tasks,
    slots_tyres,
    slots_vehicle,
    slots_wheels,
    slots_wins,
    slots_you,
)
from agent.brain.convo import Env
from agent.brain.draft import Draft
from agent.brain.repairs import repaired
from tools.registry import ACTIONS_BY_NAME
from tools.types import Domain

Extractor = Callable[[str, Env], Draft]
# The extractor module of each tool the brain fills (a function named after the tool).
_EXTRACTORS = [
    (slots_wins, ("add_expense", "update_expense", "delete_expense", "add_income")),
    (slots_reports, ("list_expenses", "set_budget", "budget_status", "spending_summary")),
    (slots_vehicle, ("add_vehicle", "list_vehicles")),
    (slots_wheels, ("log_fuel", "fuel_stats", "log_maintenance", "maintenance_due")),
    (slots_tyres, ("log_tyre_pressures", "tyre_pressure_history")),
    (slots_wheels, ("plan_trip", "list_trips", "weather_forecast")),
    (slots_places, ("save_place", "find_places")),
    (slots_you, ("create_event", "list_events", "update_event", "delete_event")),
    (slots_tasks, ("add_task", "list_tasks", "complete_task")),
    (slots_home, ("add_pantry_item", "list_pantry", "add_to_shopping_list")),
    (slots_home, ("get_shopping_list", "remember")),
    (slots_profile, ("update_profile",)),
    (slots_social, ("create_post", "get_feed", "comment_on_post", "like_post")),
    (slots_social, ("list_groups", "join_group", "create_group")),
    (join_requests, ("review_join_requests",)),
]
_OWN: dict[str, Extractor] = {t: getattr(m, t) for m, tools in _EXTRACTORS for t in tools}
# Tools whose text is the user's own words: read from the message as typed.
OWN_WORDS = {"create_post", "comment_on_post", "remember", "create_group"}


def _put_right(extract: Extractor) -> Extractor:
    return lambda text, env: repaired(extract, text, env)


# (a request put right in its own message is read with what was meant: repairs.py; the
# user's own words are kept as said)
EXTRACT: dict[str, Extractor] = {t: f if t in OWN_WORDS else _put_right(f) for t, f in _OWN.items()}
# Each tool's domain, as its registered action says (a name the registry lacks fails here).
DOMAIN: dict[str, Domain] = {t: ACTIONS_BY_NAME[t].domain for t in EXTRACT}
# The kind of row each tool's result is about (for "that one" in the next message).
KIND = {
    "add_expense": "expense", "list_expenses": "expense", "update_expense": "expense",
    "create_event": "event", "list_events": "event", "update_event": "event",
    "add_task": "task", "list_tasks": "task", "complete_task": "task",
    "get_feed": "post", "create_post": "post", "comment_on_post": "post", "like_post": "post",
    "list_groups": "group", "create_group": "group", "join_group": "group",
    "add_to_shopping_list": "shopping", "get_shopping_list": "shopping",
    "add_pantry_item": "pantry", "list_pantry": "pantry",
}  # fmt: skip


def lookup(kind: str, env: Env) -> tuple[str, dict[str, Any]] | None:
    """The call that lists rows of `kind`, to find the one a message refers to."""
    if kind == "expense":
        return "list_expenses", {"limit": 20}
    if kind == "event":
        end = env.today + timedelta(days=180)
        return "list_events", {"start_date": env.today.isoformat(), "end_date": end.isoformat()}
    if kind == "task":
        return "list_tasks", {}
    if kind == "post":
        return "get_feed", {}
    if kind == "group":
        return "list_groups", {}
    return None
