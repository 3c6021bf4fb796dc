"""Agent tools: each one wraps a registered action, and takes the user from the run's context.

What the model is shown of an action is decided here, once for every model:

- the parameters: the argument model's JSON schema (descriptions, formats, enums and
  examples come from its `Field`s), made compact — an optional argument is simply not
  required, so its `anyOf [..., null]` and `default: null` go;
- the result: the action's result without `ids` and `ui_actions` (rows carry their own
  ids; ui_actions are for clients and stay in the tool message's artefact), without
  nulls, with times in the user's zone, and a recovery hint when something was not found;
- a datetime argument in UTC (`...Z`) while the user is elsewhere is refused with a
  clear error rather than stored at the wrong hour (docs/model.md, "Time").

No postponed annotations here (`from __future__ import annotations`): LangChain reads a
tool function's type hints on every call, and string annotations are compiled anew each
time (tests/unit/test_tool_schemas.py).
"""

import inspect
import re
from datetime import datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import orjson
from langchain_core.tools import BaseTool, StructuredTool
from langgraph.prebuilt import ToolRuntime

from agent.context import Context, known_zone
from agent.quoted import quote_others
from agent.resources import pool_of, services_of
from tools.db.scope import user_db
from tools.registry import actions_for
from tools.run import call_alone
from tools.types import Action, Args, Domain

# What to try when a row or name was not found (by ActionError.subject).
RECOVERY = {
    "expense": "list_expenses shows the user's expenses with their ids; or ask which one.",
    "event": "list_events shows the calendar with event ids; or ask which one.",
    "task": "list_tasks shows the tasks with their ids; or ask which one.",
    "post": "get_feed shows the posts with their ids; or ask which one.",
    "group": "list_groups shows the groups there are, by name.",
    "vehicle": "list_vehicles shows the user's vehicles by name; omit vehicle for the default.",
    "place": "Check the name with the user, or use a nearby town or 'lat,lon'.",
}
_AWARE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$")
_UTC_SUFFIX = re.compile(r"(?:Z|[+-]00:?00)$", re.IGNORECASE)


# Schema keys a model needs no telling about: validation answers them with a clear error
# if ever broken, and each costs tokens on every call.
_UNSAID = frozenset(
    {"title", "default", "minLength", "maxLength", "exclusiveMinimum", "maxItems", "minItems"}
)
# Formats whose description already says the form: an example adds nothing.
_SELF_EVIDENT = frozenset({"date", "date-time", "uuid"})


def _compact(schema: dict[str, Any]) -> dict[str, Any]:
    """One property's schema as the model reads it: no title, no null alternative, no
    length limits, and one type where the description explains the forms it takes."""
    out = dict(schema)
    options = out.pop("anyOf", None)
    if options is not None:
        kept = [o for o in options if o.get("type") != "null"]
        types = {o.get("type") for o in kept}
        if len(kept) == 1:
            out = {**kept[0], **out}
        elif types == {"number", "string"}:
            out = {"type": "number", **out}  # a Decimal: a number (text like "$12" is read too)
        elif types == {"string"}:
            out = {"type": "string", **out}  # e.g. a date or a datetime: the description says
        else:
            out["anyOf"] = kept
    if "default" in schema and schema["default"] is not None:
        out["default"] = schema["default"]
    out = {k: v for k, v in out.items() if k not in _UNSAID or (k == "default" and v is not None)}
    if out.get("type") == "number" or (out.get("maximum") or 0) > 100:
        # Bounds a real value never nears (money, litres, odometers, minutes): the error
        # says so if one ever does. Small ranges (a 1-5 rating) stay.
        for key in ("minimum", "maximum", "exclusiveMaximum", "gt", "ge", "lt", "le"):
            out.pop(key, None)
    if out.get("format") in _SELF_EVIDENT or str(out.get("description", "")).count("YYYY"):
        out.pop("examples", None)
    if isinstance(out.get("items"), dict):
        out["items"] = _compact(out["items"])
    if isinstance(out.get("properties"), dict):  # a nested argument model
        out["properties"] = {k: _compact(v) for k, v in out["properties"].items()}
    return out


def _inlined(schema: Any, defs: dict[str, Any]) -> Any:
    """`schema` with every `$ref` to a nested model replaced by the model's schema: the
    parameters go to the model property by property, without the `$defs` they point to."""
    if isinstance(schema, list):
        return [_inlined(item, defs) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        target = defs[str(schema["$ref"]).rsplit("/", 1)[-1]]
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        return _inlined({**target, **rest}, defs)
    return {k: _inlined(v, defs) for k, v in schema.items()}


def model_parameters(args: type[Args]) -> dict[str, Any]:
    """The JSON schema of an action's arguments, as a model is given it."""
    schema = args.model_json_schema()
    properties = _inlined(schema.get("properties") or {}, schema.get("$defs") or {})
    params: dict[str, Any] = {
        "type": "object",
        "properties": {name: _compact(prop) for name, prop in properties.items()},
    }
    if schema.get("required"):
        params["required"] = schema["required"]
    return params


def datetime_fields(args: type[Args]) -> frozenset[str]:
    """The arguments that take a datetime (the ones the UTC rule applies to)."""

    def timed(prop: dict[str, Any]) -> bool:
        options = [prop, *prop.get("anyOf", [])]
        return any(o.get("format") == "date-time" for o in options)

    properties = args.model_json_schema().get("properties") or {}
    return frozenset(n for n, p in properties.items() if timed(p))


def zulu_error(field: str, value: str, zone: ZoneInfo) -> dict[str, Any] | None:
    """The error for a UTC datetime argument while the user's zone is not UTC then.

    Models often add `Z` to a local time out of habit; a person never means UTC, so the
    call is refused (and nothing written) with the fix, rather than stored at the wrong
    hour or silently re-read."""
    if not _UTC_SUFFIX.search(value.strip()):
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return None  # not a datetime at all: the argument model says why
    offset = moment.astimezone(zone).utcoffset()
    if not offset:
        return None  # the user's zone is UTC at that moment: Z is exact
    local = moment.replace(tzinfo=None).isoformat(timespec="minutes")
    return {
        "ok": False,
        "error": "invalid",
        "field": field,
        "summary": f"{field}: {value} is in UTC (Z). Times are the user's local time in"
        f" {zone.key}: give {local} (no offset) if that is the time they said.",
    }


def _local_times(value: Any, zone: ZoneInfo) -> Any:
    if isinstance(value, str) and _AWARE.match(value):
        try:
            return datetime.fromisoformat(value).astimezone(zone).isoformat(timespec="minutes")
        except ValueError:
            return value
    if isinstance(value, list):
        return [_local_times(v, zone) for v in value]
    if isinstance(value, dict):
        return {k: _local_times(v, zone) for k, v in value.items() if v is not None}
    return value


def model_text(result: dict[str, Any], zone: ZoneInfo, action: str = "") -> str:
    """What the model reads of an action's result (the whole result is the artefact);
    other users' texts quoted (agent/quoted.py)."""
    shown = quote_others(
        action, {k: v for k, v in result.items() if k not in ("ids", "ui_actions")}
    )
    if shown.get("ok") is False:
        shown.pop("subject", None)
        hint = RECOVERY.get(str(result.get("subject")))
        if result.get("error") == "not_found" and hint:
            shown["hint"] = hint
    return orjson.dumps(_local_times(shown, zone)).decode()


def _turn_zone(runtime: ToolRuntime[Context]) -> ZoneInfo:
    state = runtime.state if isinstance(runtime.state, dict) else {}
    return ZoneInfo(known_zone(state.get("time_zone")) or "Australia/Sydney")


def tool_description(action: Action) -> str:
    if action.needs_approval is None:
        return action.description
    return f"{action.description.rstrip('.')}. The user is asked to approve it first."


class ActionTool(StructuredTool):
    """A StructuredTool whose call skips LangChain's per-call look-ups. On every call
    `BaseTool.arun` reads `_arun`'s signature and type hints (whether to pass a run
    manager, a config) and `StructuredTool._arun` the coroutine's (whether it takes
    callbacks, a config): LangChain's own `_arun` has string annotations, compiled anew
    each time (~0.35 ms a call on a loaded machine). An action's coroutine (`run` below)
    takes neither callbacks nor a config, so this `_arun` takes neither and calls it with
    the arguments as they come, as StructuredTool's does for such a coroutine."""

    async def _arun(self, *args: Any, **kwargs: Any) -> Any:
        assert self.coroutine is not None
        return await self.coroutine(*args, **kwargs)


# Read by LangChain on every call: taken as it is.
setattr(ActionTool._arun, "__signature__", inspect.signature(ActionTool._arun))  # noqa: B010


def action_tool(action: Action) -> BaseTool:
    """A LangChain tool for `action`.

    The schema is handed over as JSON schema, so LangChain passes the model's arguments
    through untouched and `call_alone` validates them: a bad argument becomes an error
    result the model can read and fix, never an exception that ends the turn.
    """
    params = model_parameters(action.args)
    timed = datetime_fields(action.args)

    async def run(runtime: ToolRuntime[Context], **kwargs: Any) -> tuple[str, dict[str, Any]]:
        ctx = runtime.context or Context()
        zone = _turn_zone(runtime)
        for field in timed & kwargs.keys():
            if isinstance(kwargs[field], str) and (
                refused := zulu_error(field, kwargs[field], zone)
            ):
                return model_text(refused, zone), refused
        pool = await pool_of(ctx)
        services = services_of(ctx)
        scope = user_db(pool, ctx.user_uuid, now=ctx.clock(), services=services, zone=ctx.time_zone)
        result = await call_alone(action, scope, kwargs)
        return model_text(result, zone, action.name), result

    return ActionTool.from_function(
        coroutine=run,
        name=action.name,
        description=tool_description(action),
        args_schema=params,
        response_format="content_and_artifact",
    )


@cache
def domain_tools(domain: Domain) -> tuple[BaseTool, ...]:
    return tuple(action_tool(a) for a in actions_for(domain))
