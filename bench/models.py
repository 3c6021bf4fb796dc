"""Benchmark chat models, selected with PAM_MODEL=python:bench.models:<Class>
(agent/model.py imports any chat model by path).

`PacedBrain` is the offline brain whose text replies stream at a fixed pace: the first
token FIRST_TOKEN_S after the call starts, then one token every TOKEN_INTERVAL_S. Tool
calls (the router's, a domain agent's) come at once, as from a fast tool-calling model.
Time to first token is then "the server's first token minus the model's own 200 ms".
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from agent.brain import OfflineBrain
from agent.brain.streaming import chunks

FIRST_TOKEN_S = 0.2
TOKEN_INTERVAL_S = 0.02


class PacedBrain(OfflineBrain):
    first_token_s: float = FIRST_TOKEN_S
    token_interval_s: float = TOKEN_INTERVAL_S

    @property
    def _llm_type(self) -> str:
        return "pam-bench-paced"

    def _paced(self, message: AIMessage) -> bool:
        return bool(message.text) and not message.tool_calls

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        message = self.answer(messages, kwargs.get("tools"))
        if self._paced(message):
            pieces = len(chunks(message))
            await asyncio.sleep(self.first_token_s + self.token_interval_s * (pieces - 1))
        return ChatResult(generations=[ChatGeneration(message=message)])

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        message = self.answer(messages, kwargs.get("tools"))
        paced = self._paced(message)
        for i, piece in enumerate(chunks(message)):
            if paced:
                await asyncio.sleep(self.first_token_s if i == 0 else self.token_interval_s)
            chunk = ChatGenerationChunk(message=piece)
            if run_manager:
                await run_manager.on_llm_new_token(str(piece.content), chunk=chunk)
            yield chunk
