"""Benchmark 3: time to first token, with a model whose first token takes 200 ms.

`pam serve` runs PAM_MODEL=python:tests.fakes:PacedBrain. A chit-chat message goes
router -> general, whose reply streams at the model's pace; the client times its request
to the first reply token. The ratio is that time over the model's own first-token time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench.clients import Client, make_client
from bench.load import closed_loop
from bench.procs import Server
from bench.stats import ratio, summary
from tests.fakes import FIRST_TOKEN_S

MESSAGE = "how are you?"
PROTOCOLS = ("sse", "ws", "ap")


def _maker(server: Server, protocol: str) -> Callable[[str], Client]:
    return lambda user: make_client(protocol, server, user)


async def ttft(
    server: Server, concurrencies: list[int], seconds: float, reps: int
) -> dict[str, Any]:
    model_ms = FIRST_TOKEN_S * 1000
    out: dict[str, Any] = {"model_first_token_ms": model_ms}
    for c in concurrencies:
        for protocol in PROTOCOLS:
            p50s, p99s, errors, busy = [], [], 0, []
            for _ in range(reps):
                run = await closed_loop(server, _maker(server, protocol), c, seconds, MESSAGE)
                figures = run.figures()
                errors += figures["errors"]
                if run.elapsed_s:
                    busy.append(run.server_cpu_s / run.elapsed_s)
                if figures["ttft_p50_ms"] is not None:
                    p50s.append(figures["ttft_p50_ms"])
                    p99s.append(figures["ttft_p99_ms"])
            p50, p99 = summary(p50s, 1), summary(p99s, 1)
            out[f"c{c}_{protocol}"] = {
                "ttft_p50_ms": p50["median"],
                "ttft_p50_ms_spread": [p50["min"], p50["max"]],
                "ttft_p99_ms": p99["median"],
                "overhead_p50_ms": None
                if p50["median"] is None
                else round(p50["median"] - model_ms, 1),
                "ratio_vs_model": ratio(p50["median"], model_ms, 3),
                # The server's CPU seconds per second: near 1, its one worker is saturated
                # and a new turn's first step queues behind the other turns' work.
                "server_cpu_busy": summary(busy, 2)["median"],
                "errors": errors,
            }
    return out
