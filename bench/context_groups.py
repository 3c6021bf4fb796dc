"""What telling the brain the user's groups and vehicles costs (branch i15-spans9).

The context block's read (agent/context_block.py) gained two queries in its one pipelined
transaction: the names of the groups the user is in or asked to join, and of the groups
whose whole name is among the message's words (a scan of every group's name). Measured
side by side in one run, alternating turn by turn so the machine's noise falls on both:

- the read alone: `load_context_block` as it is against the read before the branch
  (profile, vehicles, memories, the thread's last turn; no groups);
- a whole turn through the graph with the offline brain (no checkpointer), with the
  router's read swapped for the one before the branch on every other turn: an expense
  ("spent $12.50 on coffee") and a feed naming a group in lower case.

The community has `--groups` groups (made by another user; twenty first words, so a
twentieth of the names pass the named-groups query's first test), the user is in three.

`python -m bench.context_groups --groups 2000 --reps 200` prints the JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import agent.router
from agent.brain import OfflineBrain
from agent.context import Context
from agent.context_block import TurnFacts, _profile_lines, _vehicle_lines, clock_lines
from agent.context_block import load_context_block as with_groups
from agent.resources import pool_of
from agent.transcript import recent_query, waiting_in
from bench.client_base import MESSAGE, varied
from bench.db import bench_database
from bench.stats import percentile
from graph import build_graph
from tools.db.migrate import migrate
from tools.db.pool import Pool, open_pool
from tools.db.scope import user_db, user_reads
from tools.profile import profile_from, profile_query
from tools.registry import ACTIONS_BY_NAME
from tools.run import run_action
from tools.wheels.vehicles import VehicleOut, vehicles_query
from tools.you.memories import memories_query
from tools.you.models import MemoryOut

MAX_MEMORIES = 20


async def before(ctx: Context, thread_id: str | None = None, said: str = "") -> TurnFacts:
    """The context block's read before this branch: no group names, the default vehicle
    only (the same lines otherwise)."""
    pool = await pool_of(ctx)
    user = ctx.user_uuid
    queries = [profile_query(user), vehicles_query(user), memories_query(user, MAX_MEMORIES)]
    if thread_id:
        queries.append(recent_query(thread_id))
    found = await user_reads(pool, user, queries)
    profile = profile_from(next(iter(found[0]), None), ctx.time_zone)
    vehicles = [VehicleOut(**row) for row in found[1] if row["is_default"]]
    memories = [MemoryOut(**row) for row in found[2]]
    waiting = waiting_in(found[3]) if thread_id else None
    lines = _profile_lines(profile)
    lines += [line for line in _vehicle_lines(vehicles) if not line.startswith("Vehicles:")]
    if memories:
        lines += ["Memories:", *[f"- {m.note}" for m in memories]]
    now = ctx.clock().astimezone(profile.tz)
    return TurnFacts("\n".join(lines), clock_lines(now), profile.effective_timezone, waiting)


async def _act(pool: Pool, user: uuid.UUID, action: str, **args: Any) -> None:
    async with user_db(pool, user) as db:
        await run_action(ACTIONS_BY_NAME[action], db, args)


async def community(pool: Pool, groups: int) -> tuple[uuid.UUID, list[str]]:
    """`groups` groups by another user; the bench's user in three, with two vehicles."""
    owner, me = uuid.uuid4(), uuid.uuid4()
    firsts = ("Grey", "Solar", "Dogs", "Lap", "Caravan", "Outback", "Kimberley", "Pilbara",
              "Tassie", "Nullarbor", "Harvest", "Backpackers", "Quilters", "Birders", "Fishos",
              "Touring", "Coastal", "Desert", "Gibb", "Savannah")  # fmt: skip
    names = [f"{firsts[n % len(firsts)]} Club {n:05d}" for n in range(groups)]
    async with user_db(pool, owner) as db:
        for name in names:
            await run_action(ACTIONS_BY_NAME["create_group"], db, {"name": name})
    for name in names[:3]:
        await _act(pool, me, "join_group", group=name)
    await _act(pool, me, "add_vehicle", name="Dolly", make="Toyota", model="Hilux")
    await _act(pool, me, "add_vehicle", name="Kev", make="Isuzu", model="D-Max")
    return me, names


def _figures(wall: list[float], cpu: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(wall), 3),
        "p95_ms": round(percentile(wall, 0.95), 3),
        "cpu_ms": round(statistics.fmean(cpu), 3),
    }


async def _timed(go: Callable[[], Awaitable[Any]]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    await go()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


async def side_by_side(
    arms: dict[str, Callable[[int], Awaitable[Any]]], reps: int
) -> dict[str, Any]:
    """Each arm `reps` times, alternating (ABAB…), after three warm runs of each."""
    for n in range(3):
        for go in arms.values():
            await go(n)
    wall: dict[str, list[float]] = {a: [] for a in arms}
    cpu: dict[str, list[float]] = {a: [] for a in arms}
    for n in range(reps):
        for arm, go in arms.items():
            w, c = await _timed(lambda go=go, n=n: go(n))  # type: ignore[misc]
            wall[arm].append(w)
            cpu[arm].append(c)
    out: dict[str, Any] = {arm: _figures(wall[arm], cpu[arm]) for arm in arms}
    first, second = list(arms)
    out["ratio_p50"] = round(out[second]["p50_ms"] / out[first]["p50_ms"], 3)
    out["ratio_cpu"] = round(out[second]["cpu_ms"] / out[first]["cpu_ms"], 3)
    return out


async def run(url: str, groups: int, reps: int) -> dict[str, Any]:
    await migrate(url)
    pool = await open_pool(url, min_size=1, max_size=4)
    try:
        me, names = await community(pool, groups)
        ctx = Context(user_id=str(me), pool=pool)
        named = f"whats new in the {names[-1].lower()} feed"
        result: dict[str, Any] = {"groups": groups, "reps": reps}
        result["read"] = await side_by_side(
            {
                "before": lambda n: before(ctx, str(uuid.uuid4()), named),
                "with_groups": lambda n: with_groups(ctx, str(uuid.uuid4()), named),
            },
            reps,
        )
        graph = build_graph(None, model=OfflineBrain())

        def turn(message: Callable[[int], str], read: Any) -> Callable[[int], Awaitable[Any]]:
            async def go(n: int) -> None:
                agent.router.load_context_block = read  # type: ignore[attr-defined]
                config: Any = {"configurable": {"thread_id": str(uuid.uuid4())}}
                said: Any = {"messages": [("user", message(n))]}
                out = await graph.ainvoke(said, config, context=ctx)
                assert out["reply"], "every turn must reply"

            return go

        for label, message in (
            ("expense_turn", lambda n: varied(MESSAGE, n)),
            ("feed_turn", lambda n: named),
        ):
            result[label] = await side_by_side(
                {"before": turn(message, before), "with_groups": turn(message, with_groups)},
                reps,
            )
        agent.router.load_context_block = with_groups  # type: ignore[attr-defined]
        return result
    finally:
        await pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--groups", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=200)
    args = parser.parse_args()
    with bench_database() as url:
        print(json.dumps(asyncio.run(run(url, args.groups, args.reps)), indent=2))


if __name__ == "__main__":
    main()
