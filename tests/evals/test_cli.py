"""`python -m evals`: the command answers, bad datasets are one line, --min-pass sets the exit
status, and --json / --report are written."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import psycopg
import pytest
import typer
from typer.testing import CliRunner, Result

from evals.cli import eval_app as app

NOW = "2026-03-10T09:00:00+11:00"
# Whatever the model says: the first has no expectations, the second wants rows never made.
ALWAYS = {"id": "always", "now": NOW, "turns": [{"user": "hello"}]}
NEVER = {
    "id": "never",
    "now": NOW,
    "turns": [{"user": "hello"}],
    "final_state": {"expenses": {"count": 5}},
}


async def pam(*args: str, env: dict[str, str] | None = None) -> Result:
    """The CLI in this process (in a thread: the command runs its own event loop)."""
    return await asyncio.to_thread(CliRunner().invoke, app, list(args), env=env)


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    path = tmp_path / "two.jsonl"
    path.write_text(json.dumps(ALWAYS) + "\n" + json.dumps(NEVER) + "\n")
    return path


async def test_eval_is_its_own_command() -> None:
    out = await pam("--help")
    assert out.exit_code == 0
    assert "run" in out.output and "record" in out.output


async def test_a_bad_dataset_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(ALWAYS) + "\n" + '{"id": "x"}\n')
    out = await pam("run", str(bad))
    assert out.exit_code == 1
    assert out.stderr.strip().startswith(f"pam: {bad}:2: ")
    assert out.stderr.strip().count("\n") == 0


async def test_min_pass_sets_the_exit_status(
    dataset: Path, tmp_path: Path, migrated_url: str
) -> None:
    env = {"DATABASE_URL": migrated_url}
    json_path, report = tmp_path / "out.json", tmp_path / "out.md"
    run = ("run", str(dataset), "--no-scratch-db", "--json", str(json_path))
    passing = await pam(*run, "--min-pass", "0.5", "--report", str(report), env=env)
    assert passing.exit_code == 0, passing.output
    assert "1/2 conversations passed" in passing.stdout
    assert "FAIL never: final state: expenses: expected 5 rows, got 0" in passing.stdout
    doc = json.loads(json_path.read_text())
    assert set(doc) == {"model", "files", "summary", "conversations"}
    assert doc["model"] == "offline" and doc["files"] == [str(dataset)]
    assert doc["summary"]["conversation_pass_rate"] == 0.5
    assert "## Route confusion matrix" in report.read_text()
    failing = await pam(*run, "--min-pass", "0.75", env=env)
    assert failing.exit_code == 1
    assert "under --min-pass 0.75" in failing.stderr


def _scratch_databases(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'pam_eval_%'")
        return {str(r[0]) for r in rows.fetchall()}


async def test_the_default_runs_in_a_scratch_database_it_drops(
    dataset: Path, migrated_url: str
) -> None:
    before = _scratch_databases(migrated_url)
    out = await pam("run", str(dataset), env={"DATABASE_URL": migrated_url})
    assert out.exit_code == 0, out.output
    assert "1/2 conversations passed" in out.stdout
    assert _scratch_databases(migrated_url) == before


async def test_every_command_answers_help() -> None:
    commands = getattr(typer.main.get_command(app), "commands", {})
    assert "run" in commands
    for command in commands:
        out = await pam(command, "--help")
        assert out.exit_code == 0, f"{command} --help: {out.output}{out.exception!r}"
        assert "Usage" in out.output
