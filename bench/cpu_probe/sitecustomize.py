"""Loaded by a server started with this directory on PYTHONPATH (bench.served_cpu): the
CPU-time sampler of bench/cpu_sampler.py inside `pam serve`. SIGUSR1 starts sampling;
SIGUSR2 stops it and writes the samples (node path, stack, seconds) as JSON to
$PAM_CPU_PROBE. Time spent waiting (for Postgres, for a core) is never sampled."""

from __future__ import annotations

import json
import os
import signal
import sys

_path = os.environ.get("PAM_CPU_PROBE", "")
if _path:
    _interval = float(os.environ.get("PAM_CPU_PROBE_INTERVAL_S", "0.002"))
    _state: dict[str, object] = {}

    def _start(signum: int, frame: object) -> None:
        sys.path.insert(0, os.environ["PAM_CPU_PROBE_REPO"])
        from bench.cpu_sampler import CpuSampler

        sampler = CpuSampler(_interval)
        block = sampler.sampling()
        block.__enter__()
        _state["sampler"], _state["block"] = sampler, block

    def _stop(signum: int, frame: object) -> None:
        block = _state.pop("block", None)
        sampler = _state.pop("sampler", None)
        if block is None or sampler is None:
            return
        block.__exit__(None, None, None)  # type: ignore[attr-defined]
        rows = [
            [node, [list(f) for f in stack], seconds]
            for (node, stack), seconds in sampler.samples.items()  # type: ignore[attr-defined]
        ]
        tmp = f"{_path}.tmp"
        with open(tmp, "w") as sink:
            json.dump(rows, sink)
        os.replace(tmp, _path)

    signal.signal(signal.SIGUSR1, _start)
    signal.signal(signal.SIGUSR2, _stop)
