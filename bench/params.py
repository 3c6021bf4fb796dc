"""How big a benchmark run is: the full run (`make bench`) and the smoke run (tests)."""

from __future__ import annotations

from dataclasses import dataclass, field

BENCHMARKS = ("turn_cost", "floor", "server_load", "ttft", "idle_ws", "long_thread", "soak")


@dataclass(frozen=True)
class Params:
    reps: int = 3
    seconds: float = 10.0  # per load measurement
    concurrencies: list[int] = field(default_factory=lambda: [1, 16, 64])
    ttft_concurrencies: list[int] = field(default_factory=lambda: [1, 64])
    ttft_seconds: float = 8.0
    turn_cost_turns: int = 200
    floor_seconds: float = 5.0
    idle_sockets: int = 1000
    long_marks: list[int] = field(default_factory=lambda: [10, 100, 300, 1000])
    long_threads: int = 3
    soak_turns: int = 10_000
    soak_concurrency: int = 16
    # Memory figures (idle sockets, soak) want a server of their own; the smoke run
    # shares one, started in parallel with the others, to stay short.
    fresh_servers: bool = True
    settle_s: float = 2.0  # before reading memory
    only: tuple[str, ...] = BENCHMARKS
    # The stock Agent Server on Postgres as an anchor (a venv of its own, installed on
    # first use: a minute or more, too long for the smoke run).
    runtime_pg: bool = True


FULL = Params()
SMOKE = Params(
    reps=1,
    runtime_pg=False,
    seconds=1.5,  # `langgraph dev` answers a first turn in about a second
    concurrencies=[1, 2],
    ttft_concurrencies=[1],
    ttft_seconds=1.0,
    turn_cost_turns=3,
    floor_seconds=0.5,
    idle_sockets=20,
    long_marks=[2, 4],
    long_threads=1,
    soak_turns=12,
    soak_concurrency=3,
    fresh_servers=False,
    settle_s=0.2,
)
