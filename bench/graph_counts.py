"""What a write turn does, counted rather than timed, in several trees side by side
(issue 19, eighth round): on a machine whose load moves CPU figures by ±25 % from
minute to minute, a count that does not move shows what a change removed.

    python -m bench.graph_counts --tree main=/work/wt/main --tree branch=. [--turns 20]

Each tree (a checkout; this tree's Python runs it there, as `bench.graph_steps` does)
runs the offline brain's write turn (router → wins → add_expense → reply) with no
checkpointer, with the server's Postgres checkpointer at LangGraph's default durability
(`async`, an Agent Protocol run's) and at the chat's (`exit`), and reports per turn:
Python function calls (cProfile's count, coroutine resumptions included) and, with the
checkpointer, the rows the turn added to the checkpoint tables and its blobs' bytes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import uvloop

from bench.db import bench_database, prepare

RESULTS = Path(__file__).resolve().parent / "results"

# Run in the tree's directory (`python -c` puts it first on the path): it imports only
# what every tree since issue 19 began has.
PROBE = """
import cProfile, pstats, sys, uuid, json
import psycopg, uvloop
from agent.brain import OfflineBrain
from agent.context import Context
from bench.clients import MESSAGE, varied
from graph import build_graph
from tools.db.checkpoint_batch import BatchedSaver, run_batch
from tools.db.pool import open_pool

URL, TURNS = sys.argv[1], int(sys.argv[2])
TABLES = ("checkpoints", "checkpoint_blobs", "checkpoint_writes")

def rows():
    with psycopg.connect(URL) as conn:
        counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES]
        size = conn.execute("SELECT coalesce(sum(length(blob)), 0) FROM checkpoint_blobs")
        return [*counts, size.fetchone()[0]]

async def turns(graph, ctx, n, durability):
    options = {"durability": durability} if durability else {}
    for i in range(n):
        thread_id = str(uuid.uuid4())
        async with run_batch(graph.checkpointer, thread_id):
            out = await graph.ainvoke(
                {"messages": [("user", varied(MESSAGE, i))]},
                {"configurable": {"thread_id": thread_id}}, context=ctx, **options)
        assert out["reply"]

async def main():
    pool = await open_pool(URL, min_size=2, max_size=4)
    ctx = Context(user_id=str(uuid.uuid4()), pool=pool)
    out = {}
    for name, saver, durability in (
        ("alone", None, None), ("agent_protocol", BatchedSaver(pool), "async"),
        ("chat", BatchedSaver(pool), "exit"),
    ):
        graph = build_graph(saver, model=OfflineBrain())
        await turns(graph, ctx, 5, durability)
        before = rows()
        profile = cProfile.Profile()
        profile.enable()
        await turns(graph, ctx, TURNS, durability)
        profile.disable()
        after = rows()
        figures = {"calls": round(pstats.Stats(profile).total_calls / TURNS)}
        if saver is not None:
            keys = ("checkpoints", "blobs", "writes", "blob_bytes")
            figures |= {k: (a - b) / TURNS for k, a, b in zip(keys, after, before)}
        out[name] = figures
    await pool.close()
    print(json.dumps(out))

uvloop.run(main())
"""


def count(tree: Path, url: str, turns: int) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603 - our own argv
        [sys.executable, "-c", PROBE, url, str(turns)],
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, Any] = orjson.loads(done.stdout.strip().splitlines()[-1])
    return figures


def markdown(results: dict[str, dict[str, Any]], turns: int) -> str:
    lines = [
        "# A write turn, counted",
        "",
        f"`python -m bench.graph_counts`: {turns} turns a tree after 5 warm-up turns, the"
        " offline brain's write turn; per turn.",
        "",
        "| tree | Python calls: graph alone | with checkpointer, chat (`exit`) |"
        " Agent Protocol's default (`async`) | checkpoints (`async`) | blobs | blob bytes |"
        " pending writes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        ap = r["agent_protocol"]
        lines.append(
            f"| {name} | {r['alone']['calls']} | {r['chat']['calls']} | {ap['calls']} |"
            f" {ap['checkpoints']:g} | {ap['blobs']:g} | {ap['blob_bytes']:.0f} |"
            f" {ap['writes']:g} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", action="append", required=True, help="NAME=PATH, in order")
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--stem", default="graph-counts")
    args = parser.parse_args()
    trees = [(n, Path(p).resolve()) for n, _, p in (t.partition("=") for t in args.tree)]
    results: dict[str, dict[str, Any]] = {}
    with bench_database() as url:
        uvloop.run(prepare(url))
        for name, tree in trees:
            results[name] = count(tree, url, args.turns)
    RESULTS.mkdir(exist_ok=True)
    text = markdown(results, args.turns)
    (RESULTS / f"{args.stem}.md").write_text(text)
    (RESULTS / f"{args.stem}.json").write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2))
    print(text)


if __name__ == "__main__":
    main()
