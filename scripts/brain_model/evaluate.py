"""One arm of the classifier's cross-validation (folds.py): the eval runner over some
development conversations with the offline brain scoring with a given artefact and blend
thresholds, written as one JSON record per conversation.

With `--trace`, each conversation's record also keeps every probability the blend compared
with a threshold (`guess` values against RESCUE / OVERRULE, `probability` values against
DOUBT). Under other thresholds a conversation can only go differently when one of those
comparisons flips, so folds.py re-runs just those conversations for another arm.

    python -m scripts.brain_model.evaluate --artefact PATH [--head PATH] [--blend R,O,D]
        [--trace] [--only ID,ID] --json OUT FILE...

`--head`: a head on a pretrained encoder's sentence vector mixed into the classifier
(scripts/brain_model/encoder.py `install`; round 12's experiment).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agent.brain import blend, learned, segment
from evals import runner
from evals.dataset import load_datasets
from evals.metrics import REFUSAL, _writes_asked
from evals.results import RunResult
from evals.session import run_session

_current: list[str] = [""]
_seen: dict[str, dict[str, list[float]]] = {}


def _traced(kind: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(*args: Any) -> Any:
        out = fn(*args)
        value = out.probability if kind == "guess" else out
        _seen.setdefault(_current[0], {"guess": [], "probability": []})[kind].append(value)
        return out

    return wrapped


def _trace() -> None:
    for module in (blend, segment):
        module.guess = _traced("guess", module.guess)  # type: ignore[attr-defined]
        module.probability = _traced("probability", module.probability)  # type: ignore[attr-defined]
    run = runner.run_conversation  # type: ignore[attr-defined]

    async def named(graph: Any, pool: Any, conversation: Any, *rest: Any) -> RunResult:
        _current[0] = conversation.id
        return await run(graph, pool, conversation, *rest)

    runner.run_conversation = named  # type: ignore[attr-defined,assignment]


def record(run: RunResult) -> dict[str, Any]:
    """What the fold table sums, per conversation."""
    kinds = {k: [getattr(t.score, k) for t in run.turns] for k in ("route", "tools", "args")}
    asked = [t for t in run.turns if t.observed.ran and t.expect.tools]
    refused = [t for t in asked if not t.observed.tools and REFUSAL in t.observed.reply.lower()]
    unrequested = [
        w.name
        for t in run.turns
        if t.expect.tools is not None
        for w in t.observed.writes
        if w.name not in _writes_asked(t.expect.tools)
    ]
    return {
        "id": run.conversation.id,
        "passed": run.passed,
        **{
            k: [sum(v is True for v in vs), sum(v is not None for v in vs)]
            for k, vs in kinds.items()
        },
        "refused": [len(refused), len(asked)],
        "unrequested": len(unrequested),
        "latency_ms": [t.observed.latency_ms for t in run.turns if t.observed.ran],
        "failures": run.failures,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--artefact", type=Path, required=True)
    parser.add_argument("--head", type=Path, default=None, help="encoder.py's head, mixed in")
    parser.add_argument("--blend", default=None, help="RESCUE,OVERRULE,DOUBT")
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--only", default=None, help="conversation ids, comma-separated")
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    learned.use(args.artefact)
    if args.head:
        from scripts.brain_model.encoder import install

        install(args.head)
    if args.blend:
        rescue, overrule, doubt = (float(x) for x in args.blend.split(","))
        blend.RESCUE, blend.OVERRULE, blend.DOUBT = rescue, overrule, doubt
        # segment.py imported the two by value
        segment.RESCUE, segment.DOUBT = rescue, doubt  # type: ignore[attr-defined]
    if args.trace:
        _trace()
    conversations = load_datasets(args.files)
    if args.only is not None:
        wanted = set(args.only.split(","))
        conversations = [c for c in conversations if c.id in wanted]
    suite = run_session(
        conversations,
        [str(f) for f in args.files],
        model_name="offline",
        repeat=1,
        concurrency=1,
        scratch=True,
    )
    out = []
    for run in suite.runs:
        entry = record(run)
        if args.trace:
            entry["seen"] = _seen.get(run.conversation.id, {"guess": [], "probability": []})
        out.append(entry)
    args.json.write_text(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
