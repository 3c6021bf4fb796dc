"""Request bodies of the Agent Protocol subset, as the official SDKs send them.

Fields this server does not act on but that clients send by default (feedback keys,
tracing options) are accepted and ignored; options that would change what a run does
and that PAM cannot honour are refused in `runs_input.py`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from server.json_safe import storable

SortOrder = Literal["asc", "desc"]
ThreadStatus = Literal["idle", "busy", "interrupted", "error"]
MultitaskStrategy = Literal["reject", "enqueue", "interrupt", "rollback"]
Limit = Field(default=10, ge=1, le=1000)
# Postgres takes OFFSET as a bigint: beyond it, a 422 rather than a database error.
MAX_OFFSET = 2**63 - 1
Offset = Field(default=0, ge=0, le=MAX_OFFSET)


class Body(BaseModel):
    model_config = ConfigDict(extra="ignore")

    _storable = model_validator(mode="before")(storable)  # no NULs, 64-bit ints


class CheckpointRef(Body):
    thread_id: str | None = None
    checkpoint_ns: str = ""
    checkpoint_id: str | None = None
    checkpoint_map: dict[str, Any] | None = None


class AssistantSearch(Body):
    metadata: dict[str, Any] | None = None
    graph_id: str | None = None
    name: str | None = None
    limit: int = Limit
    offset: int = Offset
    sort_by: Literal["assistant_id", "created_at", "updated_at", "name", "graph_id"] | None = None
    sort_order: SortOrder | None = None
    select: list[str] | None = None


class SuperstepUpdate(Body):
    """One node's write in a superstep: values, or a command, as written by `as_node`."""

    values: dict[str, Any] | list[Any] | None = None
    command: RunCommand | None = None
    as_node: str


class Superstep(Body):
    updates: list[SuperstepUpdate] = Field(min_length=1, max_length=100)


class ThreadCreate(Body):
    thread_id: str | None = None
    metadata: dict[str, Any] | None = None
    if_exists: Literal["raise", "do_nothing"] | None = None
    ttl: dict[str, Any] | None = None
    supersteps: list[Superstep] | None = Field(default=None, max_length=100)


class ThreadPatch(Body):
    metadata: dict[str, Any] = Field(default_factory=dict)
    ttl: dict[str, Any] | None = None


class ThreadSearch(Body):
    ids: list[str] | None = None
    metadata: dict[str, Any] | None = None
    values: dict[str, Any] | None = None
    status: ThreadStatus | None = None
    limit: int = Limit
    offset: int = Offset
    sort_by: (
        Literal["thread_id", "status", "created_at", "updated_at", "state_updated_at"] | None
    ) = None
    sort_order: SortOrder | None = None
    select: list[str] | None = None
    extract: dict[str, str] | None = None


class StateUpdate(Body):
    values: dict[str, Any] | list[Any] | None = None
    checkpoint: CheckpointRef | None = None
    checkpoint_id: str | None = None
    as_node: str | None = None


class StateAtCheckpoint(Body):
    checkpoint: CheckpointRef
    subgraphs: bool = False


class ConfigRef(Body):
    """A checkpoint given as a config (the JS SDK's declared `before` form)."""

    configurable: CheckpointRef


class HistorySearch(Body):
    limit: int = Limit
    before: str | ConfigRef | CheckpointRef | None = None
    metadata: dict[str, Any] | None = None
    checkpoint: CheckpointRef | None = None


class RunCommand(Body):
    resume: Any = None
    goto: str | dict[str, Any] | list[str | dict[str, Any]] | None = None
    update: dict[str, Any] | list[Any] | None = None


class RunCreate(Body):
    assistant_id: str
    input: dict[str, Any] | None = None
    command: RunCommand | None = None
    metadata: dict[str, Any] | None = None
    config: dict[str, Any] | None = None
    context: dict[str, Any] | None = None
    checkpoint: CheckpointRef | None = None
    checkpoint_id: str | None = None
    stream_mode: str | list[str] = Field(default_factory=lambda: ["values"])
    stream_subgraphs: bool = False
    stream_resumable: bool = False
    multitask_strategy: MultitaskStrategy = "enqueue"
    on_disconnect: Literal["cancel", "continue"] = "continue"
    durability: Literal["sync", "async", "exit"] | None = None
    if_not_exists: Literal["create", "reject"] = "reject"
    interrupt_before: str | list[str] | None = None
    interrupt_after: str | list[str] | None = None
    webhook: str | None = None
    # A delayed start: at most a day, as a run waits in the process that took it.
    after_seconds: float | None = Field(default=None, ge=0, le=86_400)
