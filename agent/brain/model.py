"""OfflineBrain: PAM's deterministic chat model. No network, no randomness.

It reads the same prompt an LLM gets (the `Key: value` block of the system message and
the conversation) and answers like one: a `route_request` call for the router, tool
calls or one clarifying question for a domain agent, and a reply built from the tools'
summaries once their results are in. Tools bound with `bind_tools` arrive as the `tools`
call argument, as with any LangChain chat model.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from datetime import datetime
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool

from agent.brain.calendar_words import month_first
from agent.brain.convo import Convo, read_convo, read_env
from agent.brain.general import general_reply
from agent.brain.ids import call_id, conversation_key
from agent.brain.planner import plan
from agent.brain.router import ROUTE_TOOL, route
from agent.brain.streaming import chunks


def _tool_names(tools: Sequence[Any] | None) -> list[str]:
    names = []
    for tool in tools or []:
        spec = tool.get("function", tool) if isinstance(tool, dict) else {}
        if spec.get("name"):
            names.append(str(spec["name"]))
    return names


# create_agent binds the tools again on every model call, and converting a tool's schema
# is most of that cost: each tool object is converted once (kept with its conversion, so
# an id is never reused while cached).
_FORMATTED: dict[int, tuple[Any, dict[str, Any]]] = {}
MAX_FORMATTED = 1024


def _openai_tool(tool: Any) -> dict[str, Any]:
    if isinstance(tool, dict):
        return convert_to_openai_tool(tool)
    hit = _FORMATTED.get(id(tool))
    if hit is None or hit[0] is not tool:
        if len(_FORMATTED) >= MAX_FORMATTED:
            _FORMATTED.clear()
        hit = _FORMATTED[id(tool)] = (tool, convert_to_openai_tool(tool))
    return hit[1]


class OfflineBrain(BaseChatModel):
    """The offline brain. `OfflineBrain()`; `now` only matters when a prompt carries no
    `Current time:` line (the graph always sends one)."""

    now: datetime | None = None

    @property
    def _llm_type(self) -> str:
        return "pam-offline"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_name": "pam-offline"}

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        formatted = [_openai_tool(tool) for tool in tools]
        return self.bind(tools=formatted, tool_choice=tool_choice, **kwargs)

    def answer(self, messages: list[BaseMessage], tools: Sequence[Any] | None = None) -> AIMessage:
        """The reply to `messages` with `tools` bound (OpenAI-format tool dicts)."""
        names = _tool_names(tools)
        env = read_env(messages, self.now)
        with month_first(env.american):  # "6/10" is June 10 to a North American
            return self._answer(read_convo(messages, env, names), names)

    def _answer(self, convo: Convo, names: list[str]) -> AIMessage:
        env = convo.env
        if ROUTE_TOOL in names:
            call = {
                "name": ROUTE_TOOL,
                "args": {"domains": route(convo)},
                "id": call_id(conversation_key(convo.history), ROUTE_TOOL, 0),
                "type": "tool_call",
            }
            return AIMessage(content="", tool_calls=[call])
        if not names and env.domain in (None, "general"):
            return AIMessage(content=general_reply(convo.text, env.name, env.now))
        step = plan(convo)
        if step.calls:
            calls = [{**c, "type": "tool_call"} for c in step.calls]
            return AIMessage(content="", tool_calls=calls)
        return AIMessage(content=step.text)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        message = self.answer(messages, kwargs.get("tools"))
        return ChatResult(generations=[ChatGeneration(message=message)])

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return self._generate(messages, stop, None, **kwargs)

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        for piece in chunks(self.answer(messages, kwargs.get("tools"))):
            chunk = ChatGenerationChunk(message=piece)
            if run_manager:
                run_manager.on_llm_new_token(str(piece.content), chunk=chunk)
            yield chunk

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        for piece in chunks(self.answer(messages, kwargs.get("tools"))):
            chunk = ChatGenerationChunk(message=piece)
            if run_manager:
                await run_manager.on_llm_new_token(str(piece.content), chunk=chunk)
            yield chunk
