"""The same comparisons driven by the JS `@langchain/langgraph-sdk` under node: the
package pinned in tests/conformance/js/package-lock.json, installed by `npm ci` into a
temporary directory once per session; skipped, saying why, without node and npm."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from pathlib import Path
from typing import Any

import orjson
import pytest

from server.agent_protocol.assistant import ASSISTANT_ID
from tests.conformance.script import same_on_both
from tests.conformance.sides import Caller, Side

JS = Path(__file__).parent / "js"


@pytest.fixture(scope="session")
def js_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are not installed: the JS SDK side needs Node.js 18 or later")
    where = tmp_path_factory.mktemp("conformance-js")
    for name in ("package.json", "package-lock.json", "run.mjs"):
        shutil.copy(JS / name, where / name)
    installed = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert installed.returncode == 0, f"npm ci failed: {installed.stderr[-2000:]}"
    return where


def _js_case(where: Path, case: str) -> Any:
    async def script(caller: Caller) -> Any:
        headers = dict(caller.sdk.http.client.headers)
        headers = {k: v for k, v in headers.items() if k.lower() == "authorization"}
        job = {
            "url": caller.side.url,
            "headers": headers,
            "context": caller.context,
            "case": case,
            "assistant": ASSISTANT_ID,  # the graph's default one, the same on both
        }
        process = await asyncio.create_subprocess_exec(
            "node",
            str(where / "run.mjs"),
            orjson.dumps(job).decode(),
            cwd=where,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(process.communicate(), 120)
        assert process.returncode == 0, f"{caller.side.name}: {err.decode()[-2000:]}"
        return orjson.loads(out)

    return script


@pytest.mark.row("JS SDK: `streamMode` messages-tuple (`streamSubgraphs` false)")
async def test_js_messages_tuple(sides: tuple[Side, Side], js_client: Path) -> None:
    parts = await same_on_both(sides, _js_case(js_client, "messages-tuple"))
    assert any(event == "messages" for event, _ in parts)


@pytest.mark.row("JS SDK: `streamMode` debug, checkpoints, tasks")
async def test_js_debug_checkpoints_tasks(sides: tuple[Side, Side], js_client: Path) -> None:
    parts = await same_on_both(sides, _js_case(js_client, "debug-checkpoints-tasks"))
    assert {"debug", "checkpoints", "tasks"} <= {event for event, _ in parts}


@pytest.mark.row("JS SDK: `getHistory({before: {configurable}})`")
async def test_js_history_before(sides: tuple[Side, Side], js_client: Path) -> None:
    older = await same_on_both(sides, _js_case(js_client, "history-before"))
    assert len(older) == 4


@pytest.mark.row("JS SDK: `threads.joinStream`")
async def test_js_join_stream(sides: tuple[Side, Side], js_client: Path) -> None:
    joined = await same_on_both(sides, _js_case(js_client, "join-stream"))
    assert joined[-1][1]["status"] == "run_done"


@pytest.mark.row("JS SDK: `assistants.getSubgraphs`")
async def test_js_subgraphs(sides: tuple[Side, Side], js_client: Path) -> None:
    found = await same_on_both(sides, _js_case(js_client, "subgraphs"))
    assert set(found) == {"wins", "wheels", "you", "social"}


@pytest.mark.row("JS SDK: `threads.stream` (v3) `toolCalls` and `output`")
async def test_js_thread_stream_tool_calls(sides: tuple[Side, Side], js_client: Path) -> None:
    found = await same_on_both(sides, _js_case(js_client, "thread-stream-tool-calls"))
    assert found["calls"] and {c[0] for c in found["calls"]} == {"add_expense"}
    assert found["calls"][0][3]["summary"].startswith("Logged $12.50 for food")
    assert found["reply"].startswith("Logged $12.50 for food")
