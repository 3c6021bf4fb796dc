"""Load time and per-message time of classifier artefacts, side by side: each artefact is
loaded and scores the same messages (renderings of the corpus's own templates) in turn,
alternating, so the machine's load falls on all of them alike.

    python -m scripts.brain_model.speed OLD.bin.gz NEW.bin.gz [--rounds 5]
        [--out bench/results/classifier-speed]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from agent.brain.learned import Classifier
from scripts.brain_model.corpus import held_out_rows

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("artefacts", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/classifier-speed")
    args = parser.parse_args()
    texts = [text for _, text in held_out_rows(per_template=1)[0]]
    loads: dict[str, list[float]] = {p.name: [] for p in args.artefacts}
    per_message: dict[str, list[float]] = {p.name: [] for p in args.artefacts}
    for _ in range(args.rounds):
        for path in args.artefacts:
            start = time.perf_counter()
            model = Classifier(path)
            loads[path.name].append(time.perf_counter() - start)
            start = time.perf_counter()
            for text in texts:
                model.probabilities(text)
            per_message[path.name].append((time.perf_counter() - start) / len(texts))
    rows = {
        name: {
            "load_s_median": round(statistics.median(loads[name]), 4),
            "message_ms_median": round(1000 * statistics.median(per_message[name]), 3),
            "bytes": (next(p for p in args.artefacts if p.name == name)).stat().st_size,
        }
        for name in loads
    }
    lines = [
        f"Classifier artefacts side by side ({args.rounds} alternating rounds,"
        f" {len(texts)} messages each)",
        "",
        "| artefact | bytes | load (median s) | one message (median ms) |",
        "|---|---|---|---|",
        *(
            f"| {name} | {r['bytes']} | {r['load_s_median']} | {r['message_ms_median']} |"
            for name, r in rows.items()
        ),
    ]
    print("\n".join(lines))
    args.out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    args.out.with_suffix(".json").write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
