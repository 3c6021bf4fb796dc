"""Percentiles of one measurement, and the median and spread of its repetitions."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: Sequence[float], digits: int = 2) -> dict[str, Any]:
    """Median of the repetitions, with the lowest and highest as the spread."""
    if not values:
        return {"median": None, "min": None, "max": None, "reps": 0}
    return {
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "reps": len(values),
    }


def ratio(numerator: float | None, denominator: float | None, digits: int = 2) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, digits)


def medians(reps: Sequence[dict[str, Any]], names: Sequence[str]) -> dict[str, Any]:
    """Each figure's median over the repetitions that have it, and its spread as
    `<name>_spread`: [lowest, highest]."""
    out: dict[str, Any] = {}
    for name in names:
        spread = summary([r[name] for r in reps if r.get(name) is not None])
        out[name] = spread["median"]
        out[f"{name}_spread"] = [spread["min"], spread["max"]]
    return out


def aggregate_runs(reps: Sequence[dict[str, Any]], names: Sequence[str]) -> dict[str, Any]:
    """A load run's repetitions: each figure's median and spread, and every error and turn
    counted (summed, not the median)."""
    return medians(reps, names) | {
        "errors": sum(r["errors"] for r in reps),
        "turns": sum(r["turns"] for r in reps),
    }
