"""CPU time of the offline brain's reading of a message (`agent.brain.segment.split`, the
work every turn does first), over the user turns of the development sets given.

    python -m bench.brain_split FILE.jsonl ... [--repeat N]

Prints one JSON line: turns, repeats, total and per-turn CPU ms (median of the repeats).
The reading is cached per message in the graph (understand._pieces), so each repeat here
calls `split` itself, uncached. To compare two versions of the brain, run this module
against each tree in turn (PYTHONPATH), alternating, on the same files."""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import date
from pathlib import Path


def _turns(paths: list[str]) -> list[str]:
    out = []
    for path in paths:
        for line in Path(path).read_text().splitlines():
            if line.strip():
                out += [t["user"] for t in json.loads(line)["turns"] if "user" in t]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from agent.brain.segment import split  # the tree on PYTHONPATH

    turns = _turns(args.files)
    today = date(2026, 3, 10)
    for text in turns[:50]:  # one-off costs (patterns, the classifier) paid before timing
        split(text, today)
    runs = []
    for _ in range(args.repeat):
        started = time.process_time()
        for text in turns:
            split(text, today)
        runs.append((time.process_time() - started) * 1000)
    total = statistics.median(runs)
    print(json.dumps({"turns": len(turns), "repeats": args.repeat, "total_ms": round(total, 1),
                      "per_turn_ms": round(total / len(turns), 3)}))  # fmt: skip


if __name__ == "__main__":
    main()
