"""`python -m evals run --variant A --variant B`: each arm runs the suite, one comparison report;
a variant PAM cannot run is one clear line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.flags import TurnFlags
from evals.variants import VariantError, parse_variant
from tests.evals.test_cli import dataset, pam

__all__ = ["dataset"]


async def test_two_arms_are_compared_side_by_side(
    dataset: Path, tmp_path: Path, migrated_url: str
) -> None:
    json_path, report = tmp_path / "cmp.json", tmp_path / "cmp.md"
    out = await pam(
        "run", str(dataset), "--no-scratch-db",
        "--variant", "offline", "--variant", "offline/brief",
        "--json", str(json_path), "--report", str(report),
        env={"DATABASE_URL": migrated_url},
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    doc = json.loads(json_path.read_text())
    arms = [v["variant"] for v in doc["variants"]]
    assert arms == ["offline/default", "offline/brief"]
    for arm in doc["variants"]:
        assert arm["summary"]["conversations"] == 2
        assert arm["summary"]["conversation_pass_rate"] == 0.5  # "never" fails in both
    text = report.read_text()
    assert "| metric | offline/default | offline/brief |" in text
    assert "| conversation pass rate | 0.5 | 0.5 |" in text


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("gpt-4o", "the model must be offline, openai:<name>, replay:brain or replay:sloppy"),
        ("offline/shouty", "unknown prompt variant 'shouty'"),
        ("openai:", "the model must be"),
    ],
)
def test_a_variant_pam_cannot_run_is_refused(spec: str, message: str) -> None:
    with pytest.raises(VariantError, match=message):
        parse_variant(spec)


def test_a_variant_is_an_arm_of_the_flags() -> None:
    arm = parse_variant("replay:brain/warm")
    assert arm.label == "replay:brain/warm"
    assert arm.flags == TurnFlags(prompt="warm", experiment=True)


async def test_a_bad_variant_on_the_command_line_is_one_line(dataset: Path) -> None:
    out = await pam("run", str(dataset), "--variant", "offline", "--variant", "gpt-9")
    assert out.exit_code == 1
    assert out.stderr.strip().startswith("pam: variant 'gpt-9': the model must be")
