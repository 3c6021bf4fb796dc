"""Eval suites under several experiment arms, side by side, in one report.

`python -m evals run FILES --variant A --variant B [--report R.md] [--json R.json]`

A variant is an experiment arm as the flags name it (agent/flags.py): `<model>` or
`<model>/<prompt variant>`, where the model is
- `offline`: PAM's offline brain in-process;
- `openai:<name>`: an OpenAI-compatible model (OPENAI_BASE_URL), or with `--replay`
  its cassettes;
- `replay:brain`: the offline brain behind the OpenAI wire format, served by the replay
  server (evals/replay) and reached through langchain-openai: PAM's real-model path;
- `replay:sloppy`: the sloppy model on the same path (evals/replay/sloppy.py), with a
  4 s turn deadline as `python -m evals.sloppy` runs it.

Every variant runs the same conversations on a scratch database; the report puts pass
rate, route/tool/args accuracy, latency and per-tag pass rates next to each other.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.flags import PROMPT_VARIANTS, TurnFlags
from evals.conversation import EVAL_FLAGS
from evals.metrics import summary
from evals.report import table
from evals.results import RunResult, SuiteResult

REPLAY_MODEL = "openai:pam-brain"  # the name PAM's client sends to the replay server
SLOPPY_DEADLINE_S = 4.0
COLUMNS = (
    ("conversation pass rate", "conversation_pass_rate"),
    ("route accuracy", "route_accuracy"),
    ("tool accuracy", "tool_accuracy"),
    ("args accuracy", "args_accuracy"),
    ("reply accuracy", "reply_accuracy"),
    ("state accuracy", "state_accuracy"),
)


class VariantError(ValueError):
    pass


@dataclass(frozen=True)
class Variant:
    label: str
    model: str
    prompt: str

    @property
    def flags(self) -> TurnFlags:
        return TurnFlags(prompt=self.prompt, experiment=True)


def parse_variant(spec: str) -> Variant:
    model, _, prompt = spec.partition("/")
    prompt = prompt or "default"
    if prompt not in PROMPT_VARIANTS:
        raise VariantError(
            f"variant {spec!r}: unknown prompt variant {prompt!r}; known: "
            + ", ".join(PROMPT_VARIANTS)
        )
    known = model in ("offline", "replay:brain", "replay:sloppy")
    if not known and not (model.startswith("openai:") and len(model) > len("openai:")):
        raise VariantError(
            f"variant {spec!r}: the model must be offline, openai:<name>, replay:brain"
            " or replay:sloppy"
        )
    return Variant(label=f"{model}/{prompt}", model=model, prompt=prompt)


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    if seconds is None:
        yield
        return
    saved = os.environ.get("PAM_TURN_DEADLINE_S")
    os.environ["PAM_TURN_DEADLINE_S"] = str(seconds)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("PAM_TURN_DEADLINE_S", None)
        else:
            os.environ["PAM_TURN_DEADLINE_S"] = saved


def run_variant(
    variant: Variant,
    files: list[Path],
    *,
    repeat: int = 1,
    concurrency: int | None = None,
    cassettes: list[Path] | None = None,
    scratch: bool = True,
) -> SuiteResult:
    """The suite under one arm (its model, its prompt variant in every turn's context)."""
    from evals.dataset import load_datasets
    from evals.replay.brain import BrainUpstream
    from evals.replay.cassettes import CassetteStore
    from evals.replay.sloppy import SloppySource
    from evals.replay.sources import CassetteSource, LiveSource, Source
    from evals.session import run_session

    source: Source | None = None
    model, deadline = variant.model, None
    if variant.model == "replay:brain":
        source, model = LiveSource(BrainUpstream()), REPLAY_MODEL
    elif variant.model == "replay:sloppy":
        source, model = SloppySource(timeout_s=SLOPPY_DEADLINE_S * 2), REPLAY_MODEL
        deadline = SLOPPY_DEADLINE_S
    elif variant.model.startswith("openai:") and cassettes:
        source = CassetteSource(CassetteStore(cassettes))
    token = EVAL_FLAGS.set(variant.flags)
    try:
        with _deadline(deadline) if deadline else nullcontext():
            suite = run_session(
                load_datasets(files),
                [str(f) for f in files],
                model_name=model,
                repeat=repeat,
                concurrency=concurrency or (1 if model == "offline" else 4),
                scratch=scratch,
                source=source,
            )
    finally:
        EVAL_FLAGS.reset(token)
    suite.model = variant.label
    return suite


def tag_rates(suite: SuiteResult) -> dict[str, float]:
    by_tag: dict[str, list[list[RunResult]]] = {}
    for runs in suite.by_conversation().values():
        for tag in runs[0].conversation.tags or ["(untagged)"]:
            by_tag.setdefault(tag, []).append(runs)
    return {
        tag: round(sum(all(r.passed for r in g) for g in groups) / len(groups), 4)
        for tag, groups in sorted(by_tag.items())
    }


def comparison(suites: list[SuiteResult]) -> dict[str, Any]:
    return {
        "variants": [
            {
                "variant": s.model,
                "summary": summary(s),
                "per_tag_pass_rate": tag_rates(s),
                "notes": s.notes,
            }
            for s in suites
        ]
    }


def comparison_report(suites: list[SuiteResult], files: list[Path]) -> str:
    doc = comparison(suites)
    labels = [v["variant"] for v in doc["variants"]]
    rows: list[list[Any]] = []
    for title, key in COLUMNS:
        rows.append([title, *(v["summary"][key] for v in doc["variants"])])
    for p in ("p50", "p95"):
        rows.append(
            [
                f"turn latency {p} (ms)",
                *(v["summary"]["turn_latency_ms"][p] for v in doc["variants"]),
            ]
        )
    rows.append(["conversations", *(v["summary"]["conversations"] for v in doc["variants"])])
    rows.append(["turns", *(v["summary"]["turns"] for v in doc["variants"])])
    tags = sorted({t for v in doc["variants"] for t in v["per_tag_pass_rate"]})
    tag_rows = [[t, *(v["per_tag_pass_rate"].get(t) for v in doc["variants"])] for t in tags]
    lines = [
        "# Eval suites by experiment arm",
        "",
        "Made by `python -m evals run "
        + " ".join(f.name for f in files)
        + " "
        + " ".join(f"--variant {label}" for label in labels)
        + "` (evals/variants.py): the same conversations under each arm, side by side.",
        "",
        "## Summary",
        "",
        *table(["metric", *labels], rows),
        "",
        "## Pass rate per tag",
        "",
        *table(["tag", *labels], tag_rows),
        "",
    ]
    for v in doc["variants"]:
        for note in v["notes"]:
            lines.append(f"- {v['variant']}: {note}")
    return "\n".join(lines) + "\n"
