"""Before/after on served turns: this tree against a baseline tree (a git worktree of the
commit before, with its own `make setup`), side by side in one run. Written for issue 18
(the Agent Protocol path); `--paths` adds PAM's own chat protocols for issue 19.

`python -m bench.ap_before_after --baseline /work/wt/before18` starts `pam serve` from
each tree (each with its own Python environment and its own fresh database, migrated by
that tree's code), then, per round, per concurrency and per stream mode, drives both
servers for `--seconds` with langgraph-sdk `runs.stream` clients, alternating which server
goes first from round to round so both see the same machine. Stream modes:

- `ap`: what `make bench`'s Agent Protocol rows send (`values` + `messages-tuple`);
- `values`: only `values` — a mode the client did not ask for must cost nothing;
- `sse`, `ws`: PAM's chat over SSE and over the WebSocket, as `make bench` drives them.

Figures per run: turns/s and the server process's CPU ms per turn (user + system, from
psutil); the report gives medians over rounds and the ratios after ÷ before. With
`--graph-turns N` (default 60; 0: not measured) the graph's own CPU per turn is measured
before every round, in this process on the servers' core (turn cost without a
checkpointer, as `make bench` does; the median is used), and each row also gives the
server's own share: CPU per turn − the graph's, ÷ the graph's. `--redis-url` has both
servers coordinate through that Redis (`make bench` runs without; issue 19's run mirror).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import orjson
import uvloop

from agent.model import load_chat_model
from bench import procs
from bench.client_base import Client
from bench.clients import make_client
from bench.db import bench_database, prepare
from bench.launch import pam_env
from bench.load import closed_loop
from bench.procs import REPO, Server
from bench.sdk_client import STREAM_MODES, SdkClient
from bench.stats import aggregate_runs, ratio, summary
from bench.turn_cost import timed_turns
from graph import build_graph
from tools.db.pool import open_pool

RESULTS = Path(__file__).resolve().parent / "results"
STEM = "ap-before-after"

Tree = Literal["before", "after"]
Mode = Literal["ap", "values", "sse", "ws"]
TREES: tuple[Tree, ...] = ("before", "after")
# The Agent Protocol's stream modes per path (the chat paths have none to choose).
MODES: dict[Mode, Any] = {"ap": STREAM_MODES, "values": ["values"], "sse": None, "ws": None}
# ttft: None when no reply text came as `messages` (before issue 18, PAM sent none).
FIGURES = ("turns_per_s", "server_cpu_ms_per_turn", "p50_ms", "p99_ms", "ttft_p50_ms")


def _python(tree: Path) -> Path:
    return tree / ".venv" / "bin" / "python"


def _head(tree: Path) -> str:
    done = subprocess.run(  # noqa: S603 - our own argv
        ["git", "-C", str(tree), "rev-parse", "--short", "HEAD"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def prepare_with(tree: Path, url: str) -> None:
    """Migrations and checkpoint tables by the tree's own code, before its server starts."""
    code = "import asyncio, sys; from bench.db import prepare; asyncio.run(prepare(sys.argv[1]))"
    subprocess.run([str(_python(tree)), "-c", code, url], cwd=tree, check=True)  # noqa: S603


@contextmanager
def pam_serve_from(
    tree: Path,
    name: Tree,
    database_url: str,
    redis_url: str = "",
    extra_env: dict[str, str] | None = None,
) -> Iterator[Server]:
    """`pam serve` run by the tree's own Python (its editable install imports that tree);
    with `redis_url`, coordinating through that Redis (locks, run mirrors, counters);
    `extra_env` adds settings (e.g. HTTP_PROTOCOL)."""
    with tempfile.TemporaryDirectory(prefix=f"pam-{name}-") as tmp:
        argv = [str(_python(tree)), "-m", "server", "serve", "--port", "{port}"]
        env = pam_env(database_url, "offline", Path(tmp)) | {"REDIS_URL": redis_url}
        env |= extra_env or {}
        with procs.process(f"pam-{name}", argv, env, "/health/live", Path(tmp)) as server:
            yield server


def _client(server: Server, mode: Mode, user: str) -> Client:
    if mode in ("sse", "ws"):
        return make_client(mode, server, user)
    return SdkClient(server, user, signed_in=True, stream_mode=MODES[mode])


async def one(server: Server, mode: Mode, concurrency: int, seconds: float) -> dict[str, Any]:
    run = await closed_loop(server, lambda user: _client(server, mode, user), concurrency, seconds)
    return run.figures()


class GraphAlone:
    """The graph's own CPU per turn (turn cost without a checkpointer, bench.turn_cost),
    sampled in this process on the servers' core before every round, so that it sees the
    machine as the servers' rows of that round do; the report takes the median."""

    def __init__(self, url: str, turns: int) -> None:
        self.url = url
        self.turns = turns
        self.samples: list[float] = []

    async def sample(self) -> None:
        server_core, load_core = procs.cores()
        procs.pin_self(server_core)
        pool = await open_pool(self.url, min_size=1, max_size=2)
        try:
            bare = build_graph(None, model=load_chat_model("offline"))
            await timed_turns(bare, pool, 5, [])  # warm
            _costs, cpu_ms = await timed_turns(bare, pool, self.turns, [])
        finally:
            await pool.close()
            procs.pin_self(load_core)
        self.samples.append(round(cpu_ms, 2))

    def median(self) -> float | None:
        return summary(self.samples)["median"] if self.samples else None


def _paired(before: list[dict[str, Any]], after: list[dict[str, Any]], name: str) -> list[float]:
    """after ÷ before per round: the spread of ratios of runs made moments apart."""
    pairs = [ratio(a[name], b[name]) for a, b in zip(after, before, strict=True)]
    return [x for x in pairs if x is not None]


async def measure(
    servers: dict[Tree, Server],
    concurrencies: list[int],
    seconds: float,
    rounds: int,
    log: Any,
    modes: list[Mode],
    graph: GraphAlone | None,
) -> dict[str, Any]:
    raw: dict[str, dict[Tree, list[dict[str, Any]]]] = {}
    for r in range(rounds):
        if graph is not None:
            await graph.sample()
            log(f"round {r + 1} graph alone: {graph.samples[-1]} ms CPU per turn")
        order = TREES if r % 2 == 0 else TREES[::-1]
        for c in concurrencies:
            for mode in modes:
                for tree in order:
                    figures = await one(servers[tree], mode, c, seconds)
                    raw.setdefault(f"{mode}/c{c}", {}).setdefault(tree, []).append(figures)
                    log(f"round {r + 1} {mode} c={c} {tree}: {figures}")
    rows: dict[str, Any] = {}
    graph_ms = graph.median() if graph is not None else None
    for key, by_tree in raw.items():
        row: dict[str, Any] = {tree: aggregate_runs(by_tree[tree], FIGURES) for tree in TREES}
        for tree in TREES:
            cpu = row[tree]["server_cpu_ms_per_turn"]
            if graph_ms and cpu is not None:
                row[tree]["own_cpu_ms_per_turn"] = round(cpu - graph_ms, 2)
                row[tree]["own_vs_graph"] = round((cpu - graph_ms) / graph_ms, 2)
        for name in ("turns_per_s", "server_cpu_ms_per_turn"):
            row[f"{name}_after_over_before"] = ratio(row["after"][name], row["before"][name])
            paired = _paired(by_tree["before"], by_tree["after"], name)
            row[f"{name}_after_over_before_spread"] = [min(paired), max(paired)] if paired else None
        row["raw"] = by_tree
        rows[key] = row
    return rows


def markdown(out: dict[str, Any]) -> str:
    m, p = out["machine"], out["params"]
    graph_ms = out.get("graph_cpu_ms_per_turn")
    lines = [
        f"# {out.get('title', 'Agent Protocol before and after issue 18')}",
        "",
        f"`python -m bench.ap_before_after`, {m['started']}: before = `{m['before_commit']}`, "
        f"after = `{m['after_commit']}`; {p['rounds']} rounds × {p['seconds']:g} s per row, "
        "the two servers alternating within each round (each `pam serve` from its own tree "
        "and environment, its own fresh database, one uvicorn worker, offline brain, "
        "pinned to the same core; the load generator on the other). Figures are medians "
        "over rounds; ratios after ÷ before, with the spread of the per-round ratios. "
        "turns/s counts turns ended within the window (closed loop, so at 16 and 64 "
        "clients it moves in steps of clients ÷ seconds); CPU ms per turn divides the "
        "server's CPU by every turn started in the window, the late ones included.",
        "",
        ("Both servers coordinated through Redis (REDIS_URL set). " if p.get("redis") else "")
        + f"The machine was shared and loaded (load average {m['load_before']} before, "
        f"{m['load_after']} after, {m['cpus']} CPUs): the absolute figures belong to that "
        "machine; read the ratios.",
        "",
        "`ap` = `stream_mode=[values, messages-tuple]` (what `make bench` sends); "
        "`values` = only `values` requested; `sse`, `ws` = PAM's chat protocols.",
        "",
    ]
    if graph_ms:
        lines += [
            f"The graph's own CPU per turn (turn cost, no checkpointer, offline brain, "
            f"in-process on the servers' core before each round; median of "
            f"{out.get('graph_cpu_ms_samples')}): **{graph_ms} ms**. Server's own = "
            "CPU ms/turn − that; × graph = that ÷ the graph's (issue 19's targets: SSE "
            "and WebSocket ≤ 0.6, Agent Protocol ≤ 1.2).",
            "",
            "| path | clients | own ms/turn before | own ms/turn after "
            "| × graph before | × graph after |",
            "|---|---|---|---|---|---|",
        ]
        for key, row in out["rows"].items():
            mode, c = key.split("/c")
            b, a = row["before"], row["after"]
            lines.append(
                f"| {mode} | {c} | {b.get('own_cpu_ms_per_turn')} "
                f"| {a.get('own_cpu_ms_per_turn')} | {b.get('own_vs_graph')} "
                f"| **{a.get('own_vs_graph')}** |"
            )
        lines.append("")
    lines += [
        "| mode | clients | turns/s before | turns/s after | after ÷ before "
        "| CPU ms/turn before | CPU ms/turn after | after ÷ before | reply as messages b/a "
        "| errors b/a |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key, row in out["rows"].items():
        mode, c = key.split("/c")
        b, a = row["before"], row["after"]
        tps_spread = row["turns_per_s_after_over_before_spread"]
        cpu_spread = row["server_cpu_ms_per_turn_after_over_before_spread"]
        lines.append(
            f"| {mode} | {c} | {b['turns_per_s']} | {a['turns_per_s']} "
            f"| **{row['turns_per_s_after_over_before']}** ({_span(tps_spread)}) "
            f"| {b['server_cpu_ms_per_turn']} | {a['server_cpu_ms_per_turn']} "
            f"| **{row['server_cpu_ms_per_turn_after_over_before']}** ({_span(cpu_spread)}) "
            f"| {_streamed(b)}/{_streamed(a)} | {b['errors']}/{a['errors']} |"
        )
    lines.append("")
    return "\n".join(lines)


def _streamed(figures: dict[str, Any]) -> str:
    return "yes" if figures["ttft_p50_ms"] is not None else "no"


def _span(spread: list[float] | None) -> str:
    return f"{spread[0]}–{spread[1]}" if spread else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--baseline", type=Path, required=True, help="worktree of the commit before"
    )
    parser.add_argument(
        "--after", type=Path, default=REPO, help="worktree of the commit after (default: this)"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", default="1,16", help="comma-separated client counts")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--stem", default=STEM)
    parser.add_argument("--title", default="Agent Protocol before and after issue 18")
    parser.add_argument("--paths", default="ap,values", help="comma-separated: ap,values,sse,ws")
    parser.add_argument(
        "--redis-url",
        default="",
        help="both servers coordinate through this Redis (default: none, as make bench)",
    )
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="TREE:NAME=VALUE",
        help="a setting for one tree's server (before: or after:), e.g. before:HTTP_PROTOCOL=h11",
    )
    parser.add_argument(
        "--graph-turns",
        type=int,
        default=60,
        help="turns per round timing the graph alone (0: skip)",
    )
    args = parser.parse_args()
    modes: list[Mode] = []
    for name in args.paths.split(","):
        if name not in MODES:
            sys.exit(f"--paths: {name!r} is not one of {', '.join(MODES)}")
        modes.append(name)
    trees: dict[Tree, Path] = {"before": args.baseline.resolve(), "after": args.after.resolve()}
    for checkout in trees.values():
        if not _python(checkout).exists():
            sys.exit(f"{checkout}: no .venv (run `make setup` there first)")
    envs: dict[Tree, dict[str, str]] = {"before": {}, "after": {}}
    for item in args.env:
        side, _, assignment = item.partition(":")
        if side not in envs or "=" not in assignment:
            sys.exit(f"--env: {item!r} is not before:NAME=VALUE or after:NAME=VALUE")
        name, _, value = assignment.partition("=")
        envs[side][name] = value
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    started = time.monotonic()
    procs.pin_self(procs.cores()[1])

    def log(what: str) -> None:
        print(f"[ap-before-after {time.monotonic() - started:5.0f}s] {what}", flush=True)

    out: dict[str, Any] = {
        "machine": {
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "cpus": os.cpu_count(),
            "cores_server_client": list(procs.cores()),
            "load_before": round(os.getloadavg()[0], 2),
            "before_commit": _head(trees["before"]),
            "after_commit": _head(trees["after"]),
        },
        "params": {
            "rounds": args.rounds,
            "seconds": args.seconds,
            "concurrency": concurrencies,
            "paths": modes,
            "redis": bool(args.redis_url),
            "env": envs,
        },
        "title": args.title,
    }
    with ExitStack() as stack:
        servers: dict[Tree, Server] = {}
        for tree in TREES:
            url = stack.enter_context(bench_database())
            prepare_with(trees[tree], url)
            servers[tree] = stack.enter_context(
                pam_serve_from(trees[tree], tree, url, args.redis_url, envs[tree])
            )
        for server in servers.values():
            server.wait_ready()
        graph = None
        if args.graph_turns > 0:
            graph_url = stack.enter_context(bench_database())
            uvloop.run(prepare(graph_url))
            graph = GraphAlone(graph_url, args.graph_turns)
        out["rows"] = uvloop.run(
            measure(servers, concurrencies, args.seconds, args.rounds, log, modes, graph)
        )
        if graph is not None:
            out["graph_cpu_ms_per_turn"] = graph.median()
            out["graph_cpu_ms_samples"] = graph.samples
    out["machine"]["load_after"] = round(os.getloadavg()[0], 2)
    out["machine"]["seconds"] = round(time.monotonic() - started)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.stem}.json").write_bytes(orjson.dumps(out, option=orjson.OPT_INDENT_2))
    (args.out / f"{args.stem}.md").write_text(markdown(out))
    log(f"wrote {args.out / args.stem}.md and .json")


if __name__ == "__main__":
    main()
