"""Where a turn's time goes: model calls, tool calls, the router node, checkpoint writes."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from langchain_core.callbacks import AsyncCallbackHandler

from tools.db.checkpoint_batch import BatchedSaver, Statement


class Spans(AsyncCallbackHandler):
    """Adds up wall time per kind of run, from LangChain's callbacks."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self._open: dict[UUID, tuple[str, float]] = {}

    def _start(self, kind: str, run_id: UUID) -> None:
        self._open[run_id] = (kind, time.perf_counter())

    def _end(self, run_id: UUID) -> None:
        opened = self._open.pop(run_id, None)
        if opened:
            self.totals[opened[0]] += time.perf_counter() - opened[1]

    async def on_chat_model_start(
        self, serialized: Any, messages: Any, *, run_id: UUID, **kw: Any
    ) -> None:
        self._start("model", run_id)

    async def on_llm_end(self, response: Any, *, run_id: UUID, **kw: Any) -> None:
        self._end(run_id)

    async def on_tool_start(
        self, serialized: Any, input_str: str, *, run_id: UUID, **kw: Any
    ) -> None:
        self._start("tools", run_id)

    async def on_tool_end(self, output: Any, *, run_id: UUID, **kw: Any) -> None:
        self._end(run_id)

    async def on_chain_start(
        self, serialized: Any, inputs: Any, *, run_id: UUID, **kw: Any
    ) -> None:
        if kw.get("name") == "router":
            self._start("router", run_id)

    async def on_chain_end(self, outputs: Any, *, run_id: UUID, **kw: Any) -> None:
        self._end(run_id)


class TimedSaver(BatchedSaver):
    """The server's saver, adding up the time its writes take (held or sent)."""

    checkpoint_s: float = 0.0

    async def aput(self, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await super().aput(*args, **kwargs)
        finally:
            self.checkpoint_s += time.perf_counter() - started

    async def aput_writes(self, *args: Any, **kwargs: Any) -> None:
        started = time.perf_counter()
        try:
            await super().aput_writes(*args, **kwargs)
        finally:
            self.checkpoint_s += time.perf_counter() - started

    async def write(self, statements: list[Statement], closing: Sequence[Statement] = ()) -> None:
        started = time.perf_counter()
        try:
            await super().write(statements, closing)
        finally:
            self.checkpoint_s += time.perf_counter() - started
