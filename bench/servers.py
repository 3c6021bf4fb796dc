"""The servers one benchmark run needs, started on first use and stopped at its end."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from bench import launch, procs
from bench.params import Params
from bench.runtime_pg import runtime_pg


class Servers:
    """The servers a run needs: started when first asked for (several at once in parallel),
    or, with `fresh_servers`, a new `pam serve` for each memory benchmark."""

    def __init__(self, url: str, p: Params, stack: ExitStack) -> None:
        self.url, self.p, self.stack = url, p, stack
        self.started: dict[str, procs.Server] = {}

    def get(self, *names: str) -> list[procs.Server]:
        starting = {
            n: self.stack.enter_context(self._start(n)) for n in names if n not in self.started
        }
        for name, server in starting.items():
            self.started[name] = server.wait_ready()
        return [self.started[n] for n in names]

    def _start(self, name: str) -> Any:
        if name == "pam":
            return launch.pam_serve(self.url)
        if name == "paced":
            return launch.pam_serve(self.url, model="python:tests.fakes:PacedBrain")
        if name == "langgraph_dev":
            return launch.langgraph_dev(self.url)
        if name == "langgraph_dev_default":
            return launch.langgraph_dev(self.url, jobs_per_worker=None)
        if name == "runtime_pg":
            return runtime_pg(self.url)
        return launch.floor_server()

    @contextmanager
    def memory(self) -> Iterator[procs.Server]:
        """A server for a memory figure: its own unless the run shares servers."""
        if not self.p.fresh_servers:
            yield self.get("pam")[0]
            return
        with launch.pam_serve(self.url) as pam:
            yield pam.wait_ready()
