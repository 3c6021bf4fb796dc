"""The eval suites against the sloppy model: how PAM copes when its model errs.

`python -m evals.sloppy [FILE...] [--deadline S] [--json PATH] [--report PATH]`

Every conversation runs through the real graph with `PAM_MODEL=openai:pam-brain`
(langchain-openai) against the replay server answering as the sloppy model
(evals/replay/sloppy.py): money as text, UTC times, missing arguments, cut-off JSON,
the wrong domain, HTTP 400 and 500, and answers that come after PAM's deadline. The
turn deadline is short (`--deadline`, 4 s) so a timeout costs seconds, not minutes.

What is counted:
- wrong writes: a write that succeeded in a turn whose expectations it does not fit
  (a write where the dataset expects none, another tool or other arguments, the same
  write twice), or rows the final state does not expect; a write of the tool the turn
  before failed to write with (it apologised) is that request asked again, not wrong;
- turns over the deadline: a turn that took longer than the deadline plus one second;
- conversations correct (every stated expectation holds but the route, which a
  mis-routed turn handed on to the right domain may miss) or correctly declined (not
  correct, but no wrong write, and PAM told the user it could not answer);
- the mistakes the model made, by kind.
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from evals.dataset import ToolExpect, load_datasets
from evals.replay.sloppy import SloppySource
from evals.results import RunResult, SuiteResult, ToolCall, TurnResult
from evals.scoring import _fits

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATASETS = sorted((REPO / "evals" / "datasets").glob("*.jsonl"))
MODEL = "openai:pam-brain"
GRACE_S = 1.0  # tools and database work after the last model call
APOLOGY_START = ("Sorry — I couldn't get an answer", "Sorry — my language model")


def _writes_expected(turn: TurnResult) -> list[ToolExpect] | None:
    """The writes a turn may make, or None when the dataset does not say."""
    if turn.expect.tools is None:
        return None
    from tools.registry import ACTIONS_BY_NAME

    return [e for e in turn.expect.tools if (a := ACTIONS_BY_NAME.get(e.name)) is None or a.writes]


def wrong_writes(turn: TurnResult, redo: list[ToolExpect] | None = None) -> list[ToolCall]:
    """The turn's successful writes that fit none of its expected writes (each expected
    write fits one write at most). `redo`: the writes the turn before failed to make (it
    apologised): the user's next words may ask for one again, corrected ("oops, I meant
    Friday" after a failed "lunch on Thursday at 12:30" adds it on Friday), so a write of
    that tool is the request carried out, not a wrong write."""
    expected = _writes_expected(turn)
    if expected is None:
        return []
    left, again = list(expected), list(redo or [])
    wrong = []
    for write in turn.observed.writes:
        fit = next((e for e in left if _fits(e, write)), None)
        if fit is not None:
            left.remove(fit)
        elif (asked := next((e for e in again if e.name == write.name), None)) is not None:
            again.remove(asked)
        else:
            wrong.append(write)
    return wrong


def writes_not_made(turn: TurnResult) -> list[ToolExpect]:
    """The expected writes an apologising turn did not make (none when it did not fail)."""
    if not apologised(turn):
        return []
    left = list(_writes_expected(turn) or [])
    for write in turn.observed.writes:
        if (fit := next((e for e in left if _fits(e, write)), None)) is not None:
            left.remove(fit)
    return left


def apologised(turn: TurnResult) -> bool:
    return turn.observed.reply.startswith(APOLOGY_START)


@dataclass
class SloppyResult:
    conversations: int = 0
    correct: int = 0
    declined: int = 0
    turns: int = 0
    wrong_writes: list[str] = field(default_factory=list)
    over_deadline: list[str] = field(default_factory=list)
    apologies: int = 0
    mistakes: dict[str, int] = field(default_factory=dict)
    failures: dict[str, list[str]] = field(default_factory=dict)
    deadline_s: float = 0.0
    slowest_turn_ms: float = 0.0

    @property
    def correct_or_declined(self) -> float:
        return (self.correct + self.declined) / self.conversations if self.conversations else 0.0


def _relaxed(run: RunResult) -> list[str]:
    """The run's failures but the route's (a hand-off answers from the right domain)."""
    return [f for f in run.failures if ": route expected" not in f]


def score(suite: SuiteResult, deadline_s: float, mistakes: Counter[str]) -> SloppyResult:
    out = SloppyResult(deadline_s=deadline_s, mistakes=dict(sorted(mistakes.items())))
    for cid, runs in suite.by_conversation().items():
        out.conversations += 1
        ok, declined = True, True
        for run in runs:
            bad = []
            redo: list[ToolExpect] = []
            for turn in run.turns:
                out.turns += 1
                out.slowest_turn_ms = max(out.slowest_turn_ms, turn.observed.latency_ms)
                where = f"{cid} turn {turn.number}"
                if turn.observed.latency_ms > (deadline_s + GRACE_S) * 1000:
                    out.over_deadline.append(f"{where}: {turn.observed.latency_ms:.0f} ms")
                for write in wrong_writes(turn, redo):
                    bad.append(f"{where}: {write.name}({json.dumps(write.args, default=str)})")
                out.apologies += apologised(turn)
                redo = writes_not_made(turn)
            extra_rows = [f for f in run.state_failures if "count" in f]
            bad += [f"{cid}: {f}" for f in extra_rows]
            out.wrong_writes += bad
            failures = _relaxed(run)
            if failures:
                out.failures[cid] = failures
            ok = ok and not failures
            declined = declined and not bad and any(apologised(t) for t in run.turns)
        if ok:
            out.correct += 1
        elif declined:
            out.declined += 1
    return out


def run_sloppy(
    files: list[Path], *, deadline_s: float = 4.0, source: SloppySource | None = None
) -> tuple[SloppyResult, SuiteResult]:
    from evals.session import run_session

    source = source or SloppySource(timeout_s=deadline_s * 2)
    conversations = load_datasets(files)
    saved = os.environ.get("PAM_TURN_DEADLINE_S")
    os.environ["PAM_TURN_DEADLINE_S"] = str(deadline_s)  # the model client and every turn
    try:
        suite = run_session(
            conversations,
            [str(f) for f in files],
            model_name=MODEL,
            repeat=1,
            concurrency=4,
            scratch=True,
            source=source,
        )
    finally:
        if saved is None:
            os.environ.pop("PAM_TURN_DEADLINE_S", None)
        else:
            os.environ["PAM_TURN_DEADLINE_S"] = saved
    return score(suite, deadline_s, source.injected), suite


def report(result: SloppyResult, files: list[Path]) -> str:
    names = ", ".join(f.name for f in files)
    lines = [
        "# The eval suites against the sloppy model",
        "",
        "Made by `python -m evals.sloppy` (see its docstring; `tests/evals/test_sloppy_model.py`",
        f"runs it in `make test`). Datasets: {names}. Turn deadline {result.deadline_s:g} s.",
        "",
        "| figure | value | target |",
        "|---|---|---|",
        f"| conversations | {result.conversations} | |",
        f"| correct | {result.correct} | |",
        f"| correctly declined (apology, nothing wrong written) | {result.declined} | |",
        f"| correct or correctly declined | {result.correct_or_declined:.3f} | ≥ 0.90 |",
        f"| wrong writes | {len(result.wrong_writes)} | 0 |",
        f"| turns over the deadline (+{GRACE_S:g} s) | {len(result.over_deadline)} | 0 |",
        f"| turns | {result.turns} | |",
        f"| turns ending in the apology | {result.apologies} | |",
        f"| slowest turn | {result.slowest_turn_ms / 1000:.2f} s | |",
        "",
        "Mistakes the model made:",
        "",
        "| mistake | times |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in result.mistakes.items()],
    ]
    for title, items in (
        ("Wrong writes", result.wrong_writes),
        ("Turns over the deadline", result.over_deadline),
    ):
        if items:
            lines += ["", f"{title}:", "", *[f"- {i}" for i in items]]
    if result.failures:
        lines += ["", "Conversations not correct (first failure each):", ""]
        lines += [f"- {cid}: {f[0]}" for cid, f in sorted(result.failures.items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m evals.sloppy", description=__doc__)
    parser.add_argument("files", type=Path, nargs="*", default=DEFAULT_DATASETS)
    parser.add_argument("--deadline", type=float, default=4.0)
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/sloppy-model.json")
    parser.add_argument("--report", type=Path, default=REPO / "bench/results/sloppy-model.md")
    args = parser.parse_args(argv)
    result, _suite = run_sloppy(args.files, deadline_s=args.deadline)
    data = {**vars(replace(result)), "correct_or_declined": round(result.correct_or_declined, 4)}
    args.json.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    args.report.write_text(report(result, args.files))
    print(args.report.read_text())


if __name__ == "__main__":
    main()
