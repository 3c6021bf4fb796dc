"""Where a served turn's CPU goes, by CPU-time sampling inside `pam serve` (issue 19,
eighth round): unlike py-spy (bench.served_where), which counts a thread that waits for
a core, this samples the server's own CPU time (bench/cpu_sampler.py, started and
stopped by signals through bench/cpu_probe/sitecustomize.py), so a loaded machine
slows the run but does not bend the shares.

`python -m bench.served_cpu --path sse --concurrency 1 --seconds 20 [--tree <worktree>]`
starts `pam serve` from the tree on a fresh database, warms it with the clients' first
turns, samples for `--seconds` of closed-loop turns and reports CPU ms per turn: inside
the graph's nodes or not, by package of the innermost frame, and inclusive for the
functions of the server's own code (server/, tools/db/) and the libraries around it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.ap_before_after import Mode, _client, pam_serve_from, prepare_with
from bench.db import bench_database
from bench.load import closed_loop
from bench.procs import REPO

RESULTS = Path(__file__).resolve().parent / "results"
PROBE = Path(__file__).resolve().parent / "cpu_probe"

PACKAGES = (
    ("/server/", "pam server/"),
    ("/tools/db/", "pam tools/db/"),
    ("/tools/", "pam tools/"),
    ("/agent/brain/", "pam agent/brain/"),
    ("/agent/", "pam agent/"),
    ("/graph.py", "pam graph.py"),
    ("/langgraph/checkpoint/", "langgraph checkpoint"),
    ("/langgraph/", "langgraph"),
    ("/langchain_core/callbacks", "langchain callbacks"),
    ("/langchain_core/", "langchain core"),
    ("/langchain/", "langchain"),
    ("/langsmith/", "langsmith"),
    ("/psycopg_pool/", "psycopg_pool"),
    ("/psycopg/", "psycopg"),
    ("/uvicorn/", "uvicorn"),
    ("/starlette/", "starlette"),
    ("/fastapi/", "fastapi"),
    ("/pydantic", "pydantic"),
    ("/structlog/", "structlog"),
    ("/prometheus_client/", "prometheus"),
    ("/jwt/", "jwt"),
    ("/opentelemetry/", "opentelemetry"),
    ("/asyncio/", "asyncio"),
    ("/uvloop/", "uvloop"),
    ("/orjson", "orjson"),
)


def package(filename: str) -> str:
    for needle, name in PACKAGES:
        if needle in filename:
            return name
    if "/lib/python3" in filename and "site-packages" not in filename:
        return "stdlib"
    if filename.startswith("<"):
        return filename
    return "other: " + filename.rsplit("/site-packages/", 1)[-1].split("/")[0]


def short(filename: str) -> str:
    for marker in ("/site-packages/", "/i19-serve9/", "/i19-serve9-base/", "/main/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename.rsplit("/", 2)[-1]


def server_parts(rows: list[Any], turns: int, top: int) -> list[tuple[str, float]]:
    """Samples outside every graph node, each charged to the innermost frame of the
    server's own code (server/, tools/db/) on its stack; those with none (the event
    loop's C code, LangGraph's tasks) to "no server frame"."""
    per = 1000.0 / turns
    parts: dict[str, float] = defaultdict(float)
    for node, stack, seconds in rows:
        if node:
            continue
        key = "no server frame (the event loop's C code, LangGraph's own tasks)"
        for fname, qual in reversed(stack):
            if fname.endswith(("/server/cli.py", "/server/__main__.py")):
                break  # `pam serve` itself: the event loop, under every task
            if "/server/" in fname or "/tools/db/" in fname:
                key = f"{short(fname)} {qual}"
                break
        parts[key] += seconds
    ranked = sorted(parts.items(), key=lambda kv: -kv[1])[:top]
    return [(k, round(v * per, 3)) for k, v in ranked]


def analyse(rows: list[Any], turns: int, top: int) -> dict[str, Any]:
    per = 1000.0 / turns
    total = sum(r[2] for r in rows)
    in_node: dict[str, float] = defaultdict(float)
    self_pkg: dict[str, float] = defaultdict(float)
    self_fn: dict[str, float] = defaultdict(float)
    incl_fn: dict[str, float] = defaultdict(float)
    for node, stack, seconds in rows:
        in_node[node.split("|")[0] or "(outside any node)"] += seconds
        if stack:
            fname, qual = stack[-1]
            self_pkg[package(fname)] += seconds
            self_fn[f"{short(fname)} {qual}"] += seconds
        seen = set()
        for fname, qual in stack:
            key = f"{short(fname)} {qual}"
            if key in seen:
                continue
            seen.add(key)
            incl_fn[key] += seconds

    def table(d: dict[str, float], n: int) -> list[tuple[str, float]]:
        return [(k, round(v * per, 3)) for k, v in sorted(d.items(), key=lambda kv: -kv[1])[:n]]

    return {
        "turns": turns,
        "cpu_ms_per_turn": round(total * per, 3),
        "by_node": table(in_node, 20),
        "self_by_package": table(self_pkg, 40),
        "self_by_function": table(self_fn, top),
        "inclusive_by_function": table(incl_fn, top * 3),
        "server_parts": server_parts(rows, turns, top),
    }


def markdown(out: dict[str, Any]) -> str:
    p = out["params"]
    alone = out.get("graph_alone")
    lines = [
        f"# Where a served turn's CPU goes: {p['path']}, {p['concurrency']} client(s)",
        "",
        f"`python -m bench.served_cpu --path {p['path']} --concurrency {p['concurrency']}"
        f" --seconds {p['seconds']:g} --warm {p['warm']:g} --graph-turns {p['graph_turns']}`"
        f" (tree `{p['tree']}`): CPU-time samples inside `pam serve` (bench/cpu_sampler.py),"
        f" {out['turns']} turns; {out['cpu_ms_per_turn']} ms of CPU a turn sampled"
        f" ({out['process_cpu_ms_per_turn']} by the process's own count). The machine was"
        " shared: read shares, not milliseconds.",
        "",
        "| part | served ms/turn | graph alone (fresh threads, no checkpointer) |",
        "|---|---|---|",
    ]
    by_alone = dict(alone["by_node"]) if alone else {}
    for name, ms in out["by_node"]:
        lines.append(f"| {name} | {ms} | {by_alone.get(name, '–')} |")
    if alone:
        lines.append(
            f"| **total** | **{out['cpu_ms_per_turn']}** | **{alone['cpu_ms_per_turn']}** |"
        )
    lines += ["", "Outside every graph node, by the innermost frame of the server's own code:", ""]
    lines += ["| frame | ms/turn |", "|---|---|"]
    lines += [f"| {name} | {ms} |" for name, ms in out["server_parts"]]
    lines += ["", "By package of the innermost frame:", "", "| package | ms/turn |", "|---|---|"]
    lines += [f"| {name} | {ms} |" for name, ms in out["self_by_package"][:20]]
    return "\n".join(lines) + "\n"


async def _drive(
    server: Any, mode: Mode, concurrency: int, seconds: float, warm: float, probe: Path
) -> tuple[list[Any], int, float]:
    await closed_loop(server, lambda user: _client(server, mode, user), concurrency, warm)
    pid = server.process.pid
    cpu0 = server.cpu_s()
    os.kill(pid, signal.SIGUSR1)
    run = await closed_loop(server, lambda user: _client(server, mode, user), concurrency, seconds)
    os.kill(pid, signal.SIGUSR2)
    cpu1 = server.cpu_s()
    for _ in range(100):
        if os.path.exists(probe):  # noqa: ASYNC240 - a stat, while the clients are done
            break
        await asyncio.sleep(0.1)
    rows = json.loads(await asyncio.to_thread(probe.read_text))
    # The window's turns plus each client's set-up turn (sampled too).
    return rows, run.finished + concurrency, (cpu1 - cpu0)


async def graph_alone(url: str, turns: int) -> dict[str, Any]:
    """The graph alone (turn cost without a checkpointer, fresh threads, as `make bench`
    divides by), sampled the same way on the servers' core: CPU ms per turn by node."""
    from agent.model import load_chat_model
    from bench import procs
    from bench.cpu_sampler import CpuSampler
    from bench.turn_cost import timed_turns
    from graph import build_graph
    from tools.db.pool import open_pool

    server_core, load_core = procs.cores()
    procs.pin_self(server_core)
    pool = await open_pool(url, min_size=1, max_size=2)
    try:
        bare = build_graph(None, model=load_chat_model("offline"))
        await timed_turns(bare, pool, 5, [])
        sampler = CpuSampler(0.002)
        with sampler.sampling():
            await timed_turns(bare, pool, turns, [])
    finally:
        await pool.close()
        procs.pin_self(load_core)
    rows = [[node, [list(f) for f in st], sec] for (node, st), sec in sampler.samples.items()]
    out = analyse(rows, turns, 20)
    out["rows"] = rows
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", type=Path, default=REPO)
    parser.add_argument("--path", choices=("sse", "ws", "ap"), default="sse")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warm", type=float, default=3.0)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--stem", default=None)
    parser.add_argument("--graph-turns", type=int, default=0)
    parser.add_argument("--raw", type=Path, default=None, help="keep the samples (JSON) here")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server")
    args = parser.parse_args()
    extra = dict(e.split("=", 1) for e in args.env)
    with tempfile.TemporaryDirectory(prefix="pam-cpu-") as tmp, bench_database() as db:
        prepare_with(args.tree, db)
        probe = Path(tmp) / "samples.json"
        env = {
            "PYTHONPATH": str(PROBE),
            "PAM_CPU_PROBE": str(probe),
            "PAM_CPU_PROBE_REPO": str(REPO),
        } | extra
        with pam_serve_from(args.tree, "after", db, extra_env=env) as server:
            server.wait_ready()
            started = time.time()
            rows, turns, cpu_s = asyncio.run(
                _drive(server, args.path, args.concurrency, args.seconds, args.warm, probe)
            )
        alone = asyncio.run(graph_alone(db, args.graph_turns)) if args.graph_turns else None
    if args.raw:
        args.raw.write_text(json.dumps({"turns": turns, "rows": rows}))
    out = analyse(rows, turns, args.top)
    if alone is not None:
        out["graph_alone"] = alone
        print("graph alone", alone["cpu_ms_per_turn"], alone["by_node"])
        if args.raw:
            args.raw.with_suffix(".alone.json").write_text(
                json.dumps({"turns": args.graph_turns, "rows": alone.pop("rows")})
            )
        alone.pop("rows", None)
    out["process_cpu_ms_per_turn"] = round(cpu_s * 1000 / turns, 3)
    out["params"] = vars(args) | {"tree": str(args.tree), "started": started}
    text = json.dumps(out, indent=1, default=str)
    if args.stem:
        (RESULTS / f"{args.stem}.json").write_text(text)
        (RESULTS / f"{args.stem}.md").write_text(markdown(out))
    for key in ("turns", "cpu_ms_per_turn", "process_cpu_ms_per_turn"):
        print(key, out[key])
    for key in (
        "by_node",
        "server_parts",
        "self_by_package",
        "self_by_function",
        "inclusive_by_function",
    ):
        print(f"\n## {key}")
        for name, ms in out[key]:
            print(f"{ms:8.3f}  {name}")


if __name__ == "__main__":
    main()
