"""Fake chat models for tests and benchmarks about the graph or the server rather than the
model: routing, tools, approvals and streaming run for real around them.

- `ScriptedChatModel` answers from a queue, in order; with `loop=True` the script repeats
  forever (benchmarks drive thousands of identical turns).
- `PacedBrain` (selected with PAM_MODEL=python:tests.fakes:PacedBrain; agent/model.py
  imports any chat model by path) is the offline brain whose text replies stream at a
  fixed pace, word by word (`word_chunks`; the brain itself hands over its reply in one
  chunk): the first token FIRST_TOKEN_S after the call starts, then one token every
  TOKEN_INTERVAL_S. Tool calls (the router's, a domain agent's) come at once, as from a
  fast tool-calling model. Time to first token is then "the server's first token minus
  the model's own 200 ms".
  A user message containing HOLD is answered only after HOLD_S more: the turn is then
  provably still running when a test's next call comes (a cancel, a second run on the
  busy thread), however long the machine stalls the client between the two.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable
from pydantic import Field

from agent.brain import OfflineBrain
from agent.brain.streaming import chunks

Step = AIMessage | Exception | Callable[[list[BaseMessage]], AIMessage]


def route(*domains: str) -> AIMessage:
    return AIMessage(
        "", tool_calls=[{"name": "route_request", "args": {"domains": list(domains)}, "id": "r"}]
    )


def call(tool: str, call_id: str = "c1", /, **args: Any) -> AIMessage:
    return AIMessage("", tool_calls=[{"name": tool, "args": args, "id": call_id}])


class ScriptedChatModel(BaseChatModel):
    """Each call takes the next step: a message to return, or an exception to raise.
    `seen` keeps every prompt, so tests can check what the model was shown."""

    script: list[Any] = Field(default_factory=list)  # Steps; Any so pydantic keeps them as given
    seen: list[list[BaseMessage]] = Field(default_factory=list)
    loop: bool = False
    keep_seen: bool = True

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable[Any, Any]:
        return self

    def _next(self, messages: list[BaseMessage]) -> ChatResult:
        if self.keep_seen:
            self.seen.append(list(messages))
        if not self.script:
            raise AssertionError("the scripted model ran out of answers")
        step = self.script.pop(0)
        if self.loop:
            self.script.append(step)
        if isinstance(step, Exception):
            raise step
        message = step(messages) if callable(step) else step
        return ChatResult(generations=[ChatGeneration(message=message.model_copy())])

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return self._next(messages)

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return self._next(messages)


_WORD = re.compile(r"\s*\S+|\s+")


def word_chunks(message: AIMessage) -> list[AIMessageChunk]:
    """The offline brain's chunks of `message` with the text split into words, each with
    the whitespace before it ("Done — logged $5." -> "Done", " —", " logged", " $5."), as a
    model that streams at a pace sends it; joined they are the message."""
    out: list[AIMessageChunk] = []
    for piece in chunks(message):
        if piece.tool_call_chunks or not piece.text:
            out.append(piece)
        else:
            out.extend(AIMessageChunk(content=word) for word in _WORD.findall(piece.text))
    for piece in out:
        piece.chunk_position = None
    out[-1].chunk_position = "last"
    return out


FIRST_TOKEN_S = 0.2
TOKEN_INTERVAL_S = 0.02
HOLD = "(hold)"
# Far beyond a stall of the client between two calls; under a case's 60 s timeout.
HOLD_S = 20.0


class PacedBrain(OfflineBrain):
    first_token_s: float = FIRST_TOKEN_S
    token_interval_s: float = TOKEN_INTERVAL_S
    hold_s: float = HOLD_S

    @property
    def _llm_type(self) -> str:
        return "pam-bench-paced"

    def _paced(self, message: AIMessage) -> bool:
        return bool(message.text) and not message.tool_calls

    def _first_token_s(self, messages: list[BaseMessage]) -> float:
        asked = next((m for m in reversed(messages) if isinstance(m, HumanMessage)), None)
        held = asked is not None and HOLD in asked.text
        return self.first_token_s + (self.hold_s if held else 0.0)

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        message = self.answer(messages, kwargs.get("tools"))
        if self._paced(message):
            pieces = len(word_chunks(message))
            first = self._first_token_s(messages)
            await asyncio.sleep(first + self.token_interval_s * (pieces - 1))
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
        first = self._first_token_s(messages)
        for i, piece in enumerate(word_chunks(message)):
            if paced:
                await asyncio.sleep(first if i == 0 else self.token_interval_s)
            chunk = ChatGenerationChunk(message=piece)
            if run_manager:
                await run_manager.on_llm_new_token(str(piece.content), chunk=chunk)
            yield chunk
