"""The writes15 battery (evals/batteries/writes15.py): its files are what the generator writes,
every conversation loads under the dataset contract, and the halves keep every family."""

from __future__ import annotations

import json
from pathlib import Path

from evals.batteries import writes15
from evals.batteries.halves import split
from evals.dataset import load_dataset


def test_the_files_are_the_generators_output() -> None:
    tune, held = split(writes15.build(), writes15.SPLIT_SEED)
    for name, part in (("writes15_tune.jsonl", tune), ("writes15_held.jsonl", held)):
        lines = (writes15.HERE / name).read_text(encoding="utf-8").splitlines()
        assert [json.loads(line) for line in lines] == part


def test_every_conversation_loads_and_each_half_has_every_family() -> None:
    families = []
    for name in ("writes15_tune.jsonl", "writes15_held.jsonl"):
        convs = load_dataset(Path(writes15.HERE / name))
        families.append({c.id.split("-")[1] for c in convs})
    assert families[0] == families[1] == {"q", "told", "asks", "kind", "beside", "follow"}
