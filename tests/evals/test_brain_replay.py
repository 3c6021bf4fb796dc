"""The LLM path with no network: record a dataset with the offline brain over the OpenAI
wire format, then run it again with PAM_MODEL=openai:... (langchain-openai) against the
replay server, and get the same results. Recording twice gives the same request keys."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner, Result

from evals.cli import eval_app as app
from tests.servers import REPO, free_port

MODEL = "openai:pam-brain"


async def pam(*args: str, env: dict[str, str]) -> Result:
    return await asyncio.to_thread(CliRunner().invoke, app, list(args), env=env)


@contextmanager
def replay_server(cassettes: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`python -m evals.replay` in a subprocess, as CI would run it."""
    port = free_port()
    command = [sys.executable, "-m", "evals.replay", "--cassettes", str(cassettes)]
    process = subprocess.Popen([*command, "--port", str(port)], cwd=REPO, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/models", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the replay server did not start") from None
                time.sleep(0.1)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.slow
async def test_brain_cassettes_replay_with_the_same_results(
    tmp_path: Path, repo_root: Path, migrated_url: str
) -> None:
    pytest.importorskip("agent.brain", reason="needs PAM's offline brain")
    dataset = tmp_path / "smoke.jsonl"
    shutil.copy(repo_root / "evals/datasets/smoke.jsonl", dataset)
    env = {"DATABASE_URL": migrated_url}
    recorded = await pam(
        "record", str(dataset), "--model", MODEL, "--brain",
        "--json", str(tmp_path / "recorded.json"), env=env,
    )  # fmt: skip
    assert recorded.exit_code == 0, recorded.output
    cassettes = tmp_path / "cassettes" / "smoke"  # beside the dataset by default
    again = await pam(
        "record", str(dataset), "--model", MODEL, "--brain",
        "--cassettes", str(tmp_path / "again"), env=env,
    )  # fmt: skip
    assert again.exit_code == 0, again.output
    keys = {p.name for p in cassettes.glob("*.json")}
    assert keys and keys == {p.name for p in (tmp_path / "again").glob("*.json")}

    with replay_server(cassettes) as (url, process):
        replay_env = {**env, "PAM_MODEL": MODEL, "OPENAI_BASE_URL": url, "OPENAI_API_KEY": "k"}
        replayed = await pam(
            "run", str(dataset), "--model", MODEL,
            "--json", str(tmp_path / "replayed.json"), env=replay_env,
        )  # fmt: skip
        process.terminate()
        log = process.communicate(timeout=20)[1].decode()
    assert replayed.exit_code == 0, replayed.output
    assert "no cassette matched" not in log
    before = json.loads((tmp_path / "recorded.json").read_text())
    after = json.loads((tmp_path / "replayed.json").read_text())
    assert after["conversations"] == before["conversations"]
    assert after["summary"]["passed"] == before["summary"]["passed"] > 0

    # The same, with the replay server inside `python -m evals run --replay`.
    inside = await pam(
        "run", str(dataset), "--model", MODEL, "--replay",
        "--json", str(tmp_path / "inside.json"), env=env,
    )  # fmt: skip
    assert inside.exit_code == 0, inside.output
    assert "matched no cassette" not in inside.output
    inside_doc = json.loads((tmp_path / "inside.json").read_text())
    assert inside_doc["conversations"] == before["conversations"]
