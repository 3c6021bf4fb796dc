"""CPU-time sampling of this process: each sample is the running Python stack and the
LangGraph node whose task it runs in, weighted by the CPU time it stands for.

`SIGPROF` fires each time the process has used `interval_s` of CPU (`setitimer`'s
`ITIMER_PROF`: user and system time), so time spent waiting — for Postgres, or for a
core on a loaded machine — is never sampled, and the system time of a socket write is.
The handler weights its sample by the process CPU used since the previous one, so the
samples add up to the whole CPU the process used while sampling.

Why not the others: cProfile times with the wall clock by default (a turn's waits for
Postgres showed as the event loop's own time), and with a CPU clock its per-call
overhead inflates code of many small calls; py-spy samples every thread that is
runnable, so on a loaded machine it counts the time a thread waits for a core. This
sampler's bias: a signal that arrives while C code runs (uvloop's polling, libpq) is
handled at the next Python instruction, so that C code's CPU lands on the Python frame
that runs next — for I/O, the coroutine the event loop resumes.

The node comes from LangChain's config context variable, which LangGraph sets for each
task it runs: its checkpoint namespace without task ids (`router`, `wins`,
`wins|model`, `wins|tools`); "" outside any node.
"""

from __future__ import annotations

import signal
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from langchain_core.runnables.config import var_child_runnable_config

Frame = tuple[str, str]  # (file name, qualified function name)
Sample = tuple[str, tuple[Frame, ...]]  # (node path, stack from the root)


def node_path(config: Any) -> str:
    """`wins:<id>|tools:<id>` → `wins|tools`."""
    if not isinstance(config, dict):
        return ""
    ns = (config.get("configurable") or {}).get("checkpoint_ns") or ""
    return "|".join(part.split(":")[0] for part in str(ns).split("|")) if ns else ""


def stack(frame: FrameType | None) -> tuple[Frame, ...]:
    frames: list[Frame] = []
    while frame is not None:
        code = frame.f_code
        frames.append((code.co_filename, code.co_qualname))
        frame = frame.f_back
    return tuple(reversed(frames))


class CpuSampler:
    """`with sampler.sampling(): ...` adds that block's CPU to `samples` (seconds)."""

    def __init__(self, interval_s: float = 0.001) -> None:
        self.interval_s = interval_s
        self.samples: dict[Sample, float] = defaultdict(float)
        self._last = 0.0

    def _sample(self, signum: int, frame: FrameType | None) -> None:
        now = time.process_time()
        self.samples[(node_path(var_child_runnable_config.get()), stack(frame))] += now - self._last
        self._last = now

    @contextmanager
    def sampling(self) -> Iterator[None]:
        previous = signal.signal(signal.SIGPROF, self._sample)
        self._last = time.process_time()
        signal.setitimer(signal.ITIMER_PROF, self.interval_s, self.interval_s)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0, 0)
            signal.signal(signal.SIGPROF, previous)
            # The CPU since the last sample, where the block ended: the samples add up.
            self.samples[("", (("<after the last sample>", ""),))] += (
                time.process_time() - self._last
            )

    @property
    def total_s(self) -> float:
        return sum(self.samples.values())
