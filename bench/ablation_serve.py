"""`pam serve` with some of issue 8's optimisations undone, for before/after figures.

`python -m bench.ablation_serve --undo lock,durability -- serve --port N`: each name
restores what the code did before that optimisation, then the usual CLI runs.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from typing import Any

# Module level: FastAPI reads these annotations (strings here) from the module's globals.
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials
from starlette.requests import HTTPConnection

OPTIMISATIONS = (
    "inline_tracing",  # LangSmith bookkeeping inline while tracing is off
    "lock",  # the checkpointer's instance-wide lock (tools/db/checkpointer.py)
    "durability",  # checkpoints at the run's exit only (server/runs/execute.py)
    "async_deps",  # FastAPI dependencies as coroutines, not thread-pool calls
    "known_users",  # no users upsert for users this process has seen
    "brain_caches",  # the offline brain's split and tool-schema caches
    "event_scan",  # readers take new events from the log's end
    "run_rows_async_commit",  # run rows commit without waiting for the WAL flush
    "stream_end_state",  # a run's end state from its stream, not read back
    "token_batching",  # tokens a reader is behind on merged; SSE frames written together
    "saver_inline",  # checkpoint (de)serialisation on the loop, not in a worker thread
    "token_cache",  # verified bearer tokens remembered (until exp, at most 5 minutes)
    "owned_threads",  # a thread seen to be the user's skips the ownership read
    "running_on_insert",  # a run that starts at once is inserted running, not marked so
    "begin_with_scope",  # BEGIN and the RLS scope in one round trip
    "gc_freeze",  # start-up's objects frozen out of the cyclic collector
)


def _lock() -> None:
    from tools.db.checkpointer import PooledSaver

    def locked(self: Any, pool: Any, **kwargs: Any) -> None:
        super(PooledSaver, self).__init__(pool, **kwargs)
        self.lock = asyncio.Lock()

    PooledSaver.__init__ = locked  # type: ignore[method-assign]


def _durability() -> None:
    from server.runs.manager import RunManager

    defaults = RunManager.start.__kwdefaults__
    assert defaults is not None
    defaults["durability"] = "async"


def _inline_tracing() -> None:
    import agent.inline_tracing

    agent.inline_tracing.install = lambda: None


def _async_deps() -> None:
    import server.app
    from server import deps
    from server.runs import deps as run_deps

    def sync_resources(request: Any) -> Any:
        return request.app.state.resources

    def sync_runs(connection: Any) -> Any:
        return connection.app.state.runs

    def sync_user(resources: Any, credentials: Any) -> Any:
        return resources.verifier.verify(credentials.credentials)

    original = server.app.create_app

    def create_app(*args: Any, **kwargs: Any) -> Any:
        app = original(*args, **kwargs)

        def user(
            request: Request, credentials: HTTPAuthorizationCredentials = Depends(deps.bearer)
        ) -> Any:
            return sync_user(request.app.state.resources, credentials)

        def runs(connection: HTTPConnection) -> Any:
            return sync_runs(connection)

        def resources(request: Request) -> Any:
            return sync_resources(request)

        app.dependency_overrides.update(
            {deps.get_resources: resources, deps.current_user: user, run_deps.get_runs: runs}
        )
        return app

    server.app.create_app = create_app


def _known_users() -> None:
    from tools.db import scope

    class Forgetful(dict[Any, Any]):
        def __init__(self, *args: Any) -> None:
            super().__init__()

        def __setitem__(self, key: Any, value: Any) -> None:
            return None

    setattr(scope, "LRUCache", Forgetful)  # noqa: B010 - undoing on purpose


def _brain_caches() -> None:
    from langchain_core.utils.function_calling import convert_to_openai_tool

    from agent.brain import model, understand
    from agent.brain.segment import split

    understand._pieces = lambda text, today, kind=None: tuple(split(text, today, kind))  # type: ignore[assignment]
    model._openai_tool = convert_to_openai_tool


def _event_scan() -> None:
    from server.runs.events import EventLog

    def scan(self: Any, last: int) -> list[Any]:
        return [e for e in self._events if e.seq > last]

    EventLog._after = scan  # type: ignore[method-assign]


def _run_rows_async_commit() -> None:
    from tools.db import scope

    scope.SCOPE_NOT_DURABLE = scope.SCOPE


def _stream_end_state() -> None:
    from server.runs.execute import RunEnd

    RunEnd.settle = lambda self, run: False  # type: ignore[method-assign]


def _token_batching() -> None:
    import server.chat.stream
    import server.sse

    server.chat.stream.merged_tokens = list  # type: ignore[assignment]
    server.sse.QUEUED_FRAMES = 1


def _saver_inline() -> None:
    from tools.db import checkpointer

    checkpointer.serialise_inline = lambda: None


def _token_cache() -> None:
    from server.auth import TokenVerifier

    # Nothing is ever remembered: every request decodes and checks its token again.
    TokenVerifier.known = lambda self, token: None  # type: ignore[method-assign]


def _owned_threads() -> None:
    import server.agent_protocol.run_start
    import server.chat.turns
    from server.runs import threads

    async def read_each_time(resources: Any, user_id: Any, thread_id: Any) -> str:
        return (await threads.owned_thread(resources, user_id, thread_id)).thread_id

    for module in (threads, server.chat.turns, server.agent_protocol.run_start):
        setattr(module, "owned_thread_id", read_each_time)  # noqa: B010 - undoing on purpose


def _running_on_insert() -> None:
    from server.runs import manager

    original = getattr(manager, "insert_run")  # noqa: B009 - patched below

    async def insert_pending(pool: Any, run: Any) -> None:
        run.set_status("pending")  # execute() then marks it running, as it did before
        await original(pool, run)

    setattr(manager, "insert_run", insert_pending)  # noqa: B010 - undoing on purpose


def _begin_with_scope() -> None:
    from contextlib import asynccontextmanager

    from tools.db import scope

    @asynccontextmanager
    async def two_trips(conn: Any, user_id: Any, durable: bool) -> Any:
        async with conn.transaction():
            query = scope.SCOPE if durable else scope.SCOPE_NOT_DURABLE
            await conn.execute(query, (scope.APP_ROLE, str(user_id)))
            yield

    setattr(scope, "scoped_transaction", two_trips)  # noqa: B010 - undoing on purpose


def _gc_freeze() -> None:
    import gc

    gc.freeze = lambda: None


UNDO: dict[str, Callable[[], None]] = {
    "lock": _lock,
    "durability": _durability,
    "inline_tracing": _inline_tracing,
    "async_deps": _async_deps,
    "known_users": _known_users,
    "brain_caches": _brain_caches,
    "event_scan": _event_scan,
    "run_rows_async_commit": _run_rows_async_commit,
    "stream_end_state": _stream_end_state,
    "token_batching": _token_batching,
    "saver_inline": _saver_inline,
    "token_cache": _token_cache,
    "owned_threads": _owned_threads,
    "running_on_insert": _running_on_insert,
    "begin_with_scope": _begin_with_scope,
    "gc_freeze": _gc_freeze,
}


def main() -> None:
    args = sys.argv[1:]
    undo = args[args.index("--undo") + 1].split(",") if "--undo" in args else []
    rest = args[args.index("--") + 1 :] if "--" in args else []
    # In this order: inline_tracing must act before anything imports graph.py.
    for name in (n for n in OPTIMISATIONS if n in undo):
        UNDO[name]()
    from server.cli import app

    app(rest)


if __name__ == "__main__":
    main()
