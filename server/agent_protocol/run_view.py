"""A run as the Agent Protocol shows it, from the live Run or, once the process has let
go of it, from its `chat_runs` row.

Status words differ: a run that paused for an approval finished its work ("success";
its thread is "interrupted"), and a cancelled run is "interrupted".
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from server.agent_protocol.assistant import ASSISTANT_ID
from server.agent_protocol.stream_parts import StreamPlan
from server.runs import Run
from server.runs.store import RunRow

PROTOCOL_STATUS = {"interrupted": "success", "cancelled": "interrupted"}


@dataclass(frozen=True)
class RunOptions:
    """What a protocol client asked of a run, for the streams that join it later."""

    stream_modes: frozenset[str]
    subgraphs: bool
    multitask_strategy: str

    def plan(self, run_id: str, modes: frozenset[str] | None = None) -> StreamPlan:
        return StreamPlan(modes=modes or self.stream_modes, subgraphs=self.subgraphs, run_id=run_id)

    def extras(self) -> dict[str, str]:
        """As strings on the run, so a follower on another instance streams the same."""
        return {
            "stream_modes": ",".join(sorted(self.stream_modes)),
            "subgraphs": "1" if self.subgraphs else "",
            "multitask_strategy": self.multitask_strategy,
        }

    @classmethod
    def of_extras(cls, extras: dict[str, str]) -> RunOptions | None:
        if "stream_modes" not in extras:
            return None
        modes = frozenset(m for m in extras["stream_modes"].split(",") if m) or {"values"}
        strategy = extras.get("multitask_strategy") or "enqueue"
        return cls(frozenset(modes), bool(extras.get("subgraphs")), strategy)


DEFAULT_OPTIONS = RunOptions(frozenset({"values"}), False, "enqueue")
# Keyed by the Run itself, so an entry goes when the run manager lets go of the run.
_options: weakref.WeakKeyDictionary[Run, RunOptions] = weakref.WeakKeyDictionary()


def remember(run: Run, options: RunOptions) -> None:
    _options[run] = options


def options_of(run: Run | None) -> RunOptions:
    if run is None:
        return DEFAULT_OPTIONS
    # Remembered here, or (a run another instance executes) carried in its extras.
    return _options.get(run) or RunOptions.of_extras(run.extras) or DEFAULT_OPTIONS


def shown_kwargs(
    kwargs: dict[str, Any] | None, run_id: str, thread_id: str, metadata: dict[str, Any]
) -> dict[str, Any]:
    """A run's kwargs as LangGraph's server shows them: what it was started with
    (run_start.run_kwargs), its config naming the run and thread and carrying the run's
    metadata (the thread's and assistant's merged in when its row was inserted). A chat
    turn's are {}."""
    if kwargs is None:
        return {}
    config = dict(kwargs.get("config") or {})
    configurable = {**(config.get("configurable") or {}), "run_id": run_id, "thread_id": thread_id}
    metadata = {k: v for k, v in metadata.items() if k != "usage"}
    return {**kwargs, "config": {**config, "configurable": configurable, "metadata": metadata}}


def run_json(run: Run | RunRow, row: RunRow | None = None) -> dict[str, Any]:
    """`row`: the run's row, for a run another instance executes (its follower here
    knows its status, not its metadata or kwargs)."""
    metadata, kwargs = run.metadata, run.kwargs
    if isinstance(run, Run) and run.remote and row is not None:
        metadata, kwargs = row.metadata, row.kwargs
    if isinstance(run, Run):
        run_id, thread_id = run.run_id, run.thread_id
        strategy = options_of(run).multitask_strategy
        assistant_id = run.extras.get("assistant_id", ASSISTANT_ID)
    else:
        run_id, thread_id = str(run.id), str(run.thread_id)
        strategy = run.multitask_strategy or "enqueue"
        assistant_id = run.assistant_id or ASSISTANT_ID
    return {
        "run_id": run_id,
        "thread_id": thread_id,
        "assistant_id": assistant_id,
        "created_at": run.created_at,
        "updated_at": run.updated_at,
        "status": PROTOCOL_STATUS.get(run.status, run.status),
        "metadata": metadata,
        "multitask_strategy": strategy,
        "kwargs": shown_kwargs(kwargs, run_id, thread_id, metadata),
    }
