"""Every benchmark of `make bench`, one after another on the same machine."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from agent.brain import OfflineBrain
from bench import launch, procs
from bench.derive import derive, merge_turn_costs
from bench.floor import floor_rps
from bench.idle_ws import idle_websockets
from bench.long_thread import long_threads
from bench.params import Params
from bench.runtime_pg import Unavailable
from bench.server_load import server_load
from bench.servers import Servers
from bench.soak import soak
from bench.stats import summary
from bench.ttft import ttft
from bench.turn_cost import turn_cost
from tools.db.pool import open_pool


@contextmanager
def on_server_core() -> Iterator[None]:
    """In-process benchmarks run where the servers run, not on the load generator's core."""
    server, client = procs.cores()
    procs.pin_self(server)
    try:
        yield
    finally:
        procs.pin_self(client)


async def _repeat(reps: int, measure: Callable[[], Awaitable[float]]) -> dict[str, Any]:
    return summary([await measure() for _ in range(reps)], 1)


async def _rps(url: str, concurrency: int, seconds: float) -> float:
    return float((await floor_rps(url, concurrency, seconds))["requests_per_s"])


async def run_all(url: str, p: Params, out: dict[str, Any], log: Callable[[str], None]) -> None:
    with ExitStack() as stack:
        servers = Servers(url, p, stack)
        if not p.fresh_servers:  # start everything at once
            servers.get(
                *[
                    n
                    for n in ("pam", "langgraph_dev", "langgraph_dev_default", "paced")
                    if _needs(p, n)
                ]
            )
        await _benchmarks(url, p, out, log, servers)
    derive(out)


def _needs(p: Params, server: str) -> bool:
    uses = {
        "pam": {"server_load", "idle_ws", "soak"},
        "langgraph_dev": {"server_load"},
        "langgraph_dev_default": {"server_load"},
        "paced": {"ttft"},
    }
    return bool(uses[server] & set(p.only))


async def _benchmarks(
    url: str, p: Params, out: dict[str, Any], log: Callable[[str], None], servers: Servers
) -> None:
    if "turn_cost" in p.only:
        log("turn cost in-process")
        pool = await open_pool(url, min_size=2, max_size=4)
        try:
            with on_server_core():
                runs = [
                    await turn_cost(pool, OfflineBrain(), p.turn_cost_turns) for _ in range(p.reps)
                ]
        finally:
            await pool.close()
        out["turn_cost"] = merge_turn_costs(runs)
    if "floor" in p.only:
        log("floor")
        c = max(p.concurrencies)
        with launch.floor_server() as floor:
            floor.wait_ready()
            rps = await _repeat(p.reps, lambda: _rps(floor.url, c, p.floor_seconds))
        out["floor"] = {
            "concurrency": c,
            "requests_per_s": rps["median"],
            "spread": [rps["min"], rps["max"]],
        }
    if "server_load" in p.only:
        log("server under load")
        pam, lg, lg_default = servers.get("pam", "langgraph_dev", "langgraph_dev_default")
        anchors = {"langgraph_dev": lg, "langgraph_dev_default": lg_default}
        try:
            if not p.runtime_pg:
                raise Unavailable("not part of this run (smoke)")
            (anchors["runtime_pg"],) = servers.get("runtime_pg")
        except (Unavailable, RuntimeError, TimeoutError) as exc:
            out["skipped"] = {**out.get("skipped", {}), "runtime_pg": str(exc)[:300]}
            log(f"stock Agent Server on Postgres skipped: {exc}")
        out["server_load"] = await server_load(pam, anchors, p.concurrencies, p.seconds, p.reps)
    if "ttft" in p.only:
        log("time to first token")
        (paced,) = servers.get("paced")
        out["ttft"] = await ttft(paced, p.ttft_concurrencies, p.ttft_seconds, p.reps)
    if "idle_ws" in p.only:
        log("idle websockets")
        reps = []
        for _ in range(p.reps):  # a fresh server each time: freed memory is not returned
            with servers.memory() as pam:
                reps.append(await idle_websockets(pam, p.idle_sockets, p.settle_s))
        kib = summary([r["kib_per_socket"] for r in reps], 1)
        out["idle_ws"] = {
            **reps[0],
            "kib_per_socket": kib["median"],
            "kib_spread": [kib["min"], kib["max"]],
        }
    if "long_thread" in p.only:
        log("long threads")
        pool = await open_pool(url, min_size=2, max_size=4)
        try:
            with on_server_core():
                out["long_thread"] = await long_threads(pool, p.long_marks, p.long_threads)
        finally:
            await pool.close()
    if "soak" in p.only:
        log("soak")
        with servers.memory() as pam:
            out["soak"] = await soak(pam, url, p.soak_turns, p.soak_concurrency)
