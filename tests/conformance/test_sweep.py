"""The SDK sweep (sweep.py, sweep_calls.py) as conformance cases: one per call.

The sweep runs once per session against both servers; each call's case then passes when
PAM answered with langgraph dev's outcome and shape, when the difference is deliberate
(sweep_calls.DELIBERATE), or when only langgraph dev refused. A difference still left is
in sweep_calls.LEFT with the reason, as a strict xfail: fixing it makes the case pass
and the xfail fail, so the entry must go.
"""

from __future__ import annotations

import asyncio

import pytest

from tests.conformance.sides import Side
from tests.conformance.sweep import Result, shape_differences, sweep, table
from tests.conformance.sweep_calls import CALLS, DELIBERATE, LEFT, SOLO


@pytest.fixture(scope="session")
def sweep_results(sides: tuple[Side, Side]) -> dict[str, Result]:
    results = asyncio.run(sweep(sides, CALLS, DELIBERATE, SOLO))
    print("\n" + table(results, LEFT))  # shown with -s; the suite's own table has the areas
    return {r.call: r for r in results}


def _case(name: str) -> object:
    area = name.split(".", 1)[0]
    marks = [pytest.mark.row(f"SDK sweep: `{area}.*`, every method and main option")]
    if name in LEFT:
        marks.append(pytest.mark.xfail(reason=LEFT[name], strict=True))
    return pytest.param(name, marks=marks, id=name)


@pytest.mark.timeout(600)
@pytest.mark.parametrize("name", [_case(n) for n in CALLS])
def test_sdk_call(sweep_results: dict[str, Result], name: str) -> None:
    result = sweep_results[name]
    assert result.verdict != "differs", (
        f"langgraph dev: {result.reference.status} {result.reference.message}\n"
        f"pam serve: {result.pam.status} {result.pam.message}\n"
        f"shape: {shape_differences(result)}"
    )
