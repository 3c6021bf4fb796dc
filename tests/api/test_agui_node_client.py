"""The AG-UI door driven by the official client, `@ag-ui/client`'s HttpAgent under node
(tests/agui_node, versions pinned by its package-lock.json): it verifies the event stream
against the protocol while applying it, so a stream it accepts is one AG-UI front-ends
(CopilotKit) accept. Skipped, with the reason, where node or the package is missing."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest

from tests.api.conftest import (
    LiveServer,
    Serve,
    StreamingScriptedModel,
    add_expense,
    expense_amounts,
    token_for,
)
from tests.fakes import call, route
from tools.db.pool import Pool

CLIENT_DIR = Path(__file__).resolve().parent.parent / "agui_node"
NPM_TIMEOUT_S = 180


async def _installed() -> str | None:
    """Why the client cannot run here, or None once `npm ci` has installed it."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "node and npm are needed for the official AG-UI client"
    if (CLIENT_DIR / "node_modules" / "@ag-ui" / "client").is_dir():
        return None
    npm = await asyncio.create_subprocess_exec(
        "npm", "ci", "--no-audit", "--no-fund", cwd=CLIENT_DIR,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(npm.communicate(), NPM_TIMEOUT_S)
    if npm.returncode != 0:
        return f"npm ci failed (no npm registry?): {out.decode()[-300:]}"
    return None


async def run_client(
    server: LiveServer, user: str, thread: str, message: str, resume: Any = None
) -> dict[str, Any]:
    argv = ["node", "run.mjs", f"{server.url}/agui", token_for(user), thread, message]
    if resume is not None:
        argv.append(json.dumps(resume))
    node = await asyncio.create_subprocess_exec(
        *argv, cwd=CLIENT_DIR, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(node.communicate(), 60)
    assert node.returncode == 0, err.decode()
    result: dict[str, Any] = json.loads(out.decode().strip().splitlines()[-1])
    return result


async def test_the_official_client_runs_a_turn_and_answers_an_approval(
    serve: Serve, pool: Pool
) -> None:
    missing = await _installed()
    if missing:
        pytest.skip(missing)
    expense = await add_expense(pool, "nod", 38)
    model = StreamingScriptedModel(
        script=[
            route("wins"),
            call("add_expense", "c1", amount=20, category="fuel"),
            route("wins"),
            call("delete_expense", "d1", expense_id=expense),
        ]
    )
    thread = str(uuid4())
    async with serve(model) as server:
        turn = await run_client(server, "nod", thread, "fuel $20")
        paused = await run_client(server, "nod", thread, "delete the camping one")
        interrupt = paused["finished"]["outcome"]["interrupts"][0]
        resume = [
            {"interruptId": interrupt["id"], "status": "resolved", "payload": {"type": "approve"}}
        ]
        resumed = await run_client(server, "nod", thread, "", resume)
    assert turn["error"] is None, turn
    assert turn["events"][0] == "RUN_STARTED" and turn["events"][-1] == "RUN_FINISHED"
    assert "TOOL_CALL_RESULT" in turn["events"]
    replies = [m for m in turn["messages"] if m["role"] == "assistant" and m.get("content")]
    assert replies[-1]["content"].startswith("Logged $20.00")
    assert [a["type"] for a in turn["state"]["ui_actions"]] == ["reload_expenses"]
    assert paused["error"] is None and paused["finished"]["outcome"]["type"] == "interrupt"
    assert "$38.00" in interrupt["message"]
    assert resumed["error"] is None, resumed
    assert sorted(await expense_amounts(pool, "nod")) == [20.0]
