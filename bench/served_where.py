"""Where a served turn's CPU goes: py-spy on `pam serve` under load.

`python -m bench.served_where --concurrency 16 --seconds 25` starts `pam serve` from this
tree, or from the worktree `--tree` (its own Python environment), on its own fresh
database (offline brain, pinned to the server core as `make bench` does), warms it with
langgraph-sdk `runs.stream` clients (`stream_mode` values and messages-tuple, what
agent-chat-ui asks for), then samples the server with py-spy (`--nonblocking`, so the
server is never paused) while the same clients run for `--seconds`. Each sample is
charged to the first part whose frames it contains (the order of PARTS), so the parts
add up to the samples taken; a sample in none of them is "the event loop and the rest"
(mostly the graph's model and tool coroutines, which asyncio resumes without the frames
that started them). py-spy samples wall time of a running thread; on a shared machine a
thread waiting for its core is counted as running, so read the shares, not the
milliseconds.

`--path sse` or `--path ws` drives PAM's chat over SSE or the WebSocket instead
(bench.clients, as `make bench`); `--raw DIR` keeps py-spy's samples (one file per
concurrency) for a closer look than PARTS gives.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from bench.ap_before_after import pam_serve_from, prepare_with
from bench.clients import make_client
from bench.db import bench_database
from bench.load import closed_loop
from bench.procs import REPO
from bench.sdk_client import SdkClient

RESULTS = Path(__file__).resolve().parent / "results"
WARM_S = 5.0
RATE_HZ = 200

# (part, pattern over the sample's frames): the first match takes the sample.
PARTS: tuple[tuple[str, str], ...] = (
    ("server: the run's checkpoints written at its end", r"BatchedSaver\.write"),
    (
        "server: checkpoints recorded (LangGraph's aput/aput_writes, serialising)",
        r"BatchedSaver\.aput|_checkpointer_put_after_previous",
    ),
    ("server: checkpoint reads (the thread's latest at the run's start)", r"aget_tuple|\.alist"),
    (
        "graph: its nodes (router, model, tools, finish)",
        r"RunnableCallable\.ainvoke|arun_with_retry",
    ),
    (
        "server: `messages` mode (LangGraph's callback handler)",
        r"StreamMessagesHandler|callbacks/manager",
    ),
    ("graph: LangGraph's loop (steps, channels, its checkpoint bookkeeping)", r"pregel/"),
    ("server: run row insert and launch", r"insert_run|RunManager\._launch|RunManager\.start"),
    (
        "server: SSE (events to frames, JSON, the response's writes)",
        r"agent_protocol/sse|stream_parts|run_streams|StreamingResponse|wire_json|server/sse",
    ),
    ("server: chat (translation to chat events, turns)", r"server/chat/"),
    ("server: WebSocket (uvicorn's protocol, PAM's forwarder)", r"server/ws/|protocols/websockets"),
    ("server: threads (create, ownership)", r"create_thread|agent_protocol/threads|owned_thread"),
    ("server: auth", r"server/auth|TokenVerifier|agent_protocol/auth"),
    (
        "server: HTTP (uvicorn, middleware, routing)",
        r"uvicorn/protocols|starlette|fastapi|server/middleware",
    ),
    ("server: background jobs (procrastinate, relays)", r"procrastinate|server/jobs|relay"),
    ("server: the run task's own lines", r"server/runs/"),
)
REST = "the event loop and the rest"


def charge(samples: Path) -> tuple[Counter[str], int]:
    """Samples per part from py-spy's raw output (`frame;frame;... count` lines)."""
    parts: Counter[str] = Counter()
    total = 0
    compiled = [(name, re.compile(pattern)) for name, pattern in PARTS]
    for line in samples.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        name = next((name for name, pattern in compiled if pattern.search(stack)), REST)
        parts[name] += n
    return parts, total


def _py_spy() -> str:
    return str(Path(sys.executable).parent / "py-spy")


def _client(server: Any, path: str, user: str) -> Any:
    if path == "ap":
        return SdkClient(server, user, signed_in=True)
    return make_client(path, server, user)


async def _load(server: Any, concurrency: int, seconds: float, path: str) -> dict[str, Any]:
    run = await closed_loop(server, lambda user: _client(server, path, user), concurrency, seconds)
    return run.figures()


def measure(
    tree: Path, concurrency: int, seconds: float, path: str = "ap", keep: Path | None = None
) -> dict[str, Any]:
    with (
        bench_database() as url,
        tempfile.TemporaryDirectory(prefix="pam-where-") as tmp,
    ):
        prepare_with(tree, url)
        with pam_serve_from(tree, "after", url) as server:
            server.wait_ready()
            asyncio.run(_load(server, concurrency, WARM_S, path))
            raw = Path(tmp) / "samples.txt"
            argv = [_py_spy(), "record", "--pid", str(server.process.pid), "--format", "raw"]
            argv += ["--output", str(raw), "--duration", str(int(seconds))]
            argv += ["--rate", str(RATE_HZ), "--nonblocking"]
            spy = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
            figures = asyncio.run(_load(server, concurrency, seconds, path))
            spy.wait()
            parts, total = charge(raw)
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                (keep / f"{path}-c{concurrency}.txt").write_bytes(raw.read_bytes())
    return {
        "concurrency": concurrency,
        "figures": figures,
        "samples": total,
        "shares": {name: round(n / total, 4) for name, n in parts.most_common()} if total else {},
    }


CLIENTS = {
    "ap": "langgraph-sdk clients stream turns (`values` + `messages-tuple`)",
    "sse": "PAM's chat clients stream turns over SSE",
    "ws": "PAM's chat clients stream turns over the WebSocket",
}


def markdown(out: dict[str, Any]) -> str:
    path = out.get("path", "ap")
    title = {"ap": "Agent Protocol", "sse": "SSE chat", "ws": "WebSocket chat"}[path]
    lines = [
        f"# Where a served {title} turn's CPU goes",
        "",
        f"`python -m bench.served_where`, {out['started']}, commit `{out['commit']}`: "
        "py-spy on `pam serve` (one worker, offline brain, its own database) while "
        f"{CLIENTS[path]}. Each sample "
        "is charged to the first part it contains (bench/served_where.py PARTS); shares "
        "of the samples taken.",
        "",
    ]
    runs = out["runs"]
    header = "| part | " + " | ".join(f"{r['concurrency']} clients" for r in runs) + " |"
    lines += [header, "|---" * (len(runs) + 1) + "|"]
    names = list(dict.fromkeys(name for r in runs for name in r["shares"]))
    for name in names:
        cells = " | ".join(f"{100 * r['shares'].get(name, 0):.1f} %" for r in runs)
        lines.append(f"| {name} | {cells} |")
    lines.append(
        "| samples; server CPU ms/turn | "
        + " | ".join(f"{r['samples']}; {r['figures']['server_cpu_ms_per_turn']}" for r in runs)
        + " |"
    )
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", default="16,64", help="comma-separated client counts")
    parser.add_argument("--seconds", type=float, default=25.0)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--stem", default="served-where")
    parser.add_argument("--tree", type=Path, default=REPO, help="worktree whose server runs")
    parser.add_argument("--path", choices=tuple(CLIENTS), default="ap", help="protocol driven")
    parser.add_argument("--raw", type=Path, default=None, help="keep py-spy's samples here")
    args = parser.parse_args()
    commit = subprocess.run(  # noqa: S603 - our own argv
        ["git", "-C", str(args.tree), "rev-parse", "--short", "HEAD"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    out: dict[str, Any] = {"started": datetime.now(UTC).isoformat(timespec="seconds")}
    out["commit"] = commit
    out["path"] = args.path
    out["runs"] = [
        measure(args.tree, int(c), args.seconds, args.path, args.raw)
        for c in args.concurrency.split(",")
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.stem}.json").write_bytes(orjson.dumps(out, option=orjson.OPT_INDENT_2))
    (args.out / f"{args.stem}.md").write_text(markdown(out))
    print(markdown(out))


if __name__ == "__main__":
    main()
