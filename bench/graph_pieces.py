"""Two pieces of a write turn, in instructions (issue 19, twelfth round): counts that do
not move with the machine's load, for changes too small for a timed ratio to resolve.

    python -m bench.graph_pieces capture CALLS.pkl            # once, any tree
    cd <tree> && valgrind --tool=callgrind --instr-atstart=no \\
        <python> -m bench.graph_pieces model CALLS.pkl --callgrind
    cd <tree> && valgrind --tool=callgrind --instr-atstart=no \\
        <python> -m bench.graph_pieces tool stock|action --callgrind

`capture` runs `client_base.VARIANTS` turns of the load's message through the graph
(offline brain, no checkpointer, a fresh database) and keeps every call the brain got:
its messages, tools and tool choice (three a write turn: the router's, and the domain's
before and after its tool). `model` replays them through LangChain's model call (the
brain bound to the call's tools, `invoke`) in the tree it runs in: once over every
call to warm the brain's per-text readings (as turn cost's warm-up does), then the
measured pass on the same calls with their prompt's clock a minute later, as the next
turns' prompts would be (no prompt read before). `tool` makes 500 calls of a tool whose
coroutine does nothing, as LangChain's `StructuredTool` (`stock`) or PAM's `ActionTool`
(`action`). With `--callgrind` the measured pass alone is counted (`callgrind_control -i
on/off` around it: run under `valgrind --instr-atstart=no`); without, its CPU time is
printed. The counts for the twelfth round's trees are in results/i19-graphcpu12.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pickle
import re
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import uvloop
from langchain_core.messages import BaseMessage, SystemMessage
from langchain_core.tools import StructuredTool

from bench.client_base import MESSAGE, VARIANTS, varied
from bench.db import bench_database

Call = tuple[list[BaseMessage], Any, Any]  # messages, tools, tool choice


def capture(path: Path) -> int:
    from agent.brain import OfflineBrain
    from agent.context import Context
    from graph import build_graph
    from tools.db.migrate import migrate
    from tools.db.pool import open_pool

    calls: list[Call] = []

    class Recording(OfflineBrain):
        def answer(self, messages: list[BaseMessage], tools: Any = None) -> Any:
            calls.append((list(messages), tools, None))
            return super().answer(messages, tools)

    async def turns(url: str) -> None:
        await migrate(url)
        pool = await open_pool(url, min_size=1, max_size=2)
        try:
            graph = build_graph(None, model=Recording())
            ctx = Context(user_id=str(uuid.uuid4()), pool=pool)
            for n in range(VARIANTS):
                config: Any = {"configurable": {"thread_id": str(uuid.uuid4())}}
                turn: Any = {"messages": [("user", varied(MESSAGE, n))]}
                await graph.ainvoke(turn, config, context=ctx)
        finally:
            await pool.close()

    with bench_database() as url:
        uvloop.run(turns(url))
    path.write_bytes(pickle.dumps(calls))
    return len(calls)


_CLOCK = re.compile(r"Current time: (\S+)")


def _later(messages: list[BaseMessage], minutes: int) -> list[BaseMessage]:
    def moved(m: re.Match[str]) -> str:
        later = datetime.fromisoformat(m[1]) + timedelta(minutes=minutes)
        return f"Current time: {later.isoformat()}"

    return [
        SystemMessage(_CLOCK.sub(moved, m.text)) if isinstance(m, SystemMessage) else m
        for m in messages
    ]


@contextmanager
def counted(callgrind: bool) -> Iterator[None]:
    """Callgrind's instrumentation on for the block (or its CPU time printed)."""
    if callgrind:
        subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True)  # noqa: S603, S607
    started = time.process_time()
    try:
        yield
    finally:
        if callgrind:
            subprocess.run(["callgrind_control", "-i", "off", str(os.getpid())], check=True)  # noqa: S603, S607
        print(f"CPU {(time.process_time() - started) * 1000:.1f} ms")


def model_calls(path: Path, callgrind: bool) -> None:
    from agent.brain import OfflineBrain

    calls: list[Call] = pickle.loads(path.read_bytes())  # noqa: S301 - our own capture
    brain = OfflineBrain()

    def run(batch: list[Call]) -> None:
        for messages, tools, _choice in batch:
            model: Any = brain.bind(tools=tools) if tools else brain
            model.invoke(messages)

    run(calls)
    later = [(_later(m, 1), t, c) for m, t, c in calls]
    with counted(callgrind):
        run(later)
    print(f"{len(later)} model calls")


def tool_calls(kind: str, callgrind: bool, n: int = 500) -> None:
    from agent.tools import ActionTool

    async def echo(**kwargs: Any) -> tuple[str, dict[str, Any]]:
        return "ok", {"seen": kwargs}

    made: Callable[..., StructuredTool] = (
        ActionTool.from_function if kind == "action" else StructuredTool.from_function
    )
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}}
    tool = made(
        coroutine=echo,
        name="echo",
        description="e",
        args_schema=schema,
        response_format="content_and_artifact",
    )

    async def run(count: int) -> None:
        for i in range(count):
            await tool.ainvoke(
                {"name": "echo", "args": {"a": i}, "id": f"c{i}", "type": "tool_call"}
            )

    asyncio.run(run(50))
    with counted(callgrind):
        asyncio.run(run(n))
    print(f"{n} tool calls ({kind})")


def context_reads(url: str, callgrind: bool, n: int = 300) -> None:
    """`n` context blocks (the router's reads: profile, vehicles, memories, groups, the
    groups the message names, the thread's waiting approval) of a user with a profile,
    a vehicle and a memory, on a database made ready (`migrate`) beforehand."""
    from agent.context import Context
    from agent.context_block import load_context_block
    from tools.db.pool import open_pool
    from tools.db.scope import user_db

    async def run() -> None:
        pool = await open_pool(url, min_size=1, max_size=2)
        ctx = Context(user_id=str(uuid.uuid4()), pool=pool)
        async with user_db(pool, ctx.user_uuid) as db:
            for statement in (
                "INSERT INTO profiles (user_id, display_name) VALUES (%s, 'Kim')",
                "INSERT INTO memories (user_id, note) VALUES (%s, 'Travels with a dog')",
                "INSERT INTO vehicles (user_id, name, fuel_type, consumption_l_per_100km,"
                " is_default) VALUES (%s, 'Troopy', 'diesel', 7.50, true)",
            ):
                await db.conn.execute(statement, (ctx.user_uuid,))
        thread = str(uuid.uuid4())
        for _ in range(50):  # psycopg prepares a statement after its fifth run
            await load_context_block(ctx, thread, "spent $12.50 on coffee")
        with counted(callgrind):
            for _ in range(n):
                await load_context_block(ctx, thread, "spent $12.50 on coffee")
        await pool.close()

    uvloop.run(run())
    print(f"{n} context blocks")


def transcript_writes(url: str, callgrind: bool, n: int = 300) -> None:
    """`n` transcripts of a write turn (finish's pipelined transaction: the thread's row
    and the turn's four messages: the user's, the call, its result, the reply)."""
    from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

    from agent.transcript import append_turn
    from tools.db.pool import open_pool
    from tools.db.scope import user_db

    async def run() -> None:
        pool = await open_pool(url, min_size=1, max_size=2)
        user = uuid.uuid4()
        call = {"name": "add_expense", "args": {"amount": 12.5}, "id": "c1"}

        async def one(i: int) -> None:
            turn: list[Any] = [
                HumanMessage("spent $12.50 on coffee", id=f"h{i}"),
                AIMessage("", tool_calls=[call], id=f"a{i}", name="wins"),
                ToolMessage("Logged.", tool_call_id="c1", name="add_expense", id=f"t{i}"),
                AIMessage("Logged $12.50 for food.", id=f"r{i}", name="wins"),
            ]
            async with user_db(pool, user, pipelined=True) as db:
                await append_turn(db, str(uuid.uuid4()), turn)

        for i in range(50):  # psycopg prepares a statement after its fifth run
            await one(i)
        with counted(callgrind):
            for i in range(n):
                await one(i)
        await pool.close()

    uvloop.run(run())
    print(f"{n} transcripts")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("piece", choices=["capture", "model", "tool", "context", "transcript"])
    parser.add_argument(
        "arg",
        help="CALLS.pkl (capture, model), stock|action (tool), a database URL (context,"
        " transcript)",
    )
    parser.add_argument("--callgrind", action="store_true")
    args = parser.parse_args()
    if args.piece == "capture":
        print(f"{capture(Path(args.arg))} calls")
    elif args.piece == "model":
        model_calls(Path(args.arg), args.callgrind)
    elif args.piece == "tool":
        tool_calls(args.arg, args.callgrind)
    elif args.piece == "context":
        context_reads(args.arg, args.callgrind)
    else:
        transcript_writes(args.arg, args.callgrind)


if __name__ == "__main__":
    main()
