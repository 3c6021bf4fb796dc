"""OfflineBrain: PAM's deterministic chat model. No network, no randomness.

It reads the same prompt an LLM gets (the `Key: value` block of the system message and
the conversation) and answers like one: a `route_request` call for the router, tool
calls or one clarifying question for a domain agent, and a reply built from the tools'
summaries once their results are in. Tools bound with `bind_tools` arrive as the `tools`
call argument, as with any LangChain chat model.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from datetime import datetime
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool

from agent.brain import about_you
from agent.brain.calendar_words import month_first
from agent.brain.convo import Convo, read_convo, read_env, text_of
from agent.brain.general import general_reply
from agent.brain.ids import call_id, conversation_key
from agent.brain.planner import plan
from agent.brain.router import ROUTE_TOOL, route
from agent.brain.streaming import chunks

# The brain's reading is linear in a message's length, and a message built to keep its
# patterns busy cost ~70 times an ordinary one's CPU at 4,000 characters (redteam 10, 11;
# docs/security.md). The longest message of the eval sets is 429 characters.
READ_CHARS = 1_000
TOO_LONG = (
    "That message is too long for me to read in one go (at most {n:,} characters);"
    " send it in shorter parts."
)


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
    read_chars: int = READ_CHARS  # a longer last message is answered TOO_LONG, unread

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
        said = [m for m in messages if isinstance(m, HumanMessage)]
        if said and len(text_of(said[-1])) > self.read_chars:
            return self._too_long(messages, names)
        messages = [self._within_reach(m) for m in messages]
        env = read_env(messages, self.now)
        with month_first(env.american):  # "6/10" is June 10 to a North American
            return self._answer(read_convo(messages, env, names), names)

    def _too_long(self, messages: list[BaseMessage], names: list[str]) -> AIMessage:
        """Nothing of the message is read or done: the router sends it to the general
        agent, which says so."""
        if ROUTE_TOOL in names:
            key = conversation_key(messages)
            call = {
                "name": ROUTE_TOOL,
                "args": {"domains": ["general"]},
                "id": call_id(key, ROUTE_TOOL, 0),
                "type": "tool_call",
            }
            return AIMessage(content="", tool_calls=[call])
        return AIMessage(content=TOO_LONG.format(n=self.read_chars))

    def _within_reach(self, message: BaseMessage) -> BaseMessage:
        """An earlier message over the limit (answered TOO_LONG in its turn) is read no
        further than the limit when the brain looks back at it."""
        if isinstance(message, HumanMessage) and len(text := text_of(message)) > self.read_chars:
            return message.model_copy(update={"content": text[: self.read_chars]})
        return message

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
        if about_you.asks(convo.text) and not convo.turn:
            # answered from the context block in any domain: no tool reads a profile back
            return AIMessage(content=about_you.reply(convo.text, env))
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


# LangChain asks `inspect.signature` on every model call whether `_agenerate` (or
# `_generate`) takes a `run_manager` (`BaseChatModel._agenerate_with_cache`): three times
# a write turn, each reading the whole signature anew (~0.1 ms on a loaded machine). With
# `__signature__` set, `inspect` takes it as it is, ~5 times faster. The same signature.
_method: Any
for _method in (OfflineBrain._generate, OfflineBrain._agenerate):
    _method.__signature__ = inspect.signature(_method)
