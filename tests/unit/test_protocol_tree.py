"""`agent.getTree`'s tree of a run (server/agent_protocol/protocol_tree.py), from the
lifecycle its recorded chunks make: each namespace's last phase, children under their
parents sorted by namespace, the root `running` until the run has ended."""

from __future__ import annotations

import uuid
from typing import Any

from langgraph.types import Interrupt

from server.agent_protocol.protocol_tree import run_tree
from server.runs.run import Run


def held_run(*chunks: tuple[Any, tuple[str, ...], Any]) -> Run:
    run = Run(
        run_id="run-1",
        thread_id="thread-1",
        user_id=uuid.uuid4(),
        metadata={},
        on_disconnect="continue",
    )
    for mode, namespace, data in chunks:
        run.log.append(mode, namespace, data)
    return run


def test_a_running_run_and_its_subgraphs() -> None:
    run = held_run(
        ("values", (), {}),
        ("values", ("wins:b",), {}),
        ("values", ("wins:a",), {}),
        ("values", ("wins:a", "inner:x"), {}),
    )
    assert run_tree(run) == {
        "namespace": [],
        "status": "running",
        "graph_name": "pam",
        "children": [
            {
                "namespace": ["wins:a"],
                "status": "started",
                "graph_name": "wins",
                "children": [
                    {"namespace": ["wins:a", "inner:x"], "status": "started", "graph_name": "inner"}
                ],
            },
            {"namespace": ["wins:b"], "status": "completed", "graph_name": "wins"},
        ],
    }


def test_an_interrupted_run() -> None:
    asked = Interrupt(value={"action_requests": []}, id="i1")
    run = held_run(
        ("values", ("wins:a",), {}), ("updates", ("wins:a",), {"__interrupt__": (asked,)})
    )
    run.interrupts = [asked]
    run.end("interrupted")
    tree = run_tree(run)
    assert [tree["status"], tree["children"][0]["status"]] == ["interrupted", "interrupted"]


def test_a_failed_run_and_a_run_with_no_subgraph() -> None:
    run = held_run(("values", (), {}))
    run.end("error", "boom")
    assert run_tree(run) == {"namespace": [], "status": "failed", "graph_name": "pam"}
