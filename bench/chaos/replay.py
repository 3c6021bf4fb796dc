"""The eval helper's replay server in brain mode (`python -m evals.replay --brain`): an
OpenAI-compatible endpoint answered by the offline brain, so the server's LLM path
(PAM_MODEL=openai:<name>, langchain-openai, OPENAI_BASE_URL) runs with no network."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.servers import REPO, free_port

MODEL = "openai:pam-brain"


@contextmanager
def replay_brain(directory: Path) -> Iterator[dict[str, str]]:
    """Yields the environment that points `pam serve` at the replay server."""
    port = free_port()
    argv = [sys.executable, "-m", "evals.replay", "--brain", "--cassettes", str(directory)]
    process = subprocess.Popen(  # noqa: S603 - our own argv
        [*argv, "--port", str(port)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
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
        yield {"PAM_MODEL": MODEL, "OPENAI_BASE_URL": url, "OPENAI_API_KEY": "sk-replay"}
    finally:
        process.terminate()
        process.wait(timeout=20)
