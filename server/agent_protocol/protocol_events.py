"""One run's events as the thread-centric protocol's: `{"type": "event", "event_id",
"seq", "method", "params": {"namespace", "timestamp", "data"}}`.

Made from what PAM's one run core records for the run (server/runs: its `values`,
`updates`, `messages` and `custom` chunks, subgraphs' included), so every stream of the
thread sees the same events:

- `lifecycle`: `running` when the run starts; a subgraph's `started` at its first event
  and `completed` when its parent's next event comes; at the run's end the root's
  `completed`, `failed` (with the error; a cancelled run too) or `interrupted`;
- `input.requested` for each interrupt the run stopped at ({interrupt_id, payload}, in the
  namespace that asked), before the root's `interrupted`;
- `values` (without `__interrupt__`, which `input` carries), `updates` per node
  ({node, values}), `messages` (protocol_messages.py: what a chat model said),
  `custom` ({name?, payload});
- `tools` for each tool call whose result a node's `updates` carries, and the tool's
  message on `messages` (protocol_tools.py: made from the recorded chunks, so no run
  records anything more for them).

`seq` is the same on every stream of the thread, on every instance, so a client's
`since` cursor from one stream is good on the next: it counts the run's events up from
its start time (shared with the run, STARTED_MS) in milliseconds times SEQ_PER_MS (a
run emits far fewer than that many events per millisecond it runs, so a later run's
numbers are all higher). `event_id` is the run id
and the event's number in the run. Data stays the graph's objects (messages, interrupts)
until a stream sends the event (server.wire_json.dumps): every stream of the thread makes
all of a run's events, to number them alike, and sends only those it asked for.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any, Literal

from server.agent_protocol.protocol_messages import MessageEvents, Namespace
from server.agent_protocol.protocol_tools import ToolCalls
from server.runs.events import RunEvent
from server.runs.run import RunStatus

Method = Literal["lifecycle", "input.requested", "values", "updates", "messages", "custom", "tools"]
Phase = Literal["running", "started", "completed", "failed", "interrupted"]
SEQ_PER_MS = 1000
GRAPH_NAME = "pam"
INTERRUPT = "__interrupt__"
STARTED_MS = "started_ms"


def started_ms(created_at: datetime) -> str:
    """A run's start as its events' numbers use it, kept in the run's `extras` (under
    STARTED_MS) so an instance following it from another one numbers them alike."""
    return str(int(created_at.timestamp() * 1000))


def run_started_ms(extras: dict[str, str], created_at: datetime) -> int:
    shared = extras.get(STARTED_MS, "")
    return int(shared) if shared.isdigit() else int(started_ms(created_at))


def _interrupt_fields(item: Any) -> tuple[str | None, Any]:
    if isinstance(item, dict):
        return item.get("id"), item.get("value")
    return getattr(item, "id", None), getattr(item, "value", None)


class RunTranslation:
    """Fed a run's events in order, from its first: the protocol events they make."""

    def __init__(self, run_id: str, started_ms: int, graph_name: str = GRAPH_NAME) -> None:
        self._run_id = run_id
        self._graph_name = graph_name
        self._base = started_ms * SEQ_PER_MS
        self._count = 0
        self._messages = MessageEvents()
        self._tools = ToolCalls()
        self._open: list[Namespace] = []  # subgraphs started and not yet completed
        self._seen: set[Namespace] = set()
        # Where each interrupt was asked (the namespace of the `updates` that showed it).
        self._asked_in: dict[str, Namespace] = {}

    def _event(self, method: Method, namespace: Namespace, data: Any) -> dict[str, Any]:
        self._count += 1
        return {
            "type": "event",
            "event_id": f"{self._run_id}:{self._count}",
            "seq": self._base + self._count,
            "method": method,
            "params": {
                "namespace": list(namespace),
                "timestamp": int(time.time() * 1000),
                "data": data,
            },
        }

    def _lifecycle(self, where: Namespace, phase: Phase, **extra: Any) -> dict[str, Any]:
        name = where[-1].split(":", 1)[0] if where else self._graph_name
        return self._event("lifecycle", where, {"event": phase, "graph_name": name, **extra})

    def start(self) -> list[dict[str, Any]]:
        return [self._lifecycle((), "running")]

    def feed(self, event: RunEvent) -> list[dict[str, Any]]:
        ns = tuple(event.namespace)
        if event.mode not in ("values", "updates", "messages", "custom"):
            return []  # `error` ends the run (end()); other modes are not asked for
        # What shows an interrupt comes from the root while the subgraph that asked still
        # waits: it is not done (end() says `interrupted`).
        paused = isinstance(event.data, dict) and INTERRUPT in event.data
        out = self._enter(ns, closing=not paused)
        if event.mode == "messages":
            message, metadata = event.data
            made = self._messages.feed(ns, message, metadata)
            return out + [self._event("messages", n, d) for n, d in made]
        if event.mode in ("values", "updates"):  # a step ended in `ns`
            out += [self._event("messages", n, d) for n, d in self._messages.end_namespace(ns)]
        if event.mode == "values":
            data = event.data if isinstance(event.data, dict) else {}
            values = {k: v for k, v in data.items() if k != INTERRUPT}
            self._tools.saw_values(ns, values)
            out.append(self._event("values", ns, values))
        elif event.mode == "updates":
            out += self._updates(ns, event.data)
        else:
            out.append(self._event("custom", ns, self._custom(event.data)))
        return out

    def _enter(self, ns: Namespace, *, closing: bool = True) -> list[dict[str, Any]]:
        """Lifecycle for an event in `ns`: the subgraphs it is not inside of are done
        (unless not `closing`), and `ns` (with any parent not seen yet) has started."""
        out: list[dict[str, Any]] = []
        for done in [o for o in self._open if closing and ns[: len(o)] != o]:
            self._open.remove(done)
            out += [self._event("messages", n, d) for n, d in self._messages.end_namespace(done)]
            out.append(self._lifecycle(done, "completed"))
        for depth in range(1, len(ns) + 1):
            sub = ns[:depth]
            if sub in self._seen:
                continue
            self._seen.add(sub)
            self._open.append(sub)
            task = sub[-1].partition(":")[2]
            extra: dict[str, Any] = {"namespace": list(sub)}
            if task:
                extra["trigger_call_id"] = task
            out.append(self._lifecycle(sub, "started", **extra))
        return out

    def _updates(self, ns: Namespace, data: Any) -> list[dict[str, Any]]:
        if not isinstance(data, dict):
            return []
        out = []
        for node, values in data.items():
            if node == INTERRUPT:
                for item in values or ():
                    interrupt_id, _ = _interrupt_fields(item)
                    if interrupt_id is not None:
                        self._asked_in.setdefault(str(interrupt_id), ns)
                continue
            subgraph = any(
                len(sub) == len(ns) + 1 and sub[:-1] == ns and sub[-1].split(":")[0] == node
                for sub in self._seen
            )
            for method, where, made in self._tools.updated(ns, values, subgraph=subgraph):
                out.append(self._event(method, where, made))
            out.append(self._event("updates", ns, {"node": node, "values": values}))
        return out

    @staticmethod
    def _custom(data: Any) -> dict[str, Any]:
        found: dict[str, Any] = {"payload": data}
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            found["name"] = data["name"]
        return found

    def end(
        self, status: RunStatus, error: str | None, interrupts: list[Any]
    ) -> list[dict[str, Any]]:
        """The run ended `status`, stopped at `interrupts` (the run core's list)."""
        out = [self._event("messages", n, d) for n, d in self._messages.end_all()]
        phase: Phase
        if status == "success":
            phase = "completed"
        elif status == "interrupted":
            phase = "interrupted"
            for item in interrupts:
                interrupt_id, value = _interrupt_fields(item)
                if interrupt_id is None:
                    continue
                asked_in = self._asked_in.get(str(interrupt_id), ())
                data = {"interrupt_id": str(interrupt_id), "payload": value}
                out.append(self._event("input.requested", asked_in, data))
        else:
            phase = "failed"
        extra = {"error": error or "The run was cancelled."} if phase == "failed" else {}
        out.append(self._lifecycle((), phase, **extra))
        # The subgraphs still open ended with the run (after the root, as LangGraph's server
        # sends them, so a client has the root's outcome first).
        for sub in reversed(self._open):
            out.append(
                self._lifecycle(sub, "completed" if phase == "completed" else phase, **extra)
            )
        self._open.clear()
        return out
