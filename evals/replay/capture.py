"""The logging mode of the replay server: every request PAM sends, kept as sent.

`CapturingSource` wraps any `Source`: each request body (and the answer given) is kept
in order, tagged with whatever the caller set as `tag` (the bench sets the conversation
and turn), and, with `log`, appended to a JSON Lines file. `python -m evals.replay
--brain --log FILE` serves the offline brain this way.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from evals.replay.cassettes import Exchange
from evals.replay.normalise import Normalised
from evals.replay.sources import Source


@dataclass(frozen=True)
class Captured:
    tag: Any
    request: dict[str, Any]
    response: dict[str, Any]


class CapturingSource:
    def __init__(self, inner: Source, log: Path | None = None) -> None:
        self.inner = inner
        self.log = log
        self.tag: Any = None
        self.captured: list[Captured] = []

    def models(self) -> list[str]:
        return self.inner.models()

    async def exchange(self, body: dict[str, Any], norm: Normalised) -> Exchange:
        answer = await self.inner.exchange(body, norm)
        found = Captured(self.tag, copy.deepcopy(body), answer.response)
        self.captured.append(found)
        if self.log is not None:
            line = {"tag": self.tag, "request": body, "response": answer.response}
            with self.log.open("ab") as out:
                out.write(orjson.dumps(line, default=str) + b"\n")
        return answer

    def take(self) -> list[Captured]:
        """The requests captured since the last call."""
        found, self.captured = self.captured, []
        return found
