"""The edge after a domain: the first domain this turn asked for that has not answered
this turn, or finish."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import BaseCallbackHandler, CallbackManager
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langchain_core.runnables import RunnableConfig
from langsmith import tracing_context

from graph import QuietEdge, chains_listened, next_domain


def _state(messages: list[Any], pending: list[str]) -> Any:
    return {"messages": messages, "pending": pending}


def test_no_domain_left_finishes() -> None:
    assert next_domain(_state([HumanMessage("hi"), AIMessage("ok", name="wins")], [])) == "finish"


def test_the_next_domain_asked_for_runs() -> None:
    messages = [HumanMessage("log $5 and remind me"), AIMessage("Logged.", name="wins")]
    assert next_domain(_state(messages, ["you"])) == "you"


def test_a_domain_that_answered_this_turn_is_not_run_again() -> None:
    # wins handed the message on to wheels (pending: wheels first), and wheels answered.
    messages = [
        HumanMessage("60L for $120 and remind me to rotate the tyres"),
        AIMessage("", name="wins"),
        AIMessage("", name="wheels", tool_calls=[{"name": "add_fuel", "args": {}, "id": "f1"}]),
        ToolMessage("{}", tool_call_id="f1", name="add_fuel"),
        AIMessage("Logged 60 L.", name="wheels"),
    ]
    assert next_domain(_state(messages, ["wheels", "you"])) == "you"
    assert next_domain(_state([*messages, AIMessage("Done.", name="you")], ["wheels", "you"])) == (
        "finish"
    )


def test_an_earlier_turns_answer_does_not_count() -> None:
    messages = [
        HumanMessage("remind me"),
        AIMessage("Added.", name="you"),
        HumanMessage("log $5 and remind me again"),
        AIMessage("Logged.", name="wins"),
    ]
    assert next_domain(_state(messages, ["you"])) == "you"


class _Recorder(BaseCallbackHandler):
    def __init__(self, *, ignore_chain: bool) -> None:
        self._ignore = ignore_chain

    @property
    def ignore_chain(self) -> bool:
        return self._ignore


def test_the_edge_is_a_chain_run_only_when_a_handler_records_chains() -> None:
    assert not chains_listened(None)
    assert not chains_listened({"callbacks": []})
    assert not chains_listened({"callbacks": [_Recorder(ignore_chain=True)]})
    assert chains_listened({"callbacks": [_Recorder(ignore_chain=False)]})
    manager = CallbackManager(handlers=[_Recorder(ignore_chain=True)])
    assert not chains_listened({"callbacks": manager})
    manager.add_handler(_Recorder(ignore_chain=False))
    assert chains_listened({"callbacks": manager})
    with tracing_context(enabled=True):  # LangSmith records every run
        assert chains_listened(None)


async def test_the_quiet_edge_routes_as_next_domain_does() -> None:
    edge = QuietEdge()
    state = _state([HumanMessage("hi"), AIMessage("ok", name="wins")], ["wins", "you"])
    assert await edge.ainvoke(state) == next_domain(state) == "you"
    assert edge.invoke(state) == "you"
    listened: RunnableConfig = {"callbacks": [_Recorder(ignore_chain=False)]}
    assert await edge.ainvoke(state, listened) == edge.invoke(state, listened) == "you"
