"""A scripted chat model: it answers from a queue, in order.

For tests and benchmarks about the graph or the server rather than the model: routing,
tools, approvals and streaming run for real around it. With `loop=True` the script
repeats forever (benchmarks drive thousands of identical turns)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from pydantic import Field

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
