"""What `python -m evals` writes: the --json document, the --report file, and a console summary."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from evals.metrics import document
from evals.report import render
from evals.results import SuiteResult


def publish(suite: SuiteResult, json_path: Path | None, report: Path | None) -> float:
    """Write the outputs asked for, print failures and figures; return the pass rate."""
    doc = document(suite)
    if json_path:
        json_path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    if report:
        report.write_text(render(suite), encoding="utf-8")
    s = doc["summary"]
    for entry in doc["conversations"]:
        for failure in entry["failures"]:
            typer.echo(f"FAIL {entry['id']}: {failure}")
    for note in suite.notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(
        f"{s['passed']}/{s['conversations']} conversations passed"
        f" (rate {s['conversation_pass_rate']:.3f}); {s['turns']} turns;"
        f" route {s['route_accuracy']}, tools {s['tool_accuracy']}, args {s['args_accuracy']};"
        f" p50 {s['turn_latency_ms']['p50']} ms, p95 {s['turn_latency_ms']['p95']} ms"
    )
    rate: float = s["conversation_pass_rate"]
    return rate
