"""Replies built from tool results: their `summary` fields (already in the user's currency
and units), a short list for listed expenses, and plain words for errors and rejections."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import ToolMessage

from agent.brain.convo import Env
from agent.brain.ids import is_lookup
from agent.brain.refs import result_of
from tools.format import money
from tools.run import said_plainly
from tools.wins.models import category_label

_READS = {
    "list_expenses", "spending_summary", "budget_status", "fuel_stats", "maintenance_due",
    "tyre_pressure_history",
    "list_trips", "weather_forecast", "find_places", "list_events", "list_tasks", "list_pantry",
    "get_shopping_list", "get_feed", "list_groups", "list_vehicles",
}  # fmt: skip
_REFUSED = {
    "delete_expense": "delete that expense", "delete_event": "delete that event",
    "create_post": "post that", "update_expense": "change that expense",
    "update_event": "change that event",
}  # fmt: skip


def refused_tool(reply: str) -> str | None:
    """The tool a "OK, I won't …" reply (after the user declined its call) was about."""
    return next((t for t, said in _REFUSED.items() if reply == f"OK, I won't {said}."), None)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_EXAMPLES = {
    "wins": '"spent $20 on lunch" or "how\'s my budget?"',
    "wheels": '"filled up 60L for $120" or "weather in Dubbo"',
    "you": '"remind me to call Mum tomorrow at 10" or "add milk to the shopping list"',
    "social": '"what\'s new in the feed?" or "join the Solar Setup group"',
}


def _short_day(iso: str) -> str:
    try:
        _year, month, day = (int(x) for x in iso[:10].split("-"))
    except ValueError:
        return iso
    return f"{day} {_MONTHS[month - 1]}"


def _expense_lines(data: dict[str, Any], env: Env) -> list[str]:
    lines = []
    for row in (data.get("expenses") or [])[:5]:
        label = category_label(str(row.get("category", "")))
        what = row.get("description") or label
        amount = money(row.get("amount", 0), row.get("currency") or env.currency)
        lines.append(f"- {amount} {label}: {what} ({_short_day(row.get('date', ''))})")
    return lines


def _budget_lines(data: dict[str, Any], env: Env) -> list[str]:
    """What is left in each budget (what people ask first), or how far over it is."""
    parts = []
    for line in data.get("budgets") or []:
        try:
            left = float(line.get("remaining"))
        except (TypeError, ValueError):
            continue
        currency = data.get("currency") or env.currency
        label = category_label(str(line.get("category", "")))
        amount = money(abs(left), currency)
        parts.append(f"{label} {amount} left" if left >= 0 else f"{label} {amount} over")
    return [f"That's {', '.join(parts)}."] if parts else []


def _done(summary: str) -> str:
    """ "Done — logged …": the summary's first word lower-cased unless it is a name."""
    first = summary.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and first.isalpha():
        summary = summary[:1].lower() + summary[1:]
    return f"Done — {summary}"


def _reads(tool: str, data: dict[str, Any]) -> bool:
    """Whether a result only read: a reply to a question does not start "Done —". A trip
    planned but not saved answered a question; join requests listed, not decided, too."""
    if tool == "plan_trip":
        return data.get("saved") is False
    if tool == "review_join_requests":
        return not data.get("ids")
    return tool in _READS


def _top_line(data: dict[str, Any], env: Env) -> list[str]:
    """ "Fuel is your biggest category: $420.00 of $1,050.00 spent." from the totals."""
    rows = [r for r in data.get("by_category") or [] if isinstance(r, dict)]
    totals = []
    for row in rows:
        try:
            totals.append((float(row.get("total") or 0), str(row.get("category", ""))))
        except (TypeError, ValueError):
            continue
    if not totals:
        return []
    total, category = max(totals)
    currency = data.get("currency") or env.currency
    spent = data.get("total_spent")
    of = f" of {money(spent, currency)} spent" if spent is not None else ""
    label = category_label(category)
    label = label[:1].upper() + label[1:]
    return [f"{label} is your biggest category: {money(total, currency)}{of}."]


def _one(message: ToolMessage, tool: str, env: Env, reads: str | None = None) -> str:
    data = result_of(message)
    if data is None:  # not JSON: a rejection from the approval step
        return f"OK, I won't {_REFUSED.get(tool, 'do that')}."
    summary = str(data.get("summary") or "").strip()
    if data.get("ok") is False:
        if data.get("error") == "cancelled":
            return ""
        return (
            f"Sorry, I couldn't do that: {said_plainly(summary)}"
            if summary
            else "Sorry, that didn't work."
        )
    if _reads(tool, data):
        if reads == "top" and tool == "spending_summary" and (top := _top_line(data, env)):
            return "\n".join([*top, summary])
        lines = (
            _expense_lines(data, env)
            if tool == "list_expenses"
            else _budget_lines(data, env)
            if tool == "budget_status"
            else []
        )
        return "\n".join([summary, *lines]) if summary else "Here you go."
    if data.get("changed") is False:  # already so: nothing was done to say "Done" about
        return summary
    return _done(summary) if summary else "Done."


def results_reply(
    results: list[ToolMessage],
    made: dict[str, str],
    failed: list[str],
    ask: str,
    env: Env,
    reads: dict[str, str] | None = None,
) -> str:
    """`reads`: what the question asks of a call's result, by call id (Draft.reads)."""
    parts = [
        _one(m, made.get(m.tool_call_id, m.name or ""), env, (reads or {}).get(m.tool_call_id))
        for m in results
        if not is_lookup(m.tool_call_id)
    ]
    parts = [p for p in parts if p] + failed
    if ask:
        parts.append(ask)
    return "\n".join(parts) if parts else "Done."


def cancelled_reply() -> str:
    return "No worries — I've left it."


def not_found(kind: str) -> str:
    return f"I couldn't find that {kind}. Could you tell me which one you mean?"


def nothing_to_do(domain: str | None) -> str:
    example = _EXAMPLES.get(domain or "", "")
    hint = f" You could try something like {example}." if example else ""
    return f"Sorry, I'm not sure what you'd like me to do there.{hint}"
