"""A battery split in two before any fix: the half tuned on and the half held back,
chosen by a fixed seed over the conversation ids, each written as a JSONL file."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

Conv = dict[str, Any]


def split(convs: list[Conv], seed: int) -> tuple[list[Conv], list[Conv]]:
    """(tune, held): half the ids by `seed`, each half in the battery's own order."""
    ids = sorted(c["id"] for c in convs)
    assert len(ids) == len(set(ids)), "duplicate ids"
    rng = random.Random(seed)  # noqa: S311 (a fixed battery, no secret)
    held = set(rng.sample(ids, len(ids) // 2))
    return [c for c in convs if c["id"] not in held], [c for c in convs if c["id"] in held]


def write_halves(convs: list[Conv], seed: int, folder: Path, stem: str) -> None:
    """`<stem>_tune.jsonl` and `<stem>_held.jsonl` in `folder`."""
    tune, held = split(convs, seed)
    for name, part in ((f"{stem}_tune.jsonl", tune), (f"{stem}_held.jsonl", held)):
        with open(folder / name, "w", encoding="utf-8") as fh:
            for c in part:
                fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{len(convs)} conversations: tune {len(tune)}, held {len(held)}")
