"""Per-user thread namespaces: a client's thread id ↔ the id PAM keeps it under.

Threads are the user's own: two users may each have a thread with the same client id,
fully apart, and nobody learns that another's exists (issue 14's thread-id oracle).
PAM's tables key a thread by (user_id, id) under row-level security. What is not
per user by itself — LangGraph's checkpointer, the run coordinator's locks and
queues — keys it by `thread_key(user_id, thread_id)` instead.

LangGraph itself only ever sees the client's id: the server graph's checkpointer is
`ThreadNamespaces`, which refuses to be used without an owner, and every run or state
call is made on `owned_graph(graph, user)`, the graph with the owner's `UserThreads` as
its checkpointer, which stores under the key and gives the client id back in every
config it returns. So no state, history, stream event or run shows anything but the
client's id.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from typing import Any
from uuid import UUID

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import (
    BaseCheckpointSaver,
    ChannelVersions,
    Checkpoint,
    CheckpointMetadata,
    CheckpointTuple,
    DeltaChannelHistory,
)

SEPARATOR = ":"  # a UUID never holds one, so the owner ends at the first


def thread_key(user_id: UUID | str, thread_id: str) -> str:
    """The id of a user's thread wherever ids are not per user: checkpoints, Redis
    locks, the run table. Injective: the owner's canonical UUID, then the client id."""
    return f"{UUID(str(user_id))}{SEPARATOR}{thread_id}"


class ForeignThread(LookupError):
    """A key that is not the namespace owner's: never shown, never used."""


def client_thread_id(user_id: UUID, key: str) -> str:
    owner, sep, thread_id = key.partition(SEPARATOR)
    if not sep or owner != str(user_id):
        raise ForeignThread("a checkpoint outside the user's namespace")
    return thread_id


class NoThreadOwner(RuntimeError):
    def __init__(self) -> None:
        super().__init__(
            "a thread's checkpoints are reached through its owner's namespace: pass"
            " owned_graph(graph, user_id) (tools/db/thread_keys.py)"
        )


class UserThreads(BaseCheckpointSaver[Any]):
    """One user's view of the checkpointer: the client's thread ids in, the user's keys
    stored, the client's ids out."""

    def __init__(self, saver: BaseCheckpointSaver[Any], user_id: UUID) -> None:
        super().__init__(serde=saver.serde)
        self.saver = saver
        self.user_id = user_id

    def key(self, thread_id: str) -> str:
        return thread_key(self.user_id, str(thread_id))

    def _inward(self, config: RunnableConfig) -> RunnableConfig:
        conf = dict(config.get("configurable") or {})
        if "thread_id" not in conf:
            raise ValueError("a checkpoint call names its thread: configurable.thread_id")
        conf["thread_id"] = self.key(conf["thread_id"])
        return {**config, "configurable": conf}

    def _outward(self, config: RunnableConfig) -> RunnableConfig:
        conf = dict(config.get("configurable") or {})
        if "thread_id" in conf:
            conf["thread_id"] = client_thread_id(self.user_id, str(conf["thread_id"]))
        return {**config, "configurable": conf}

    def _tuple(self, found: CheckpointTuple | None) -> CheckpointTuple | None:
        if found is None:
            return None
        parent = found.parent_config
        return found._replace(
            config=self._outward(found.config),
            parent_config=self._outward(parent) if parent is not None else None,
        )

    @property
    def config_specs(self) -> list[Any]:
        return self.saver.config_specs

    def get_next_version(self, current: Any, channel: None) -> Any:
        return self.saver.get_next_version(current, channel)

    def with_allowlist(self, extra_allowlist: Collection[tuple[str, ...]]) -> UserThreads:
        inner = self.saver.with_allowlist(extra_allowlist)
        return self if inner is self.saver else UserThreads(inner, self.user_id)

    async def aget_tuple(self, config: RunnableConfig) -> CheckpointTuple | None:
        return self._tuple(await self.saver.aget_tuple(self._inward(config)))

    async def alist(
        self,
        config: RunnableConfig | None,
        *,
        filter: dict[str, Any] | None = None,
        before: RunnableConfig | None = None,
        limit: int | None = None,
    ) -> AsyncIterator[CheckpointTuple]:
        if config is None:  # every thread of every user: not a namespace's question
            raise NoThreadOwner()
        async for found in self.saver.alist(
            self._inward(config),
            filter=filter,
            before=self._inward(before) if before is not None else None,
            limit=limit,
        ):
            yield self._tuple(found)  # type: ignore[misc]

    async def aput(
        self,
        config: RunnableConfig,
        checkpoint: Checkpoint,
        metadata: CheckpointMetadata,
        new_versions: ChannelVersions,
    ) -> RunnableConfig:
        saved = await self.saver.aput(self._inward(config), checkpoint, metadata, new_versions)
        return self._outward(saved)

    async def aput_writes(
        self,
        config: RunnableConfig,
        writes: Sequence[tuple[str, Any]],
        task_id: str,
        task_path: str = "",
    ) -> None:
        await self.saver.aput_writes(self._inward(config), writes, task_id, task_path)

    async def aget_delta_channel_history(
        self, *, config: RunnableConfig, channels: Sequence[str]
    ) -> Mapping[str, DeltaChannelHistory]:
        return await self.saver.aget_delta_channel_history(
            config=self._inward(config), channels=channels
        )

    async def adelete_thread(self, thread_id: str) -> None:
        await self.saver.adelete_thread(self.key(thread_id))

    async def acopy_thread(self, source_thread_id: str, target_thread_id: str) -> None:
        await self.saver.acopy_thread(self.key(source_thread_id), self.key(target_thread_id))

    async def aprune(self, thread_ids: Sequence[str], *, strategy: str = "keep_latest") -> None:
        await self.saver.aprune([self.key(t) for t in thread_ids], strategy=strategy)


class ThreadNamespaces(BaseCheckpointSaver[Any]):
    """The server graph's checkpointer: every user's threads, each user's apart. Used
    directly it has no owner to key a thread by, and refuses."""

    def __init__(self, saver: BaseCheckpointSaver[Any]) -> None:
        super().__init__(serde=saver.serde)
        self.saver = saver

    def of(self, user_id: UUID | str) -> UserThreads:
        return UserThreads(self.saver, UUID(str(user_id)))

    def get_next_version(self, current: Any, channel: None) -> Any:
        return self.saver.get_next_version(current, channel)

    async def aget_tuple(self, config: RunnableConfig) -> CheckpointTuple | None:
        raise NoThreadOwner()

    def alist(
        self,
        config: RunnableConfig | None,
        *,
        filter: dict[str, Any] | None = None,
        before: RunnableConfig | None = None,
        limit: int | None = None,
    ) -> AsyncIterator[CheckpointTuple]:
        raise NoThreadOwner()

    async def aput(
        self,
        config: RunnableConfig,
        checkpoint: Checkpoint,
        metadata: CheckpointMetadata,
        new_versions: ChannelVersions,
    ) -> RunnableConfig:
        raise NoThreadOwner()

    async def aput_writes(
        self,
        config: RunnableConfig,
        writes: Sequence[tuple[str, Any]],
        task_id: str,
        task_path: str = "",
    ) -> None:
        raise NoThreadOwner()


def owned_graph(graph: Any, user_id: UUID | str) -> Any:
    """The server graph as one user's: the same graph (a copy sharing all but the
    checkpointer, a fraction of a millisecond) with their threads' view as its saver.
    Not lent through the config: LangGraph takes a lent checkpointer as the sign of a
    subgraph's own call, and would read a subgraph namespace's state with the root
    graph's channels."""
    threads = graph.checkpointer
    if not isinstance(threads, ThreadNamespaces):
        raise TypeError("owned_graph takes a graph compiled with ThreadNamespaces")
    return graph.copy({"checkpointer": threads.of(user_id)})
