"""The server's own HTTP work per SSE chat request, without the turn: this tree against a
baseline tree, side by side in one run.

`python -m bench.http_path --baseline /work/wt/main-copy` runs bench/http_path_app.py
(PAM's app shell, middleware stack and HTTP protocol, a route shaped like the SSE chat
route answering a scripted turn's frames) with each tree's own Python, pinned to the
servers' core, and drives both with keep-alive raw HTTP/1.1 clients (a POST with a JSON
body, the chunked answer read to its end) at each `--concurrency`, alternating which
goes first from round to round. A served chat turn's CPU is mostly the graph's and the
checkpoints', whose variance on a loaded machine hides a change of a few hundred
microseconds; here the whole request is HTTP, so such a change shows. Figures: server
CPU µs per request (psutil, user + system) and requests/s; medians over rounds, ratios
after ÷ before with the spread of the per-round ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from bench import procs
from bench.ap_before_after import TREES, Tree, _head, _python
from bench.procs import REPO, Server
from bench.stats import medians, ratio

RESULTS = Path(__file__).resolve().parent / "results"
APP = Path(__file__).resolve().parent / "http_path_app.py"
BODY = orjson.dumps({"message": "I spent 12 euros on diesel"})
REQUEST = (
    b"POST /api/v1/pam/chat/stream HTTP/1.1\r\nHost: bench\r\n"
    b"Content-Type: application/json\r\nAccept: text/event-stream\r\n"
    b"Authorization: Bearer bench\r\nContent-Length: " + str(len(BODY)).encode() + b"\r\n\r\n"
) + BODY
END = b"\r\n0\r\n\r\n"


async def _client(host: str, port: int, deadline: float, counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.monotonic() < deadline:
            writer.write(REQUEST)
            head = await reader.readuntil(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.1 200"):
                raise RuntimeError(head[:200].decode("latin-1"))
            await reader.readuntil(END)  # the chunked body's end
            counts[0] += 1
    finally:
        writer.close()


async def drive(server: Server, concurrency: int, seconds: float) -> dict[str, Any]:
    host, port = "127.0.0.1", int(server.url.rsplit(":", 1)[1])
    await _client(host, port, time.monotonic() + 0.5, [0])  # warm
    counts = [0]
    cpu_before = server.cpu_s()
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(*(_client(host, port, deadline, counts) for _ in range(concurrency)))
    elapsed = time.monotonic() - started
    cpu = server.cpu_s() - cpu_before
    return {
        "requests": counts[0],
        "requests_per_s": round(counts[0] / elapsed, 1),
        "server_cpu_us_per_request": round(cpu * 1e6 / counts[0], 1) if counts[0] else None,
    }


async def measure(
    servers: dict[Tree, Server], concurrencies: list[int], seconds: float, rounds: int, log: Any
) -> dict[str, Any]:
    raw: dict[str, dict[Tree, list[dict[str, Any]]]] = {}
    for r in range(rounds):
        order = TREES if r % 2 == 0 else TREES[::-1]
        for c in concurrencies:
            for tree in order:
                figures = await drive(servers[tree], c, seconds)
                raw.setdefault(f"c{c}", {}).setdefault(tree, []).append(figures)
                log(f"round {r + 1} c={c} {tree}: {figures}")
    rows: dict[str, Any] = {}
    for key, by_tree in raw.items():
        row: dict[str, Any] = {
            tree: medians(by_tree[tree], ("requests_per_s", "server_cpu_us_per_request"))
            for tree in TREES
        }
        for name in ("requests_per_s", "server_cpu_us_per_request"):
            row[f"{name}_after_over_before"] = ratio(row["after"][name], row["before"][name])
            pairs = [
                ratio(a[name], b[name])
                for a, b in zip(by_tree["after"], by_tree["before"], strict=True)
            ]
            kept = [p for p in pairs if p is not None]
            row[f"{name}_after_over_before_spread"] = [min(kept), max(kept)] if kept else None
        row["raw"] = by_tree
        rows[key] = row
    return rows


def markdown(out: dict[str, Any]) -> str:
    m, p = out["machine"], out["params"]
    lines = [
        f"# {out['title']}",
        "",
        f"`python -m bench.http_path`, {m['started']}: before = `{m['before_commit']}`, "
        f"after = `{m['after_commit']}`; {p['rounds']} rounds × {p['seconds']:g} s per row, "
        "the two servers alternating within each round, pinned to the same core, the "
        "clients on the other. Each request: a POST with a JSON body through PAM's "
        "middleware stack and HTTP protocol to a route shaped like the SSE chat route, "
        "answered with a scripted turn's frames (bench/http_path_app.py). Medians over "
        "rounds; ratios after ÷ before with the spread of the per-round ratios. Load "
        f"average {m['load_before']} before, {m['load_after']} after, {m['cpus']} CPUs.",
        "",
        "| clients | CPU µs/request before | after | after ÷ before "
        "| requests/s before | after | after ÷ before |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, row in out["rows"].items():
        b, a = row["before"], row["after"]
        cpu = row["server_cpu_us_per_request_after_over_before_spread"]
        rps = row["requests_per_s_after_over_before_spread"]
        lines.append(
            f"| {key[1:]} | {b['server_cpu_us_per_request']} | {a['server_cpu_us_per_request']} "
            f"| **{row['server_cpu_us_per_request_after_over_before']}** ({_span(cpu)}) "
            f"| {b['requests_per_s']} | {a['requests_per_s']} "
            f"| {row['requests_per_s_after_over_before']} ({_span(rps)}) |"
        )
    lines.append("")
    return "\n".join(lines)


def _span(spread: list[float] | None) -> str:
    return f"{spread[0]}–{spread[1]}" if spread else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", type=Path, required=True, help="worktree of before")
    parser.add_argument("--after", type=Path, default=REPO, help="worktree of after")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", default="16,64", help="comma-separated client counts")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--stem", default="http-path")
    parser.add_argument("--title", default="The SSE chat request's HTTP path, before and after")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="TREE:NAME=VALUE",
        help="an environment variable for one tree's server (before: or after:)",
    )
    args = parser.parse_args()
    trees: dict[Tree, Path] = {"before": args.baseline.resolve(), "after": args.after.resolve()}
    envs: dict[Tree, dict[str, str]] = {"before": {}, "after": {}}
    for item in args.env:
        tree, _, assignment = item.partition(":")
        name, _, value = assignment.partition("=")
        envs[tree][name] = value
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    started = time.monotonic()
    procs.pin_self(procs.cores()[1])

    def log(what: str) -> None:
        print(f"[http-path {time.monotonic() - started:5.0f}s] {what}", flush=True)

    out: dict[str, Any] = {
        "title": args.title,
        "machine": {
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "cpus": len(procs.ALL_CORES),
            "load_before": round(os.getloadavg()[0], 2),
            "before_commit": _head(trees["before"]),
            "after_commit": _head(trees["after"]),
        },
        "params": {
            "rounds": args.rounds,
            "seconds": args.seconds,
            "concurrency": concurrencies,
            "env": envs,
        },
    }
    with ExitStack() as stack:
        servers: dict[Tree, Server] = {}
        for tree in TREES:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            argv = [str(_python(trees[tree])), str(APP), "{port}"]
            env = {"ENVIRONMENT": "test", "PAM_JWT_SECRET": "x" * 32, **envs[tree]}
            servers[tree] = stack.enter_context(
                procs.process(f"http-{tree}", argv, env, "/health/live", tmp)
            )
        for server in servers.values():
            server.wait_ready()
        out["rows"] = asyncio.run(measure(servers, concurrencies, args.seconds, args.rounds, log))
    out["machine"]["load_after"] = round(os.getloadavg()[0], 2)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.stem}.json").write_bytes(orjson.dumps(out, option=orjson.OPT_INDENT_2))
    (args.out / f"{args.stem}.md").write_text(markdown(out))
    log(f"wrote {args.out / args.stem}.md and .json")


if __name__ == "__main__":
    main()
