"""bench/results/latest.json and latest.md: every figure of one run, and the targets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson


def _n(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 10 else f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _spread(row: dict[str, Any], name: str) -> str:
    low, high = (row.get(f"{name}_spread") or [None, None])[:2]
    if low is None or low == high:
        return _n(row.get(name))
    return f"{_n(row.get(name))} ({_n(low)}–{_n(high)})"


ANCHORS = {
    "langgraph_dev": "langgraph dev, 10 jobs (SDK)",
    "langgraph_dev_default": "langgraph dev, default 1 job (SDK)",
    "runtime_pg": "stock Agent Server on Postgres (SDK)",
}


def _load_table(load: dict[str, Any]) -> list[str]:
    lines = [
        "| clients | server | turns/s (min–max) | p50 ms | p99 ms | errors | peak RSS MB "
        "| server CPU ms/turn | server's own ms/turn (× graph) "
        "| graph on the served thread ms/turn | server's own ms/turn (× graph on the thread) "
        "| ratio vs langgraph dev (min–max) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key in sorted(load, key=lambda k: int(k[1:])):
        for protocol, row in load[key].items():
            lg = protocol == "langgraph_dev"
            name = ANCHORS.get(protocol, f"PAM {protocol.upper()}")
            own = row.get("own_cpu_ms_per_turn")
            own_thread = row.get("own_on_thread_cpu_ms_per_turn")
            cells = [
                key[1:],
                name,
                _spread(row, "turns_per_s"),
                _spread(row, "p50_ms"),
                _spread(row, "p99_ms"),
                str(row.get("errors")),
                _n(row.get("peak_rss_mb")),
                _n(row.get("server_cpu_ms_per_turn")),
                "–" if own is None else f"{_n(own)} ({_n(row.get('own_vs_graph'))} ×)",
                _n(row.get("graph_on_thread_cpu_ms_per_turn")),
                "–"
                if own_thread is None
                else f"{_n(own_thread)} ({_n(row.get('own_vs_graph_on_thread'))} ×)",
                "1" if lg else _spread(row, "ratio_vs_langgraph_dev"),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def _dict_table(title: str, data: dict[str, Any]) -> list[str]:
    lines = [f"### {title}", "", "| figure | value |", "|---|---|"]
    for key, value in data.items():
        shown = orjson.dumps(value).decode() if isinstance(value, dict | list) else _n(value)
        lines.append(f"| {key} | {shown} |")
    return [*lines, ""]


def where_table(where: dict[str, Any]) -> list[str]:
    """Turn cost's `where`: each part of the graph in CPU ms per turn and share, the graph
    alone and with the server's checkpointer side by side; the same by whose code, and
    PAM's dearest functions."""
    kinds = [k for k in ("no_checkpointer", "postgres_checkpointer") if k in where]
    head = " | ".join(f"{k.replace('_', ' ')}: ms/turn (share)" for k in kinds)
    lines = [
        "### Where a turn's CPU goes",
        "",
        "CPU-time sampling (bench/cpu_sampler.py): every sample charged to one part, so the"
        " parts add up to the sampled total.",
        "",
        f"| part | {head} |",
        "|---|" + "---|" * len(kinds),
    ]
    heads = {
        "owners": "**by whose code**",
        "ours_hot": "**PAM's dearest functions (innermost of PAM's on the stack)**",
    }
    for view in ("parts", "owners", "ours_hot"):
        if view in heads:
            lines.append(f"| {heads[view]} |" + " |" * len(kinds))
        names = list(dict.fromkeys(n for k in kinds for n in where[k].get(view, {})))
        for name in names:
            cells = []
            for k in kinds:
                got = where[k].get(view, {}).get(name)
                cells.append("–" if got is None else f"{got['ms']:.2f} ({got['share']:.1%})")
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        if view == "parts":
            total = " | ".join(f"**{where[k]['cpu_ms_per_turn']:.2f}**" for k in kinds)
            trips = " | ".join(f"{where[k]['round_trips_per_turn']:.1f}" for k in kinds)
            lines += [
                f"| **sampled total** | {total} |",
                f"| round trips to Postgres per turn | {trips} |",
            ]
    return [*lines, ""]


def markdown(results: dict[str, Any]) -> str:
    lines = ["# PAM benchmarks (`make bench`)", ""]
    machine = results.get("machine", {})
    lines += [
        f"Run {machine.get('started')} on {machine.get('cpus')} CPUs, load average "
        f"{machine.get('load_before')} before and {machine.get('load_after')} after; "
        f"{results['params']['reps']} repetitions, medians with (min–max).",
        "",
    ]
    if results.get("server_load"):
        lines += ["## Server under load", "", *_load_table(results["server_load"]), ""]
        lines += [
            "Server's own ms/turn: server CPU per turn − the graph's own CPU per turn "
            "(turn cost, no checkpointer), and that over the graph's (the issue's "
            "definition: the graph on a fresh thread every turn). Beside it, the graph on "
            "the served thread: the graph alone (no checkpointer) on the load's thread shape,"
            " each turn given the state its thread's earlier turns left (turn cost's "
            "`served_thread`, by position on the thread, weighed as that run's threads were"
            " long), and the server's own share against that.",
            "",
        ]
    for name, reason in (results.get("skipped") or {}).items():
        lines += [f"Skipped {ANCHORS.get(name, name)}: {reason}", ""]
    ceiling = (results.get("derived") or {}).get("ceiling")
    if ceiling:
        lines += [
            "## Ceiling",
            "",
            "Both servers run the same graph, so a turn costs at least the graph's own CPU"
            " time; `max_ratio` is langgraph dev's CPU per turn over that: the turns/s ratio"
            " a server that spent nothing on HTTP, checkpoints and streaming would reach"
            " once the CPU is the limit.",
            "",
            *_dict_table("Ceiling", ceiling)[2:],
        ]
    for name in ("turn_cost", "floor", "ttft", "idle_ws", "long_thread", "soak"):
        if results.get(name):
            shown = {k: v for k, v in results[name].items() if k != "where"}
            lines += _dict_table(name.replace("_", " ").capitalize(), shown)
            if name == "turn_cost" and results[name].get("where"):
                lines += where_table(results[name]["where"])
    if results.get("targets"):
        lines += ["## Targets", "", "| target | measured | limit | met |", "|---|---|---|---|"]
        for t in results["targets"]:
            sign = "≤" if t["at_most"] else "≥"
            met = {True: "yes", False: "**no**", None: "–"}[t["met"]]
            lines.append(
                f"| {t['target']} | {_n(t['measured'])} | {sign} {_n(t['limit'])} | {met} |"
            )
    return "\n".join(lines) + "\n"


def write(results: dict[str, Any], directory: Path, stem: str = "latest") -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    json_path, md_path = directory / f"{stem}.json", directory / f"{stem}.md"
    json_path.write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2) + b"\n")
    md_path.write_text(markdown(results))
    return json_path, md_path
