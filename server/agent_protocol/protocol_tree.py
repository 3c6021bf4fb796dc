"""`agent.getTree` on the thread-centric protocol's WebSocket: the thread's latest run as
a tree of the graphs it entered, each with where it stands.

What LangGraph's server answers (langgraph-api 0.16.7, on the WebSocket, once a run of
the thread is known to the socket; over HTTP each command has no run, so `no_such_run`):
`{"tree": {"namespace": [], "status", "graph_name", "children": [...]}}`, each child
`{"namespace", "status", "graph_name"}` (with its own `children` when it has any),
children sorted by namespace; a status is the last lifecycle phase of that namespace
(`running` for the root while it runs; `started`, then `completed`, `failed` or
`interrupted`). Here the same, from the lifecycle events of the run's recorded chunks
(protocol_events.py, as every stream of the thread numbers them), read from what the run
holds now: nothing is recorded for it.
"""

from __future__ import annotations

from typing import Any

from server.agent_protocol.protocol_events import GRAPH_NAME, RunTranslation, run_started_ms
from server.agent_protocol.protocol_messages import Namespace
from server.agent_protocol.protocol_runs import EPOCH
from server.resources import Resources
from server.runs import RunManager
from server.runs.run import Run
from server.runs.store import list_runs
from server.runs.threads import ThreadRow


async def latest_run(res: Resources, runs: RunManager, thread: ThreadRow) -> Run | None:
    """The thread's newest run this instance keeps, or (several instances sharing the
    work) the newest one another instance runs or keeps; None when none is kept."""
    here = runs.started_since(thread.key, EPOCH)
    if here:
        return max(here, key=lambda r: run_started_ms(r.extras, r.created_at))
    rows = await list_runs(res.pool, thread.user_id, thread.thread_id, limit=1)
    return await runs.find(str(rows[0].id)) if rows else None


def run_tree(run: Run) -> dict[str, Any]:
    """The tree of `run` as its events so far tell it."""
    translation = RunTranslation(run.run_id, run_started_ms(run.extras, run.created_at))
    events = translation.start()
    for chunk in run.log.held():
        events += translation.feed(chunk)
    if run.done:
        events += translation.end(run.status, run.error, run.interrupts)
    found: dict[Namespace, tuple[str, str]] = {}  # namespace -> (status, graph name)
    for event in events:
        if event["method"] == "lifecycle":
            data = event["params"]["data"]
            found[tuple(event["params"]["namespace"])] = (data["event"], data["graph_name"])
    return _node((), found)


def _node(namespace: Namespace, found: dict[Namespace, tuple[str, str]]) -> dict[str, Any]:
    status, graph_name = found.get(namespace, ("started", GRAPH_NAME))
    node: dict[str, Any] = {
        "namespace": list(namespace),
        "status": status,
        "graph_name": graph_name,
    }
    children = sorted(
        n for n in found if len(n) == len(namespace) + 1 and n[: len(namespace)] == namespace
    )
    if children:
        node["children"] = [_node(child, found) for child in children]
    return node
