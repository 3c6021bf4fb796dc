"""The admission limit side by side: one `pam serve` per limit, driven in turn in one run.

`python -m bench.admission --limits 0,4,8,16 --paths sse,ap --concurrency 16,64` starts
`pam serve` from this tree once per limit (`PAM_RUN_ADMISSION`, 0 = no limit; each server
with its own fresh database, one worker, offline brain, pinned to the server core as
`make bench` does), then per round, per concurrency and per path, drives each server for
`--seconds` with the clients `make bench` uses, rotating which server goes first from
round to round so all see the same machine. Figures per run: turns/s, p50, p99 (the
client's whole turn, any wait for admission included), the server's CPU ms per turn and
that of the Postgres backends serving its database (the clients' warm turns counted).
The report gives medians over rounds and each limit's ratios over the first limit given
(the base), with the spread of the per-round ratios. With `--graph-turns N` the
graph's own CPU per turn is sampled before every round (as bench.ap_before_after does),
so each row also gives the server's own share of a turn.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import psutil
import psycopg
import uvloop

from bench import procs
from bench.ap_before_after import MODES, GraphAlone, Mode, one, pam_serve_from, prepare_with
from bench.db import bench_database, prepare
from bench.procs import REPO, Server
from bench.stats import aggregate_runs, ratio, summary

RESULTS = Path(__file__).resolve().parent / "results"
FIGURES = ("turns_per_s", "p50_ms", "p99_ms", "server_cpu_ms_per_turn", "pg_cpu_ms_per_turn")


def backend_cpu_s(url: str) -> float:
    """CPU seconds so far of the Postgres backends connected to `url`'s database (the
    server's pool; a backend that exits between two readings is lost to both)."""
    with psycopg.connect(url, autocommit=True) as conn:
        pids = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchall()
    total = 0.0
    for (pid,) in pids:
        try:
            times = psutil.Process(pid).cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


async def one_with_db(server: Server, url: str, mode: Mode, c: int, seconds: float) -> Any:
    """`one`, with the CPU its database's backends spent, per turn (the clients' warm
    turns included in both the CPU and the count)."""
    before = backend_cpu_s(url)
    figures = await one(server, mode, c, seconds)
    spent = backend_cpu_s(url) - before
    turns = (figures["turns_incl_late"] or 0) + c
    figures["pg_cpu_ms_per_turn"] = round(spent * 1000 / turns, 2) if turns else None
    return figures


def _name(limit: int) -> str:
    return f"K={limit}" if limit else "no limit"


async def measure(
    servers: dict[int, tuple[Server, str]],
    concurrencies: list[int],
    seconds: dict[int, float],
    rounds: int,
    modes: list[Mode],
    graph: GraphAlone | None,
    log: Any,
) -> dict[str, Any]:
    limits = list(servers)
    raw: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for r in range(rounds):
        if graph is not None:
            await graph.sample()
            log(f"round {r + 1} graph alone: {graph.samples[-1]} ms CPU per turn")
        shift = r % len(limits)
        order = limits[shift:] + limits[:shift]
        for c in concurrencies:
            for mode in modes:
                for limit in order:
                    server, url = servers[limit]
                    figures = await one_with_db(server, url, mode, c, seconds[c])
                    raw.setdefault(f"{mode}/c{c}", {}).setdefault(limit, []).append(figures)
                    log(f"round {r + 1} {mode} c={c} {_name(limit)}: {figures}")
    graph_ms = graph.median() if graph is not None else None
    return rows_from(raw, limits, graph_ms)


def rows_from(
    raw: dict[str, dict[int, list[dict[str, Any]]]], limits: list[int], graph_ms: float | None
) -> dict[str, Any]:
    """Medians over rounds per path, clients and limit, and each limit's per-round
    ratios over the first limit's."""
    base = limits[0]
    rows: dict[str, Any] = {}
    for key, by_limit in raw.items():
        row: dict[str, Any] = {}
        for limit in limits:
            reps = by_limit[limit]
            figures = aggregate_runs(reps, FIGURES)
            cpu = figures["server_cpu_ms_per_turn"]
            if graph_ms and cpu is not None:
                figures["own_vs_graph"] = round((cpu - graph_ms) / graph_ms, 2)
            for name in FIGURES:
                pairs = [
                    ratio(a[name], b[name])
                    for a, b in zip(reps, by_limit[base], strict=True)
                    if a.get(name) is not None and b.get(name) is not None
                ]
                known = [x for x in pairs if x is not None]
                figures[f"{name}_over_base"] = summary(known)["median"] if known else None
                figures[f"{name}_over_base_spread"] = [min(known), max(known)] if known else None
            figures["raw"] = reps
            row[str(limit)] = figures
        rows[key] = row
    return rows


LOGGED = re.compile(r"round (\d+) (\w+) c=(\d+) (no limit|K=\d+): (\{.*\})$")
GRAPH_LOGGED = re.compile(r"round \d+ graph alone: ([\d.]+) ms")


def from_log(path: Path) -> tuple[dict[str, dict[int, list[dict[str, Any]]]], list[float]]:
    """A run's figures as its log printed them (for a run whose report was not written)."""
    raw: dict[str, dict[int, list[dict[str, Any]]]] = {}
    graph: list[float] = []
    for line in path.read_text().splitlines():
        if found := GRAPH_LOGGED.search(line):
            graph.append(float(found.group(1)))
        elif found := LOGGED.search(line):
            _round, mode, c, name, figures = found.groups()
            limit = 0 if name == "no limit" else int(name.removeprefix("K="))
            entry = ast.literal_eval(figures)
            raw.setdefault(f"{mode}/c{c}", {}).setdefault(limit, []).append(entry)
    return raw, graph


def _windows(seconds: dict[Any, float]) -> str:
    return ", ".join(f"{s:g} s at {c} clients" for c, s in seconds.items())


def markdown(out: dict[str, Any]) -> str:
    m, p = out["machine"], out["params"]
    base = _name(p["limits"][0])
    lines = [
        f"# {out['title']}",
        "",
        f"`python -m bench.admission`, {m['started']}, commit `{m['commit']}`: one `pam serve` "
        f"per admission limit (PAM_RUN_ADMISSION), {p['rounds']} rounds, windows of "
        f"{_windows(p['seconds'])} per row, the servers rotating within each round (each "
        "its own fresh database, one uvicorn worker, offline brain, pinned to the same "
        "core; the load generator on the other). Figures are medians over rounds; ratios "
        "are each limit's ÷ the base's "
        f"({base}), the median of the per-round ratios with their spread. Load average "
        f"{m['load_before']} before, {m['load_after']} after, {m['cpus']} CPUs.",
        "",
    ]
    if out.get("graph_cpu_ms_per_turn"):
        lines += [
            f"The graph's own CPU per turn (in-process, no checkpointer, before each round; "
            f"median of {out['graph_cpu_ms_samples']}): **{out['graph_cpu_ms_per_turn']} ms**.",
            "",
        ]
    lines += [
        "| path | clients | limit | turns/s | ÷ base | p50 ms | ÷ base | p99 ms | ÷ base "
        "| CPU ms/turn | ÷ base | Postgres CPU ms/turn | ÷ base | own × graph | errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key, row in out["rows"].items():
        mode, c = key.split("/c")
        for limit, f in row.items():
            cells = [mode, c, _name(int(limit))]
            for name in FIGURES:
                spread = f[f"{name}_over_base_spread"]
                span = f" ({spread[0]}–{spread[1]})" if spread else ""
                cells += [str(f[name]), f"{f[f'{name}_over_base']}{span}"]
            cells += [str(f.get("own_vs_graph")), str(f["errors"])]
            lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limits", default="0,4,8,16", help="comma-separated; first = base")
    parser.add_argument("--paths", default="sse,ap", help="comma-separated: ap,values,sse,ws")
    parser.add_argument("--concurrency", default="16,64")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--seconds", default="10", help="window per run; one, or one per --concurrency"
    )
    parser.add_argument("--graph-turns", type=int, default=40, help="0: skip")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--stem", default="admission")
    parser.add_argument("--title", default="The admission limit side by side")
    parser.add_argument(
        "--from-log", type=Path, default=None, help="rebuild the report from a run's log"
    )
    args = parser.parse_args()
    limits = [int(x) for x in args.limits.split(",")]
    modes: list[Mode] = [m for m in args.paths.split(",") if m in MODES]
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    windows = [float(x) for x in args.seconds.split(",")]
    seconds = dict(
        zip(
            concurrencies,
            windows * len(concurrencies) if len(windows) == 1 else windows,
            strict=True,
        )
    )
    started = time.monotonic()
    procs.pin_self(procs.cores()[1])

    def log(what: str) -> None:
        print(f"[admission {time.monotonic() - started:5.0f}s] {what}", flush=True)

    out: dict[str, Any] = {
        "title": args.title,
        "machine": {
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "cpus": os.cpu_count(),
            "load_before": round(os.getloadavg()[0], 2),
            "commit": os.popen(f"git -C {REPO} rev-parse --short HEAD").read().strip(),  # noqa: S605
        },
        "params": {
            "limits": limits,
            "rounds": args.rounds,
            "seconds": {str(c): s for c, s in seconds.items()},
            "concurrency": concurrencies,
            "paths": modes,
        },
    }
    if args.from_log is not None:
        raw, samples = from_log(args.from_log)
        graph_ms = summary(samples)["median"] if samples else None
        out["machine"] |= {"started": "see the log", "load_before": "n/a", "load_after": "n/a"}
        out["graph_cpu_ms_per_turn"], out["graph_cpu_ms_samples"] = graph_ms, samples
        out["rows"] = rows_from(raw, limits, graph_ms)
        _write(args.out, args.stem, out)
        return
    with ExitStack() as stack:
        servers: dict[int, tuple[Server, str]] = {}
        for limit in limits:
            url = stack.enter_context(bench_database())
            prepare_with(REPO, url)
            env = {"PAM_RUN_ADMISSION": str(limit)}
            name = f"k{limit}"
            serving = pam_serve_from(REPO, name, url, "", env)  # type: ignore[arg-type]
            server = stack.enter_context(serving)
            servers[limit] = (server, url)
        for server, _url in servers.values():
            server.wait_ready()
        graph = None
        if args.graph_turns > 0:
            graph_url = stack.enter_context(bench_database())
            uvloop.run(prepare(graph_url))
            graph = GraphAlone(graph_url, args.graph_turns)
        out["rows"] = uvloop.run(
            measure(servers, concurrencies, seconds, args.rounds, modes, graph, log)
        )
        if graph is not None:
            out["graph_cpu_ms_per_turn"] = graph.median()
            out["graph_cpu_ms_samples"] = graph.samples
    out["machine"]["load_after"] = round(os.getloadavg()[0], 2)
    out["machine"]["seconds"] = round(time.monotonic() - started)
    _write(args.out, args.stem, out)
    log(f"wrote {args.out / args.stem}.md and .json")


def _write(where: Path, stem: str, out: dict[str, Any]) -> None:
    where.mkdir(parents=True, exist_ok=True)
    (where / f"{stem}.json").write_bytes(orjson.dumps(out, option=orjson.OPT_INDENT_2))
    (where / f"{stem}.md").write_text(markdown(out))


if __name__ == "__main__":
    main()
