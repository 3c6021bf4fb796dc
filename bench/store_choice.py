"""Which store backs the store API: LangGraph's AsyncPostgresStore or PAM's UserStore
(tools/db/user_store.py), measured side by side on one fresh database in one run.

The same work for both: USERS users each put ITEMS items over a few namespaces, get
each back, search their namespaces with a value filter and list their namespaces.
PostgresStore has no owner column, so each user's namespaces are prefixed with their id
(the server would have to add it); UserStore runs each operation in the user's RLS
scope. The two alternate over REPEATS rounds; medians of operations per second, and
their ratio, go to bench/results/store-choice.{md,json}.

    DATABASE_URL=postgresql://... python -m bench.store_choice
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from langgraph.store.base import BaseStore
from langgraph.store.postgres.aio import AsyncPostgresStore

from bench.db import bench_database
from tools.db.migrate import migrate
from tools.db.pool import Pool, open_pool
from tools.db.user_store import UserStore

USERS = 20
ITEMS = 25
REPEATS = 5
RESULTS = Path(__file__).parent / "results"
Scoped = Callable[[uuid.UUID], tuple[BaseStore, tuple[str, ...]]]


def postgres_store(store: AsyncPostgresStore) -> Scoped:
    return lambda user: (store, ("users", str(user)))


def user_store(pool: Pool) -> Scoped:
    store = UserStore(pool)
    return lambda user: (store.for_user(user), ())


async def _timed(ops: list[Awaitable[Any]]) -> float:
    """Operations per second of `ops`, run one user at a time as a request would."""
    started = time.perf_counter()
    for op in ops:
        await op
    return len(ops) / (time.perf_counter() - started)


async def one_round(scoped: Scoped, round_no: int) -> dict[str, float]:
    users = [uuid.uuid4() for _ in range(USERS)]
    placed = [
        (u, (*scoped(u)[1], "trips", f"r{i % 3}"), f"k{round_no}-{i}")
        for u in users
        for i in range(ITEMS)
    ]
    store = {u: scoped(u)[0] for u in users}
    prefix = {u: scoped(u)[1] for u in users}
    return {
        "put": await _timed(
            [
                store[u].aput(ns, k, {"km": i, "kind": "city" if i % 2 else "town"})
                for i, (u, ns, k) in enumerate(placed)
            ]
        ),
        "get": await _timed([store[u].aget(ns, k) for u, ns, k in placed]),
        "search": await _timed(
            [
                store[u].asearch((*prefix[u], "trips"), filter={"kind": "city"}, limit=10)
                for u in users
                for _ in range(5)
            ]
        ),
        "list_namespaces": await _timed(
            [
                store[u].alist_namespaces(prefix=(*prefix[u], "trips") if prefix[u] else ("trips",))
                for u in users
                for _ in range(5)
            ]
        ),
    }


async def measure(url: str) -> dict[str, Any]:
    await migrate(url)
    pool = await open_pool(url, min_size=2, max_size=4)
    try:
        upstream = AsyncPostgresStore(pool)
        await upstream.setup()
        stores = {"PostgresStore": postgres_store(upstream), "UserStore": user_store(pool)}
        await one_round(stores["PostgresStore"], -1)  # warm both: connections, plans
        await one_round(stores["UserStore"], -1)
        rounds: dict[str, list[dict[str, float]]] = {name: [] for name in stores}
        for r in range(REPEATS):
            order = list(stores) if r % 2 == 0 else list(reversed(stores))
            for name in order:
                rounds[name].append(await one_round(stores[name], r))
    finally:
        await pool.close()
    ops = list(rounds["UserStore"][0])
    medians = {
        name: {op: round(statistics.median(x[op] for x in found), 1) for op in ops}
        for name, found in rounds.items()
    }
    ratio = {op: round(medians["UserStore"][op] / medians["PostgresStore"][op], 2) for op in ops}
    return {
        "users": USERS,
        "items_per_user": ITEMS,
        "repeats": REPEATS,
        "ops_per_s": medians,
        "ratio_user_over_postgres": ratio,
    }


def report(found: dict[str, Any]) -> str:
    lines = [
        "# Store backend: PostgresStore vs UserStore (`python -m bench.store_choice`)",
        "",
        f"{found['users']} users x {found['items_per_user']} items, {found['repeats']} alternating"
        " rounds, medians of operations per second (one operation at a time, as a request).",
        "",
        "| operation | PostgresStore | UserStore | UserStore / PostgresStore |",
        "|---|---|---|---|",
    ]
    for op, ratio in found["ratio_user_over_postgres"].items():
        ps, us = found["ops_per_s"]["PostgresStore"][op], found["ops_per_s"]["UserStore"][op]
        lines.append(f"| {op} | {ps} | {us} | {ratio} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    with bench_database() as url:
        found = asyncio.run(measure(url))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "store-choice.json").write_text(json.dumps(found, indent=2) + "\n")
    (RESULTS / "store-choice.md").write_text(report(found))
    print(report(found))


if __name__ == "__main__":
    main()
