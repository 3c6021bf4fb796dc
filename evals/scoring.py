"""Scoring one turn against its `expect`, and the final database state against `final_state`."""

from __future__ import annotations

from collections import Counter
from typing import Any

from evals.compare import matches, mismatches, pair_up, show
from evals.dataset import Expect, TableExpect, ToolExpect
from evals.results import Observed, ToolCall, TurnScore

REPLY_SHOWN = 160


def _names(calls: list[ToolCall]) -> str:
    return ", ".join(c.name for c in calls) or "none"


def _fits(expected: ToolExpect, call: ToolCall) -> bool:
    return expected.name == call.name and matches(expected.args or {}, call.args)


def _tool_failures(where: str, expected: list[ToolExpect], calls: list[ToolCall]) -> list[str]:
    want = Counter(e.name for e in expected)
    have = Counter(c.name for c in calls)
    out = []
    for name, n in want.items():
        if have[name] < n:
            count = f"{n} calls of {name}" if n > 1 else f"tool {name}"
            out.append(f"{where}: expected {count}, got {_names(calls)}")
    if out:
        return out
    for e in expected:
        same = [c for c in calls if c.name == e.name]
        if e.args and not any(_fits(e, c) for c in same):
            best = min(same, key=lambda c: len(mismatches(e.args or {}, c.args)))
            out.append(f"{where}: args of {e.name}: " + "; ".join(mismatches(e.args, best.args)))
    if not out:  # each fits some call, but not all at once (the same call twice)
        out.append(f"{where}: expected {len(expected)} distinct matching calls, got {len(calls)}")
    return out


def _score_tools(
    where: str, expected: list[ToolExpect], calls: list[ToolCall], s: TurnScore
) -> None:
    if not expected:
        s.tools = not calls
        if calls:
            s.failures.append(f"{where}: expected no tool calls, got {_names(calls)}")
        return
    s.tools = pair_up(expected, calls, lambda e, c: e.name == c.name) is not None
    full = pair_up(expected, calls, _fits) is not None
    if any(e.args for e in expected):
        s.args = full
    if not full:
        s.failures.extend(_tool_failures(where, expected, calls))


def _score_reply(where: str, expect: Expect, reply: str, s: TurnScore) -> None:
    folded = reply.casefold()
    lacks = [t for t in expect.reply_contains if t.casefold() not in folded]
    has = [t for t in expect.reply_not_contains if t.casefold() in folded]
    s.reply = not lacks and not has
    shown = reply if len(reply) <= REPLY_SHOWN else reply[: REPLY_SHOWN - 1] + "…"
    for text in lacks:
        s.failures.append(f'{where}: reply lacks "{text}"; reply was "{shown}"')
    for text in has:
        s.failures.append(f'{where}: reply contains "{text}" but should not; reply was "{shown}"')


def score_turn(number: int, expect: Expect, seen: Observed, why_not_run: str = "") -> TurnScore:
    where = f"turn {number}"
    s = TurnScore()
    if not seen.ran:
        for kind, stated in _stated(expect).items():
            if stated:
                setattr(s, kind, False)
        s.failures.append(f"{where}: not run: {why_not_run or 'an earlier step failed'}")
        return s
    if expect.route is not None:
        s.route = set(expect.route) == set(seen.route)
        if not s.route:
            got = ", ".join(seen.route) or "none"
            s.failures.append(f"{where}: route expected [{', '.join(expect.route)}], got [{got}]")
    if expect.tools is not None:
        _score_tools(where, expect.tools, seen.tools, s)
    if expect.reply_contains or expect.reply_not_contains:
        _score_reply(where, expect, seen.reply, s)
    if expect.interrupt is not None:
        s.interrupt = expect.interrupt == seen.interrupt
        if not s.interrupt:
            s.failures.append(
                f"{where}: expected the turn to wait for approval, it did not"
                if expect.interrupt
                else f"{where}: expected no approval step, but the turn waits for approval"
            )
    return s


def _stated(expect: Expect) -> dict[str, bool]:
    return {
        "route": expect.route is not None,
        "tools": expect.tools is not None,
        "args": bool(expect.tools and any(t.args for t in expect.tools)),
        "reply": bool(expect.reply_contains or expect.reply_not_contains),
        "interrupt": expect.interrupt is not None,
    }


def score_state(
    expected: dict[str, TableExpect], rows: dict[str, list[dict[str, Any]]]
) -> list[str]:
    """Failure messages for the final state; empty when every table check holds."""
    out = []
    for table, want in expected.items():
        have = rows.get(table, [])
        if want.count is not None and len(have) != want.count:
            out.append(f"final state: {table}: expected {want.count} rows, got {len(have)}")
        if want.contains and pair_up(want.contains, have, matches) is None:
            missing = [r for r in want.contains if not any(matches(r, h) for h in have)]
            for row in missing:
                out.append(f"final state: {table}: no row matches {show(row)}{_near(row, have)}")
            if not missing:
                out.append(f"final state: {table}: the expected rows need more distinct rows")
    return out


def _near(row: dict[str, Any], have: list[dict[str, Any]]) -> str:
    if not have:
        return " (the table is empty)"
    best = min(have, key=lambda h: len(mismatches(row, h)))
    return " (closest: " + "; ".join(mismatches(row, best)) + ")"
