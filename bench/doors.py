"""The protocol doors' cost, side by side in one run against one `pam serve`:

- a tool call over MCP (the `mcp` SDK's client, Streamable HTTP) vs the same action over
  REST (POST /api/v1/wins/expenses): add_expense, one row each;
- a turn over A2A (the `a2a-sdk` client, streaming) and over AG-UI (POST /agui, the
  stream read to its end) vs the same turn over SSE (POST /api/v1/pam/chat/stream),
  each on a new thread, with the offline brain (router -> wins -> add_expense -> reply).

Each round runs every kind in turn (`--calls` each, one client, closed loop); the server's
CPU seconds (psutil, user + system) across a kind's calls, divided by the calls, is its
CPU per call; latency is the client's wall time per call. The figures are medians over
`--rounds`, and the ratios are of those medians. The load generator is pinned to the
other core (bench/procs.py).

    python -m bench.doors [--calls 40] [--rounds 3]   # -> bench/results/doors.md/.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import httpx2
from a2a.client import ClientConfig, ClientFactory
from a2a.helpers.proto_helpers import new_text_message
from a2a.types.a2a_pb2 import Role, SendMessageRequest
from mcp import Client as McpClient
from mcp.client.streamable_http import streamable_http_client

from bench.client_base import MESSAGE, TIMEOUT_S, token_for, varied
from bench.db import bench_database, prepare
from bench.launch import pam_serve
from bench.procs import Server, cores, pin_self

RESULTS = Path(__file__).parent / "results"
TARGETS = {"mcp_vs_rest": 2.0, "a2a_vs_sse": 1.2, "agui_vs_sse": 1.2}
Call = Callable[[int], Awaitable[None]]


class Doors:
    """One signed-in client per protocol, against one server."""

    def __init__(self, server: Server) -> None:
        self.server = server
        headers = {"Authorization": f"Bearer {token_for('bench-doors')}"}
        self.http = httpx.AsyncClient(base_url=server.url, headers=headers, timeout=TIMEOUT_S)
        self.http2 = httpx2.AsyncClient(headers=headers, timeout=TIMEOUT_S)
        self.mcp = McpClient(streamable_http_client(f"{server.url}/mcp", http_client=self.http2))
        self.a2a: Any = None

    async def __aenter__(self) -> Doors:
        await self.mcp.__aenter__()
        config = ClientConfig(streaming=True, httpx_client=self.http)
        self.a2a = await ClientFactory(config).create_from_url(self.server.url)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.a2a.close()
        await self.mcp.__aexit__(None, None, None)
        await self.http2.aclose()
        await self.http.aclose()

    async def rest_call(self, n: int) -> None:
        body = {"amount": 1 + n % 90, "category": "food"}
        response = await self.http.post("/api/v1/wins/expenses", json=body)
        if response.status_code != 201:
            raise RuntimeError(f"REST add_expense: HTTP {response.status_code}")

    async def mcp_call(self, n: int) -> None:
        result = await self.mcp.call_tool("add_expense", {"amount": 1 + n % 90, "category": "food"})
        if result.is_error:
            raise RuntimeError(f"MCP add_expense: {result.content}")

    async def sse_turn(self, n: int) -> None:
        body = {"message": varied(MESSAGE, n)}
        async with self.http.stream("POST", "/api/v1/pam/chat/stream", json=body) as response:
            text = (await response.aread()).decode()
        if response.status_code != 200 or "event: final" not in text:
            raise RuntimeError(f"SSE turn: {response.status_code} {text[-200:]}")

    async def a2a_turn(self, n: int) -> None:
        message = new_text_message(
            varied(MESSAGE, n), context_id=str(uuid.uuid4()), role=Role.ROLE_USER
        )
        states = [
            r.status_update.status.state
            async for r in self.a2a.send_message(SendMessageRequest(message=message))
            if r.HasField("status_update")
        ]
        if not states or states[-1] != 3:  # TASK_STATE_COMPLETED
            raise RuntimeError(f"A2A turn ended in state {states}")

    async def agui_turn(self, n: int) -> None:
        body = {
            "threadId": str(uuid.uuid4()),
            "runId": str(uuid.uuid4()),
            "state": {},
            "messages": [{"id": str(uuid.uuid4()), "role": "user", "content": varied(MESSAGE, n)}],
            "tools": [],
            "context": [],
            "forwardedProps": {},
        }
        async with self.http.stream("POST", "/agui", json=body) as response:
            text = (await response.aread()).decode()
        if response.status_code != 200 or '"RUN_FINISHED"' not in text:
            raise RuntimeError(f"AG-UI turn: {response.status_code} {text[-200:]}")


async def measure(server: Server, call: Call, calls: int, offset: int) -> dict[str, float]:
    latencies = []
    cpu_before = server.cpu_s()
    for i in range(calls):
        start = time.perf_counter()
        await call(offset + i)
        latencies.append(time.perf_counter() - start)
    cpu = server.cpu_s() - cpu_before
    return {
        "cpu_ms": 1000 * cpu / calls,
        "p50_ms": 1000 * statistics.median(latencies),
        "mean_ms": 1000 * statistics.fmean(latencies),
    }


async def run(
    calls: int, rounds: int, only: list[str] | None = None, env: dict[str, str] | None = None
) -> dict[str, Any]:
    pin_self(cores()[1])
    load_before = os.getloadavg()[0]
    with bench_database() as url:
        await prepare(url)
        with pam_serve(url, extra_env=env) as server:
            server.wait_ready()
            async with Doors(server) as doors:
                kinds: dict[str, Call] = {
                    "rest": doors.rest_call,
                    "mcp": doors.mcp_call,
                    "sse": doors.sse_turn,
                    "a2a": doors.a2a_turn,
                    "agui": doors.agui_turn,
                }
                kinds = {k: c for k, c in kinds.items() if not only or k in only}
                for call in kinds.values():  # warm-up: imports, connections, caches
                    for i in range(3):
                        await call(i)
                per_round: dict[str, list[dict[str, float]]] = {k: [] for k in kinds}
                for r in range(rounds):
                    for name, call in kinds.items():
                        per_round[name].append(await measure(server, call, calls, r * calls))
    result = report(per_round, calls, rounds)
    result["load_average_1m"] = {"before": load_before, "after": os.getloadavg()[0]}
    return result


def report(per_round: dict[str, list[dict[str, float]]], calls: int, rounds: int) -> dict[str, Any]:
    medians = {
        kind: {
            key: statistics.median(m[key] for m in measures)
            for key in ("cpu_ms", "p50_ms", "mean_ms")
        }
        for kind, measures in per_round.items()
    }

    def ratio(door: str, base: str, key: str) -> float:
        return round(medians[door][key] / medians[base][key], 3)

    pairs = {
        "mcp_vs_rest": ("mcp", "rest"),
        "a2a_vs_sse": ("a2a", "sse"),
        "agui_vs_sse": ("agui", "sse"),
    }
    ratios = {
        name: {"cpu": ratio(door, base, "cpu_ms"), "p50": ratio(door, base, "p50_ms")}
        for name, (door, base) in pairs.items()
        if door in medians and base in medians
    }
    return {
        "calls_per_round": calls,
        "rounds": rounds,
        "per_call": {k: {m: round(v, 3) for m, v in d.items()} for k, d in medians.items()},
        "rounds_raw": per_round,
        "ratios": ratios,
        "targets": {
            k: {"cpu_at_most": t, "met": ratios[k]["cpu"] <= t}
            for k, t in TARGETS.items()
            if k in ratios
        },
    }


def markdown(result: dict[str, Any]) -> str:
    per, ratios, targets = result["per_call"], result["ratios"], result["targets"]
    load = result["load_average_1m"]
    names = {
        "rest": "REST POST /api/v1/wins/expenses (add_expense)",
        "mcp": "MCP tools/call add_expense (mcp SDK client)",
        "sse": "SSE turn POST /api/v1/pam/chat/stream",
        "a2a": "A2A streaming message (a2a-sdk client)",
        "agui": "AG-UI turn POST /agui",
    }
    lines = [
        "# The protocol doors vs REST and SSE (`python -m bench.doors`)",
        "",
        f"One `pam serve` (offline brain), one client per protocol, {result['calls_per_round']}"
        f" calls per kind per round, {result['rounds']} rounds, kinds interleaved; medians"
        " over rounds. Server CPU per call is psutil's user + system time of the server"
        " process across the calls / calls; p50 is the client's wall time per call.",
        "",
        f"The machine's 1-minute load average was {load['before']:.1f} before and"
        f" {load['after']:.1f} after ({os.cpu_count()} cores, shared): wall times are"
        " inflated by waiting for a core, so the CPU ratios are the figures that count.",
        "",
        "| call | server CPU ms / call | p50 ms | mean ms |",
        "|---|---|---|---|",
        *(
            f"| {names[k]} | {v['cpu_ms']:.2f} | {v['p50_ms']:.2f} | {v['mean_ms']:.2f} |"
            for k, v in per.items()
        ),
        "",
        "| ratio | CPU | p50 | target (CPU) | met |",
        "|---|---|---|---|---|",
        *(
            f"| {k} | {r['cpu']:.2f}x | {r['p50']:.2f}x | <= {targets[k]['cpu_at_most']}x |"
            f" {'yes' if targets[k]['met'] else 'no'} |"
            for k, r in ratios.items()
        ),
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", default="doors")
    parser.add_argument("--only", help="comma-separated kinds: rest,mcp,sse,a2a,agui")
    parser.add_argument(
        "--server-env", action="append", default=[], help="KEY=VALUE for the server"
    )
    args = parser.parse_args()
    only = args.only.split(",") if args.only else None
    env = dict(item.split("=", 1) for item in args.server_env)
    result = asyncio.run(run(args.calls, args.rounds, only, env))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.out}.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / f"{args.out}.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
