"""Arguments for the SQL-injection sweep: which arguments of an action (or fields of a
REST schema) take text, and valid values for the rest, so each call fails or succeeds
on the injected value alone. Ids are the victim's: B's call must not reach A's row."""

from __future__ import annotations

from typing import Any

from tools.types import Action

# Valid values by argument name (the same names in the actions and the REST bodies).
DEFAULTS: dict[str, Any] = {
    "amount": 5,
    "category": "fuel",
    "source": "job",
    "monthly_limit": 100,
    "name": "sweep",
    "litres": 40,
    "item": "oil change",
    "origin": "Perth",
    "destination": "Bunbury",
    "location": "Perth",
    "near": "Perth",
    "kind": "campsite",
    "title": "sweep",
    "start": "2031-06-01T09:00:00+08:00",
    "items": ["milk"],
    "note": "sweep",
    "content": "sweep",
    "group": "sweep",
    "decision": "approve",
    "pressures": {"all_round": 36},
}
VICTIM_IDS = (
    "expense_id",
    "event_id",
    "task_id",
    "post_id",
    "request_id",
    "vehicle_id",
    "item_id",
    "shopping_item_id",
)


def takes_text(schema: dict[str, Any]) -> str | None:
    """'text' or 'list' when a JSON-schema property accepts a string (or a list of them)."""
    options = schema.get("anyOf", [schema])
    if any(o.get("type") == "string" for o in options):
        return "text"
    if any(
        o.get("type") == "array" and o.get("items", {}).get("type") == "string" for o in options
    ):
        return "list"
    return None


def text_fields(schema: dict[str, Any]) -> dict[str, str]:
    """{field: 'text' | 'list'} of an object schema."""
    props: dict[str, Any] = schema.get("properties", {})
    return {name: kind for name, p in props.items() if (kind := takes_text(p)) is not None}


def base_args(schema: dict[str, Any], victim: dict[str, str]) -> dict[str, Any]:
    """The required fields of `schema`, filled with valid values (ids: the victim's)."""
    values = {**DEFAULTS, **{k: victim[k] for k in VICTIM_IDS}}
    return {name: values[name] for name in schema.get("required", [])}


def action_calls(
    action: Action, strings: list[str], victim: dict[str, str]
) -> list[tuple[str, str, dict[str, Any]]]:
    """(field, string, arguments) for each text argument of `action` and each string."""
    schema = action.args.model_json_schema()
    base = base_args(schema, victim)
    return [
        (field, text, {**base, field: [text] if kind == "list" else text})
        for field, kind in text_fields(schema).items()
        for text in strings
    ]
