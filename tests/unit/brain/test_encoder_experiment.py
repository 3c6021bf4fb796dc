"""Round 12's experiment pieces (scripts/brain_model/encoder.py; docs/brain-understanding.md,
"a pretrained encoder's vectors beside the n-grams"), on a small table written here rather
than the one derived from wordllama: words are cut into the table's pieces greedily and
the same way each time, the sentence vector is unit length, and a head is packed the same
bytes each time and mixed into the classifier by its weight."""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from scripts.brain_model import encoder as E

PIECES = ["\u2581log", "\u2581the", "\u2581dies", "el", "e", "l", "\u2581", "0"]


@pytest.fixture
def table(tmp_path: Path) -> Iterator[E.Encoder]:
    rng = np.random.default_rng(0)
    rows = rng.integers(-127, 128, size=(len(PIECES), 4)).astype(np.int8)
    header = json.dumps({"dims": 4, "pieces": PIECES}).encode() + b"\n"
    path = tmp_path / "table.bin.gz"
    path.write_bytes(gzip.compress(header + np.full(4, 0.01, "<f4").tobytes() + rows.tobytes()))
    E.use_table(path)
    yield E.encoder()
    E.use_table(E.TABLE)


def test_words_are_cut_longest_piece_first(table: E.Encoder) -> None:
    cut = [PIECES[i] for i in table.pieces("Log the DIESEL, 55")]
    assert cut == ["\u2581log", "\u2581the", "\u2581dies", "el", "\u2581", "0", "0"]
    assert table.pieces("log the diesel 99") == table.pieces("Log the DIESEL, 55")
    assert [PIECES[i] for i in table.pieces("zzz")] == ["\u2581"]  # no piece: skipped
    assert table.pieces("…!") == []  # no word: nothing


def test_the_vector_is_unit_length_or_zeros(table: E.Encoder) -> None:
    vec = E.dense("log the diesel")
    assert math.isclose(sum(v * v for v in vec), 1.0, rel_tol=1e-9)
    assert E.dense("…!") == [0.0] * 4


def test_a_head_is_the_same_bytes_each_time_and_mixed_by_its_weight(
    table: E.Encoder, tmp_path: Path
) -> None:
    weights = np.zeros((4, 2))
    weights[:, 1] = np.array(E.dense("log the diesel")) * 10
    packed = E.pack_head(["none", "log_fuel"], weights, np.zeros(2), 0.25)
    assert packed == E.pack_head(["none", "log_fuel"], weights, np.zeros(2), 0.25)
    path = tmp_path / "head.bin.gz"
    path.write_bytes(packed)
    head = E.Head(path)
    assert (head.labels, head.dims, head.mix) == (["none", "log_fuel"], 4, 0.25)
    q = 1 / (1 + math.exp(-10))
    assert math.isclose(head.probabilities("log the diesel")[1], q, rel_tol=1e-6)
    assert math.isclose(head.mixed([0.5, 0.5], "log the diesel")[1], 0.75 * 0.5 + 0.25 * q)
    assert E.head_path(Path("a/x.bin.gz")) == Path("a/x.head.bin.gz")
