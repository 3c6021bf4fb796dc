"""A model server for real `pam serve` processes: PAM's offline brain over the OpenAI
wire format (PAM_MODEL=openai:..., OPENAI_BASE_URL), whose plain-text replies wait
while the test holds its gate closed — so a test can act while a turn is provably
mid-run (after its routing and tool calls, before its reply)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from evals.replay.brain import BrainUpstream
from evals.replay.cassettes import Exchange
from evals.replay.normalise import Normalised
from evals.replay.sources import LiveSource

MODEL = "openai:pam-brain"
SAID = "On it."


class GatedBrain:
    def __init__(self) -> None:
        self._live = LiveSource(BrainUpstream())
        self.gate = threading.Event()
        self.gate.set()
        self.holding = threading.Event()  # a reply is waiting at the closed gate

    def close(self) -> None:
        self.holding.clear()
        self.gate.clear()

    def open(self) -> None:
        self.gate.set()

    async def exchange(self, body: dict[str, Any], norm: Normalised) -> Exchange:
        exchange = await self._live.exchange(body, norm)
        message = exchange.response["choices"][0]["message"]
        if message.get("tool_calls"):
            # Said beside its calls, as real models often do: the turn then asks the model
            # for its reply after the tools ran (not the writes' summaries), and that
            # reply is what the gate holds.
            message["content"] = message.get("content") or SAID
            if exchange.chunks:
                first = exchange.chunks[0]["choices"][0]["delta"]
                first["content"] = first.get("content") or SAID
        else:
            while not self.gate.is_set():
                self.holding.set()
                await asyncio.sleep(0.02)
        return exchange

    def models(self) -> list[str]:
        return self._live.models()
