from pathlib import Path

from bench.evals_summary import dev_columns


def test_dev_files_group_by_round_and_an_author_can_stand_apart() -> None:
    names = ["money.jsonl", "r5a_you.jsonl", "r5b_you.jsonl", "r6a_money.jsonl", "r6b_money.jsonl"]
    columns = dev_columns([Path(n) for n in names], ["r6b"])
    assert {k: [p.name for p in v] for k, v in columns.items()} == {
        "dev": ["money.jsonl"],
        "dev round 5": ["r5a_you.jsonl", "r5b_you.jsonl"],
        "dev round 6": ["r6a_money.jsonl"],
        "dev r6b": ["r6b_money.jsonl"],
    }


def test_without_apart_a_round_keeps_all_its_authors() -> None:
    columns = dev_columns([Path("r6a_x.jsonl"), Path("r6b_x.jsonl")], [])
    assert list(columns) == ["dev round 6"]
    assert len(columns["dev round 6"]) == 2


def test_round_ten_is_its_own_round_and_comes_after_round_nine() -> None:
    names = ["r10a_you.jsonl", "r2a_you.jsonl", "r9b_you.jsonl", "r10b_you.jsonl"]
    columns = dev_columns([Path(n) for n in names], ["r10b"])
    assert list(columns) == ["dev round 2", "dev round 9", "dev round 10", "dev r10b"]
