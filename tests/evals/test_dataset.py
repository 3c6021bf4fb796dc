"""Loading datasets: valid lines parse, a bad line is named by file and line number."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evals.dataset import FIXTURE_TABLES, DatasetError, load_dataset, load_datasets
from tools.registry import TABLES

GOOD: dict[str, Any] = {
    "id": "wins-fuel-003",
    "tags": ["wins"],
    "now": "2026-03-10T09:00:00+11:00",
    "profile": {"timezone": "Australia/Sydney"},
    "fixtures": {"expenses": [{"amount": 20, "category": "food"}]},
    "turns": [
        {"user": "spent 85.40 on diesel", "expect": {"route": ["wins"], "tools": []}},
        {"decisions": [{"type": "approve"}], "expect": {"reply_contains": ["deleted"]}},
    ],
    "final_state": {"expenses": {"count": 1, "contains": [{"amount": 20}]}},
}


def _write(tmp_path: Path, *lines: Any) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    return path


def test_a_good_file_loads_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    (conversation,) = load_dataset(_write(tmp_path, GOOD, ""))
    assert conversation.turns[0].expect.tools == []
    assert conversation.turns[1].said == "[decisions: approve]"
    assert conversation.final_state["expenses"].count == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"now": "2026-03-10T09:00:00"}, "now: must be an ISO datetime with a UTC offset"),
        ({"fixtures": {"wallets": []}}, "unknown table(s) ['wallets']"),
        ({"turns": [{"user": "x", "decisions": []}]}, "exactly one of `user` and `decisions`"),
        ({"turns": [{"user": "x", "expect": {"route": ["money"]}}]}, "turns.0.expect.route.0"),
        ({"turns": [{"user": "x", "expect": {"tool": []}}]}, "turns.0.expect.tool"),
        ({"turns": []}, "turns: List should have at least 1 item"),
        ({"client": {"timezone": "Mars/Olympus"}}, "'Mars/Olympus' is not an IANA time zone"),
        ({"client": {"zone": "Australia/Perth"}}, "unknown client field(s) ['zone']"),
    ],
)
def test_a_bad_line_names_file_line_and_field(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    path = _write(tmp_path, GOOD, {**GOOD, "id": "other", **change})
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert str(caught.value).startswith(f"{path}:2: ")
    assert message in str(caught.value)


def test_a_client_context_is_every_turns(tmp_path: Path) -> None:
    client = {"timezone": "Australia/Adelaide", "location": {"city": "Adelaide"}}
    (conversation,) = load_dataset(_write(tmp_path, {**GOOD, "client": client}))
    assert conversation.client == client


def test_broken_json_and_duplicate_ids_are_errors(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"set\.jsonl:1: .*JSON"):
        load_dataset(_write(tmp_path, "{not json"))
    first = _write(tmp_path, GOOD)
    second = tmp_path / "again.jsonl"
    second.write_text(json.dumps(GOOD))
    with pytest.raises(DatasetError, match="also in"):
        load_datasets([first, second])


def test_fixture_tables_are_the_registry_tables() -> None:
    assert set(FIXTURE_TABLES) == set(TABLES)


def test_the_example_dataset_loads(repo_root: Path) -> None:
    assert len(load_dataset(repo_root / "evals/datasets/smoke.jsonl")) >= 3
