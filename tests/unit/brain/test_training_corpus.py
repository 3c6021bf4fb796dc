"""What the classifier trains on besides its generated corpus (scripts/brain_model/corpus.py):
the development conversations' turns that expect one tool or none, by author, read from
evals/dev only. The conversations here are written for this test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scripts.brain_model.corpus import (
    APART,
    AUTHORS,
    FOLDABLE,
    author,
    dev_examples,
    dev_files,
    turn_label,
)

LABELS = {"add_expense", "get_feed", "none"}


def _conversation(cid: str, *turns: dict[str, Any]) -> str:
    return json.dumps({"id": cid, "turns": list(turns)})


def _tree(tmp_path: Path) -> Path:
    dev = tmp_path / "evals" / "dev"
    dev.mkdir(parents=True)
    (dev / "money.jsonl").write_text(
        _conversation(
            "a1",
            {"user": "paid forty for the ferry", "expect": {"tools": [{"name": "add_expense"}]}},
            {"user": "and the next one", "expect": {"tools": [{"name": "add_expense"}]}},
        )
        + "\n\n"
        + _conversation(
            "a2",
            {"user": "lovely sunset tonight", "expect": {"route": ["general"], "tools": []}},
            {"decisions": [{"type": "approve"}], "expect": {}},
        )
        + "\n"
    )
    (dev / "r9x_social.jsonl").write_text(
        _conversation(
            "b1",
            {"user": "show the posts", "expect": {"tools": [{"name": "get_feed"}]}},
            {"user": "who asked to join", "expect": {"tools": [{"name": "review_join_requests"}]}},
            {"user": "both please", "expect": {"tools": [{"name": "get_feed"}, {"name": "x"}]}},
            {"user": "whatever you think", "expect": {"route": ["social"]}},
        )
        + "\n"
    )
    (tmp_path / "evals" / "heldout").mkdir()
    (tmp_path / "evals" / "heldout" / "r9x_secret.jsonl").write_text("not json\n")
    return tmp_path


def test_an_author_is_the_file_prefix_and_round_one_has_none() -> None:
    assert author(Path("evals/dev/r2a_money.jsonl")) == "r2a"
    assert author(Path("evals/dev/r3b_multi.jsonl")) == "r3b"
    assert author(Path("evals/dev/money.jsonl")) == "r1"
    assert author(Path("evals/dev/multi_turn.jsonl")) == "r1"
    assert author(Path("evals/dev/rest_stops.jsonl")) == "r1"


def test_a_turn_teaches_its_one_tool_or_none_and_nothing_otherwise() -> None:
    assert turn_label({"tools": [{"name": "add_expense"}]}, LABELS) == "add_expense"
    assert turn_label({"tools": [{"name": "get_feed"}, {"name": "get_feed"}]}, LABELS) == "get_feed"
    assert turn_label({"tools": []}, LABELS) == "none"
    assert turn_label({"route": ["general"]}, LABELS) is None  # tools not stated
    assert turn_label({"tools": [{"name": "get_feed"}, {"name": "add_expense"}]}, LABELS) is None
    assert turn_label({"tools": [{"name": "review_join_requests"}]}, LABELS) is None  # no class


def test_dev_turns_come_from_the_authors_asked_for_and_never_from_heldout(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    assert [p.name for p in dev_files(root, ["r9x"])] == ["r9x_social.jsonl"]
    assert dev_examples(root, ["r1"], LABELS) == [
        ("add_expense", "paid forty for the ferry"),
        ("none", "lovely sunset tonight"),
    ]
    assert dev_examples(root, ["r9x"], LABELS) == [("get_feed", "show the posts")]
    assert dev_examples(root, [], LABELS) == []


def test_later_turns_are_read_alone_when_asked_for(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    assert dev_examples(root, ["r1"], LABELS, later=True) == [
        ("add_expense", "paid forty for the ferry"),
        ("add_expense", "and the next one"),
        ("none", "lovely sunset tonight"),
    ]


def test_the_shipped_authors_can_be_folds_and_the_set_apart_never_trains() -> None:
    """r6b and round 11 are kept untuned as fresh measures: no build or fold may read them."""
    assert set(AUTHORS) <= set(FOLDABLE)
    assert not set(APART) & set(FOLDABLE)
    assert {author(Path(f"evals/dev/{a}_money.jsonl")) for a in APART} == set(APART)
