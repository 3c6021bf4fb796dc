"""The SDK sweep: every public call of the installed langgraph-sdk, with its main options,
against `langgraph dev` and `pam serve`, recording what each answered.

Where the other conformance cases compare a scripted client's whole answers, the sweep
is a yardstick of breadth: for each call (sweep_calls.py) it records, per side, the
outcome (`ok` or the SDK's exception class with its HTTP status) and the shape of the
answer (keys and value types, lists element by element), and whether the values agree
after normalise.py. A call is `same` when outcome and shape agree, `deliberate` when
sweep_calls.DELIBERATE names it with PAM's reason, and otherwise `differs`.

Run it alone against two running servers, or let it start both:

    python -m tests.conformance.sweep                      # starts both, prints the table
    python -m tests.conformance.sweep --reference URL --pam URL

`test_sweep.py` runs it in the conformance suite and fails on any `differs`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from tests.conformance.differences import IGNORED_KEYS, SERVER_METADATA
from tests.conformance.normalise import normalise
from tests.conformance.sides import Caller, Side

Verdict = Literal["same", "differs", "deliberate", "reference refuses"]
VERDICTS: tuple[Verdict, ...] = ("same", "deliberate", "reference refuses", "differs")
CallScript = Callable[[Caller], Awaitable[Any]]
# Calls in flight at once per side: the sweep's ~150 calls, many of which run a turn.
CONCURRENCY = 6


@dataclass(frozen=True)
class Outcome:
    """What one side answered: `ok`, or the exception class and HTTP status."""

    status: str
    shape: Any
    value: Any
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class Result:
    call: str
    reference: Outcome
    pam: Outcome
    deliberate: str | None

    @property
    def verdict(self) -> Verdict:
        if self.reference.status == self.pam.status and _agree(
            self.reference.shape, self.pam.shape
        ):
            return "same"
        if self.deliberate:
            return "deliberate"
        if self.pam.ok and not self.reference.ok:
            return "reference refuses"
        return "differs"

    @property
    def values_agree(self) -> bool:
        return bool(self.reference.value == self.pam.value)


def shape(value: Any) -> Any:
    """Keys and types, recursively; lists element by element (their length counts). A
    thread's server-set metadata is left out (differences.py, "thread server metadata"),
    and so is a run's (the run's and its config's), which it inherits from its thread."""
    if isinstance(value, dict):
        owner = "thread_id" in value or "configurable" in value
        if owner and isinstance(value.get("metadata"), dict):
            metadata = {k: v for k, v in value["metadata"].items() if k not in SERVER_METADATA}
            value = {**value, "metadata": metadata}
        return {str(k): shape(v) for k, v in value.items() if k not in IGNORED_KEYS}
    if isinstance(value, list | tuple):
        return [shape(v) for v in value]
    if value is None:
        return "null"
    return type(value).__name__


EMPTY: tuple[Any, ...] = ("null", {}, [])


def _agree(a: Any, b: Any) -> bool:
    """Equal shapes, where `null` agrees with any type and a key one side leaves out
    agrees with the other's null or empty value (optional fields, filled or not)."""
    if a == "null" or b == "null":
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        only = [a[k] for k in a.keys() - b.keys()] + [b[k] for k in b.keys() - a.keys()]
        shared = a.keys() & b.keys()
        return all(v in EMPTY for v in only) and all(_agree(a[k], b[k]) for k in shared)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_agree(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _status(error: BaseException) -> str:
    code = getattr(error, "status_code", None)
    if code is None:
        response = getattr(error, "response", None)
        code = getattr(response, "status_code", None)
    return f"{type(error).__name__} {code}" if code else type(error).__name__


def _message(error: BaseException) -> str:
    response = getattr(error, "response", None)
    text = ""
    if response is not None:
        try:
            text = response.text
        except Exception:  # a streamed response that was not read
            text = ""
    return (text or str(error)).replace("\n", " ")[:200]


async def outcome(caller: Caller, script: CallScript) -> Outcome:
    try:
        value = await asyncio.wait_for(script(caller), timeout=60)
    except Exception as error:
        return Outcome(_status(error), None, None, _message(error))
    return Outcome("ok", shape(normalise(value)), normalise(value))


async def sweep(
    sides: tuple[Side, Side],
    calls: dict[str, CallScript],
    deliberate: dict[str, str],
    solo: frozenset[str] = frozenset(),
) -> list[Result]:
    """Every call on both sides, each for a fresh user of its own, a few at a time; the
    `solo` ones after the rest, one at a time."""
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(name: str, script: CallScript) -> Result:
        found = []
        async with gate:
            for side in sides:
                async with side.client() as caller:
                    found.append(await outcome(caller, script))
        return Result(name, found[0], found[1], deliberate.get(name))

    together = [one(n, s) for n, s in calls.items() if n not in solo]
    results = {r.call: r for r in await asyncio.gather(*together)}
    for name in solo & set(calls):
        results[name] = await one(name, calls[name])
    return [results[name] for name in calls]


def _cell(found: Outcome) -> str:
    return found.status if found.ok else f"{found.status}: {found.message[:90]}"


def table(results: list[Result], left: dict[str, str] | None = None) -> str:
    """The calls as a markdown table; a difference named in `left` says it is known."""
    lines = [
        "| call | langgraph dev | pam serve | verdict |",
        "|---|---|---|---|",
    ]
    for r in results:
        verdict: str = r.verdict
        if verdict == "same" and r.reference.ok and not r.values_agree:
            verdict = "same (values differ)"
        if verdict == "deliberate":
            verdict = f"deliberate: {r.deliberate}"
        if verdict == "differs" and r.call in (left or {}):
            verdict = "differs (left, see sweep_calls.LEFT)"
        cells = [r.call, _cell(r.reference), _cell(r.pam), verdict]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    counts = {v: sum(r.verdict == v for r in results) for v in VERDICTS}
    lines.append(f"\n{len(results)} calls: " + ", ".join(f"{n} {v}" for v, n in counts.items()))
    return "\n".join(lines)


def shape_differences(result: Result) -> str:
    """Where the two shapes part, as key paths (for a failing test's message)."""
    out: list[str] = []

    def walk(a: Any, b: Any, path: str) -> None:
        if isinstance(a, dict) and isinstance(b, dict):
            for key in sorted(set(a) | set(b)):
                if key not in b and a[key] not in EMPTY:
                    out.append(f"{path}.{key}: only langgraph dev")
                elif key not in a and b[key] not in EMPTY:
                    out.append(f"{path}.{key}: only pam")
                elif key not in a or key not in b:
                    continue
                else:
                    walk(a[key], b[key], f"{path}.{key}")
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                walk(x, y, f"{path}[{i}]")
        elif not _agree(a, b):
            out.append(f"{path}: {str(a)[:80]} vs {str(b)[:80]}")

    walk(result.reference.shape, result.pam.shape, "")
    return "; ".join(out[:12])


@contextmanager
def _started_sides() -> Iterator[tuple[Side, Side]]:
    from bench.launch import langgraph_dev, pam_serve
    from bench.procs import REPO
    from tests.servers import scratch_database
    from tools.db.migrate import migrate

    brain = "python:tests.fakes:PacedBrain"
    server_url = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    with ExitStack() as stack:
        url = stack.enter_context(scratch_database(server_url, "pam_sweep"))
        asyncio.run(migrate(url))
        reference = stack.enter_context(
            langgraph_dev(url, brain, extra_env={"PYTHONPATH": str(REPO)})
        )
        pam = stack.enter_context(pam_serve(url, brain))
        reference.wait_ready(timeout_s=120)
        pam.wait_ready(timeout_s=120)
        yield Side("reference", reference.url), Side("pam", pam.url)


def main(argv: list[str] | None = None) -> int:
    from tests.conformance.sweep_calls import CALLS, DELIBERATE, LEFT, SOLO

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", help="a running `langgraph dev`'s URL")
    parser.add_argument("--pam", help="a running `pam serve`'s URL (bench.launch's JWT secret)")
    parser.add_argument("-k", default="", help="only calls whose name contains this")
    args = parser.parse_args(argv)
    calls = {n: s for n, s in CALLS.items() if args.k in n}

    def report(sides: tuple[Side, Side]) -> list[Result]:
        results = asyncio.run(sweep(sides, calls, DELIBERATE, SOLO))
        print(table(results, LEFT))
        for r in results:
            if r.verdict == "differs" and r.reference.ok and r.pam.ok:
                print(f"- {r.call}: {shape_differences(r)}")
        return results

    if args.reference and args.pam:
        results = report((Side("reference", args.reference), Side("pam", args.pam)))
    else:
        with _started_sides() as sides:
            results = report(sides)
    return 1 if any(r.verdict == "differs" and r.call not in LEFT for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
