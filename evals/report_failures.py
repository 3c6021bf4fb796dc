"""The report's failure section: each failed run, each failed turn, expected vs got."""

from __future__ import annotations

import json
from typing import Any

from evals.dataset import Expect
from evals.results import Observed, RunResult, SuiteResult, TurnResult

REPLY_CHARS = 300


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _args(args: dict[str, Any] | None) -> str:
    return json.dumps(args, ensure_ascii=False, default=str) if args else ""


def _expected(expect: Expect) -> dict[str, str]:
    out = {}
    if expect.route is not None:
        out["route"] = ", ".join(expect.route)
    if expect.tools is not None:
        out["tools"] = "; ".join(f"{t.name} {_args(t.args)}".strip() for t in expect.tools)
        out["tools"] = out["tools"] or "no tool calls"
    said = [f'contains "{t}"' for t in expect.reply_contains]
    said += [f'not "{t}"' for t in expect.reply_not_contains]
    if said:
        out["reply"] = ", ".join(said)
    if expect.interrupt is not None:
        out["interrupt"] = "waits for approval" if expect.interrupt else "no approval step"
    return out


def _got(observed: Observed) -> dict[str, str]:
    if not observed.ran:
        return {}
    reply = observed.reply
    if len(reply) > REPLY_CHARS:
        reply = reply[: REPLY_CHARS - 1] + "…"
    return {
        "route": ", ".join(observed.route) or "none",
        "tools": "; ".join(f"{c.name} {_args(c.args)}".strip() for c in observed.tools) or "none",
        "reply": f'"{reply}"',
        "interrupt": "waits for approval" if observed.interrupt else "no approval step",
    }


def _turn(turn: TurnResult) -> list[str]:
    expected, got = _expected(turn.expect), _got(turn.observed)
    lines = [f"**Turn {turn.number}** — {_cell(turn.said)}", ""]
    lines += ["| check | expected | got |", "|---|---|---|"]
    for kind in ("route", "tools", "reply", "interrupt"):
        if kind in expected:
            ok = turn.score.kind(kind)
            mark = "✅" if ok and (kind != "tools" or turn.score.args is not False) else "❌"
            shown = got.get(kind, "(not run)")
            lines.append(f"| {mark} {kind} | {_cell(expected[kind])} | {_cell(shown)} |")
    lines += ["", *(f"- {f}" for f in turn.score.failures), ""]
    return lines


def _run(run: RunResult, repeat: int) -> list[str]:
    c = run.conversation
    title = f"### `{c.id}`" + (f" — run {run.run}" if repeat > 1 else "")
    lines = [title, ""]
    if c.tags:
        lines += ["Tags: " + ", ".join(c.tags), ""]
    lines += [f"- {f}" for f in run.setup_failures]
    for turn in run.turns:
        if turn.score.failures:
            lines += _turn(turn)
    if run.state_failures:
        lines += ["**Final state**", "", *(f"- {f}" for f in run.state_failures), ""]
    return lines


def failed_section(suite: SuiteResult) -> list[str]:
    failed = [r for r in suite.runs if not r.passed]
    lines = ["## Failed conversations", ""]
    if not failed:
        return [*lines, "None: every conversation passed."]
    for run in failed:
        lines += _run(run, suite.repeat)
    return lines
