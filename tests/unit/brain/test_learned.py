"""The learned request classifier (agent/brain/learned.py) and how it decides with the
phrase rules (blend.py): the artefact loads fast and scores deterministically, the
features are the training script's, and phrasings no rule knows are understood. The
phrasings here are our own, not the tuning set's or any held-out set's."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from agent.brain.features import BUCKETS, feature_names, hashed
from agent.brain.learned import ARTEFACT, Classifier, guess, use
from agent.brain.textutil import normalise
from tests.unit.brain.support import only_call, route, step, subset


def test_the_artefact_loads_in_well_under_a_second_and_scores_every_class() -> None:
    start = time.perf_counter()
    model = Classifier(ARTEFACT)
    assert time.perf_counter() - start < 0.5
    assert "none" in model.labels and "add_expense" in model.labels
    probs = model.probabilities("spent $20 on bait")
    assert len(probs) == len(model.labels)
    assert abs(sum(probs) - 1) < 1e-6
    assert model.probabilities("spent $20 on bait") == probs  # deterministic


def test_features_fold_digits_and_case_and_stay_in_the_hashed_space() -> None:
    assert feature_names("Paid $45") == feature_names("paid $99")
    weights = hashed("whack milk on the shopping")
    assert all(0 <= key < BUCKETS for key in weights)
    assert abs(sum(v * v for v in weights.values()) - 1) < 1e-9


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("jot down 45 for a haircut", "add_expense"),
        ("give Dave's post a heart", "like_post"),
        ("what's the ute averaging per litre lately?", "fuel_stats"),
        ("banked 300 from minding a property", "add_income"),
    ],
)
def test_the_classifier_reads_verbs_no_rule_lists(text: str, tool: str) -> None:
    assert guess(text).tool == tool


def test_a_meal_called_a_feed_is_no_request() -> None:
    assert route("we had a massive feed at the RSL tonight") == ["general"]


CASES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("you", "ditch the physio appointment on tuesday", "list_events", {}),  # finds it first
    ("wins", "made 350 mowing lawns for the caravan park owner", "add_income", {"amount": 350}),
    ("wins", "jot down 45 for a haircut", "add_expense", {"amount": 45}),
    ("wins", "spent sevnty bucks on bait", "add_expense", {"amount": 70}),
    ("wins", "ninety nine thirty at the chemist", "add_expense", {"amount": 99.3}),
]


@pytest.mark.parametrize(("domain", "text", "tool", "args"), CASES)
def test_phrasings_without_a_rule_reach_the_right_call(
    domain: str, text: str, tool: str, args: dict[str, Any]
) -> None:
    assert route(text) == [domain]
    assert subset(only_call(step(domain, text), tool), args)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("sevnty bucks", "70 bucks"),
        ("a hundred and five twenty", "105.20"),
        ("nintey dollars", "90 dollars"),
        ("the light was on", "the light was on"),  # one edit from "eight", but no number
        ("at two thirty", "at 2 30"),  # a clock time stays two numbers
        ("fight night", "fight night"),
    ],
)
def test_number_words_misspelt_or_in_dollars_and_cents(typed: str, read: str) -> None:
    assert normalise(typed) == read


def test_the_brain_can_score_with_another_artefact_and_a_bad_one_is_refused(
    tmp_path: Path,
) -> None:
    """`use` is how scripts/brain_model/folds.py runs the eval suites with a fold's build."""
    import numpy as np

    from scripts.brain_model.train import pack

    keys = np.array(sorted(hashed("zebra crossing")), dtype=np.int32)
    weights = np.zeros((len(keys), 2))
    weights[:, 1] = 127  # every feature of the phrase votes for the second class
    other = tmp_path / "other.bin.gz"
    scale, bias = np.full(2, 0.1), np.zeros(2)
    other.write_bytes(pack(["none", "like_post"], keys, weights, scale, bias))
    shipped = guess("zebra crossing")
    try:
        use(other)
        assert guess("zebra crossing").tool == "like_post"
        broken = tmp_path / "broken.bin.gz"
        broken.write_bytes(b"not an artefact")
        with pytest.raises(OSError):
            use(broken)
        assert guess("zebra crossing").tool == "like_post"  # the working one stays
    finally:
        use(ARTEFACT)
    assert guess("zebra crossing") == shipped


def test_a_classifier_torn_between_keeping_and_reading_thesame_rows_is_sure_of_them() -> None:
    """ "tyre pressures: 41" is about tyres whether it logs or asks: the two together outweigh
    an amount rule's expense, which the classifier gives no chance."""
    from agent.brain.blend import overrule, same_rows

    assert same_rows("log_tyre_pressures") == {"log_tyre_pressures", "tyre_pressure_history"}
    assert {"add_expense", "update_expense", "list_expenses"} <= same_rows("list_expenses")
    assert overrule("tyre pressures: 41", "add_expense") == (True, "log_tyre_pressures")
    assert overrule("pressures 34", "add_expense") == (True, "log_tyre_pressures")
    # the rules' own pick is no evidence against itself
    assert overrule("tyre pressures: 41", "tyre_pressure_history") == (False, None)
