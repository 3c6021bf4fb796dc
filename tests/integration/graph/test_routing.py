"""Routing: each domain, several domains in one turn, and general chat."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage, ToolMessage

from agent.context import Context
from tests.fakes import ScriptedChatModel, call, route
from tests.integration.graph.conftest import thread


def _user(text: str) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": text}]}


async def test_wins_turn_runs_the_tool_and_reports_ui_actions(
    make_graph: Any, context: Context
) -> None:
    model = ScriptedChatModel(
        script=[
            route("wins"),
            call("add_expense", amount=20, category="food", date="2026-03-09"),
        ]
    )
    out = await make_graph(model).ainvoke(
        _user("spent 20 on lunch yesterday"), thread(), context=context
    )
    assert out["route"] == ["wins"]
    # A write's summary is the reply: no third model call only to restate it.
    assert out["reply"] == "Logged $20.00 for food on 9 Mar."
    assert len(model.seen) == 2
    assert [a["type"] for a in out["ui_actions"]] == ["reload_expenses"]
    tool_results = [m for m in out["messages"] if isinstance(m, ToolMessage)]
    assert tool_results[0].artifact["ok"] is True
    assert tool_results[0].artifact["expense"]["amount"] == 20.0


async def test_each_domain_gets_its_own_tools(make_graph: Any, context: Context) -> None:
    cases = {
        "wheels": call("add_vehicle", name="Troopy", fuel_type="diesel"),
        "you": call("add_task", title="Check tyre pressures"),
        "social": call("create_group", name=f"Solar Setups {context.user_id[:8]}"),
    }
    for domain, tool_call in cases.items():
        model = ScriptedChatModel(script=[route(domain), tool_call])
        out = await make_graph(model).ainvoke(_user("do it"), thread(), context=context)
        assert out["route"] == [domain]
        result = next(m for m in out["messages"] if isinstance(m, ToolMessage))
        assert result.artifact["ok"] is True, result.content
        # the domain agent was shown only its own domain's prompt
        assert f"\nDomain: {domain}\n" in model.seen[1][0].text


async def test_two_domains_in_one_turn_give_one_reply(make_graph: Any, context: Context) -> None:
    model = ScriptedChatModel(
        script=[
            route("wins", "you"),
            call("add_expense", "c1", amount=30, category="groceries"),
            call("create_event", "c2", title="Call Mum", start="2026-03-11T10:00:00+11:00"),
        ]
    )
    out = await make_graph(model).ainvoke(
        _user("log $30 for groceries and remind me to call Mum tomorrow at 10"),
        thread(),
        context=context,
    )
    assert out["route"] == ["wins", "you"]
    assert "groceries" in out["reply"]
    assert "Call Mum" in out["reply"] or "call Mum" in out["reply"]
    assert {a["type"] for a in out["ui_actions"]} == {"reload_expenses", "reload_calendar"}


async def test_general_chat_calls_no_tools(make_graph: Any, context: Context) -> None:
    model = ScriptedChatModel(script=[route("general"), AIMessage("G'day! How can I help?")])
    out = await make_graph(model).ainvoke(_user("hello"), thread(), context=context)
    assert out["route"] == ["general"]
    assert out["reply"] == "G'day! How can I help?"
    assert not [m for m in out["messages"] if isinstance(m, ToolMessage)]


async def test_unroutable_answer_falls_back_to_general(make_graph: Any, context: Context) -> None:
    model = ScriptedChatModel(script=[AIMessage("no tool call"), AIMessage("Sorry, say again?")])
    out = await make_graph(model).ainvoke(_user("???"), thread(), context=context)
    assert out["route"] == ["general"]
    assert out["reply"] == "Sorry, say again?"


async def test_prompt_carries_clock_profile_and_client_context(
    make_graph: Any, context: Context
) -> None:
    ctx = Context(
        user_id=context.user_id,
        now=context.now,
        pool=context.pool,
        client={"location": {"city": "Dubbo", "region": "NSW", "lat": -32.25, "lng": 148.6}},
    )
    model = ScriptedChatModel(script=[route("general"), AIMessage("hi")])
    await make_graph(model).ainvoke(_user("hi"), thread(), context=ctx)
    system = model.seen[1][0].text
    assert "Current time: 2026-03-10T09:00+11:00" in system
    assert "Today: Tuesday 2026-03-10" in system
    assert "Next 7 days: Wed 2026-03-11, Thu 2026-03-12," in system
    assert "Time zone: Australia/Sydney" in system
    assert "Currency: AUD" in system
    assert "User location: Dubbo, NSW (-32.25,148.6)" in system
