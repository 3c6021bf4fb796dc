"""Served turns' CPU by part, side by side: the samples `bench.served_cpu --raw FILE` kept,
each charged to one part of a turn (a graph node, or outside every node the first of the
server's parts found on its stack), in CPU ms per turn, one column per file and the last
column minus the first.

    python -m bench.served_cpu --path sse --concurrency 16 --raw c16.json
    python -m bench.served_cpu --path sse --concurrency 1 --warm 40 --raw c1.json
    python -m bench.served_parts c16.json c1.json

What a one-client turn costs beyond a sixteen-client one, part by part (issue 19, eleventh
round: bench/README.md). Warm a one-client run past the benchmark message's 90 variants
(`--warm`), or the brain's per-text caches miss on every turn and the router's part
shows that rather than the server's.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

# (a frame's "file:function" contains this, the part it is charged to), first match wins:
# the server's own steps before the libraries' loops that run them.
PARTS: tuple[tuple[str, str], ...] = (
    ("insert_run", "run row insert"),
    ("aget_tuple", "checkpoint read"),
    ("RunBatch.flush", "checkpoint write (end of run)"),
    ("BatchedSaver.aput", "checkpoint recording (per step)"),
    ("with_heartbeats", "SSE heartbeats and frame queue"),
    ("EventStream", "SSE response writes"),
    ("ClosingStream", "SSE response writes"),
    ("run_asgi", "HTTP request: middleware, routing, auth, start of the run"),
    ("httptools_impl", "HTTP protocol"),
    ("http_protocol", "HTTP protocol"),
    ("websockets_impl", "WebSocket protocol"),
    ("_every", "background jobs"),
    ("Worker._run_loop", "background jobs"),
    ("FlagService", "background: flag listener"),
    ("pool_async", "connection pool upkeep"),
    ("graph_stream", "LangGraph's loop under astream"),
    ("_execute", "the run's task, other"),
    ("pregel/", "LangGraph's tasks"),
)
LOOP_DEPTH = 18  # a stack no deeper than `pam serve`'s own frames: the event loop's work


def part(node: str, stack: list[list[str]]) -> str:
    if node:
        return f"graph node {node.split('|')[0]}"
    frames = [f"{path}:{name}" for path, name in stack]
    for needle, name in PARTS:
        if any(needle in frame for frame in frames):
            return name
    if len(frames) <= LOOP_DEPTH:
        return "event loop and callbacks"
    return "other"


def parts(raw: dict[str, Any]) -> dict[str, float]:
    per_turn = 1000.0 / raw["turns"]
    out: dict[str, float] = defaultdict(float)
    for node, stack, seconds in raw["rows"]:
        out[part(node, stack)] += seconds * per_turn
    return out


def table(files: list[Path]) -> str:
    columns = [parts(json.loads(f.read_text())) for f in files]
    largest = {n: max(c.get(n, 0.0) for c in columns) for c in columns for n in c}
    names = sorted(largest, key=lambda n: -largest[n])
    head = " | ".join(f.name for f in files)
    lines = [f"| part | {head} | last − first |", "|---" * (len(files) + 2) + "|"]
    for name in names:
        values = [c.get(name, 0.0) for c in columns]
        cells = " | ".join(f"{v:.2f}" for v in values)
        lines.append(f"| {name} | {cells} | {values[-1] - values[0]:+.2f} |")
    totals = [sum(c.values()) for c in columns]
    cells = " | ".join(f"**{t:.2f}**" for t in totals)
    lines.append(f"| **total** | {cells} | {totals[-1] - totals[0]:+.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("raw", nargs="+", type=Path, help="files of bench.served_cpu --raw")
    print(table(parser.parse_args().raw))


if __name__ == "__main__":
    main()
