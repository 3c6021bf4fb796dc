"""The chat model contract: bind_tools, tool_choice, streaming, async, determinism."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage

from agent.brain import OfflineBrain
from agent.brain.streaming import chunks
from tests.unit.brain.support import ROUTE_TOOL, system, tools_for

LONG = "log $30 for groceries and remind me to call Mum tomorrow at 10"


def _prompt(domain: str, *texts: str) -> list[BaseMessage]:
    return [system(domain), *(HumanMessage(t) for t in texts)]


def test_identity() -> None:
    assert OfflineBrain()._llm_type == "pam-offline"


def test_bind_tools_takes_langchain_tools_and_dicts_and_a_tool_choice() -> None:
    bound = OfflineBrain().bind_tools([ROUTE_TOOL], tool_choice="route_request")
    answer = bound.invoke([HumanMessage("hello")])
    assert isinstance(answer, AIMessage)
    assert answer.tool_calls[0]["args"] == {"domains": ["general"]}
    names = [t.name for t in tools_for("wins")]
    kwargs: dict[str, Any] = bound.kwargs  # type: ignore[attr-defined]
    assert kwargs["tool_choice"] == "route_request"
    other: Any = OfflineBrain().bind_tools(list(tools_for("wins")))
    assert [t["function"]["name"] for t in other.kwargs["tools"]] == names


def _chunks(items: list[Any]) -> list[AIMessageChunk]:
    assert all(isinstance(c, AIMessageChunk) for c in items)
    return list(items)


def _joined(items: list[Any]) -> AIMessageChunk:
    chunks = _chunks(items)
    total = chunks[0]
    for chunk in chunks[1:]:
        total = total + chunk
    return total


def test_text_streams_in_one_chunk_that_is_the_answer() -> None:
    """The brain has its whole reply at once: one chunk, not one per word (each chunk
    costs the server an event and a frame per client)."""
    brain = OfflineBrain()
    prompt = _prompt("general", "what can you do?")
    whole = brain.invoke(prompt)
    chunks = _chunks(list(brain.stream(prompt)))
    assert len(whole.text.split()) > 10
    assert len(chunks) == 1
    assert chunks[0].content == whole.content
    assert chunks[-1].chunk_position == "last"


def test_text_and_tool_calls_stream_as_two_chunks() -> None:
    message = AIMessage(
        "Looking that up.", tool_calls=[{"name": "list_expenses", "args": {}, "id": "c1"}]
    )
    pieces = chunks(message)
    assert [p.content for p in pieces] == ["Looking that up.", ""]
    assert pieces[1].tool_call_chunks[0]["name"] == "list_expenses"
    assert [p.chunk_position for p in pieces] == [None, "last"]
    assert _joined(pieces).tool_calls == message.tool_calls


def test_tool_calls_stream_in_one_chunk() -> None:
    bound = OfflineBrain().bind_tools(list(tools_for("wins")))
    prompt = _prompt("wins", "Spent $50 on fuel and $30 on groceries")
    whole = bound.invoke(prompt)
    chunks = _chunks(list(bound.stream(prompt)))
    assert len([c for c in chunks if c.tool_call_chunks]) == 1
    assert _joined(chunks).tool_calls == whole.tool_calls


async def test_async_matches_sync() -> None:
    bound = OfflineBrain().bind_tools(list(tools_for("you")))
    prompt = _prompt("you", LONG)
    assert (await bound.ainvoke(prompt)).tool_calls == bound.invoke(prompt).tool_calls
    chunks = [c async for c in bound.astream(prompt)]
    assert _joined(chunks).tool_calls == bound.invoke(prompt).tool_calls
    text = [c async for c in OfflineBrain().astream(_prompt("general", "hi"))]
    assert (
        "".join(str(c.content) for c in text)
        == OfflineBrain().invoke(_prompt("general", "hi")).content
    )


class _Tokens(BaseCallbackHandler):
    def __init__(self) -> None:
        self.tokens: list[str] = []

    def on_llm_new_token(self, token: str | list[str | dict[str, Any]], **kwargs: Any) -> None:
        self.tokens.append(str(token))


def test_streaming_reports_its_text_to_callbacks() -> None:
    handler = _Tokens()
    prompt = _prompt("general", "hello")
    list(OfflineBrain().stream(prompt, config={"callbacks": [handler]}))
    assert handler.tokens == [OfflineBrain().invoke(prompt).content]


def test_same_input_same_output_including_call_ids() -> None:
    runs = [
        OfflineBrain().bind_tools(list(tools_for("wins"))).invoke(_prompt("wins", LONG))
        for _ in range(3)
    ]
    assert runs[0].tool_calls == runs[1].tool_calls == runs[2].tool_calls
    ids = {c["id"] for c in runs[0].tool_calls}
    assert all(str(i).startswith("call_") for i in ids)


def test_call_ids_differ_between_turns_and_domains() -> None:
    wins = OfflineBrain().bind_tools(list(tools_for("wins")))
    you = OfflineBrain().bind_tools(list(tools_for("you")))
    first = wins.invoke(_prompt("wins", LONG)).tool_calls[0]["id"]
    second = wins.invoke(_prompt("wins", "spent $5 on coffee", LONG)).tool_calls[0]["id"]
    other = you.invoke(_prompt("you", LONG)).tool_calls[0]["id"]
    assert len({first, second, other}) == 3


def test_a_prompt_without_a_clock_uses_the_fallback() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    brain = OfflineBrain(now=datetime(2026, 3, 10, 9, tzinfo=ZoneInfo("Australia/Sydney")))
    bound = brain.bind_tools(list(tools_for("wins")))
    answer = bound.invoke([HumanMessage("spent $20 on coffee yesterday")])
    assert answer.tool_calls[0]["args"]["date"] == "2026-03-09"


def test_the_model_methods_signatures_are_their_own() -> None:
    """Set once (`__signature__`, for LangChain's per-call look-up): the same parameters,
    `run_manager` among them, so LangChain still hands the run manager over."""
    import inspect

    for name in ("_generate", "_agenerate"):
        method = getattr(OfflineBrain(), name)
        written = inspect.signature(method, follow_wrapped=False)
        assert list(written.parameters) == ["messages", "stop", "run_manager", "kwargs"]
        assert getattr(OfflineBrain, name).__signature__.parameters.keys() == {
            "self",
            *written.parameters,
        }
