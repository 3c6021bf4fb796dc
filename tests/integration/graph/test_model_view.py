"""What a model sees and what PAM does with its answers: the time zone of the turn, the
UTC rule, tool results without client-only fields, recovery hints, hand-offs to the
right domain, list_vehicles, and the tokens a turn used."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from langchain_core.messages import AIMessage, ToolMessage

from agent.context import Context
from agent.tools import model_text, zulu_error
from tests.fakes import ScriptedChatModel, call, route
from tests.integration.graph.conftest import thread


def _say(text: str) -> dict[str, Any]:
    return {"messages": [("user", text)]}


def _results(out: dict[str, Any]) -> list[ToolMessage]:
    return [m for m in out["messages"] if isinstance(m, ToolMessage)]


async def test_the_clients_time_zone_is_the_turns(make_graph: Any, context: Context) -> None:
    """A traveller in Perth: the prompt says so, "today" is Perth's, and a naive time is
    Perth wall-clock time."""
    perth = Context(
        user_id=context.user_id,
        now="2026-03-10T23:30:00+00:00",  # already the 11th in Perth (UTC+8)
        pool=context.pool,
        client={"timezone": "Australia/Perth"},
    )
    model = ScriptedChatModel(
        script=[route("you"), call("create_event", title="Call Mum", start="2026-03-11T10:00")]
    )
    out = await make_graph(model).ainvoke(_say("call mum at 10"), thread(), context=perth)
    system = model.seen[1][0].text
    assert "Time zone: Australia/Perth" in system
    assert "Time zone source: the user's device (their profile says Australia/Sydney)" in system
    assert "Today: Wednesday 2026-03-11" in system
    event = _results(out)[0].artifact["event"]
    assert event["start"] == "2026-03-11T10:00:00+08:00"


async def test_a_utc_time_is_refused_with_the_fix(make_graph: Any, context: Context) -> None:
    model = ScriptedChatModel(
        script=[
            route("you"),
            call("create_event", "z1", title="Call Mum", start="2026-03-11T10:00:00Z"),
            call("create_event", "z2", title="Call Mum", start="2026-03-11T10:00"),
        ]
    )
    out = await make_graph(model).ainvoke(_say("call mum at 10"), thread(), context=context)
    refused, done = _results(out)
    assert refused.artifact["ok"] is False and refused.artifact["field"] == "start"
    assert "give 2026-03-11T10:00 (no offset)" in refused.text
    assert done.artifact["event"]["start"] == "2026-03-11T10:00:00+11:00"
    assert out["reply"].startswith("Added 'Call Mum'")


def test_utc_is_exact_where_the_user_is_on_utc() -> None:
    assert zulu_error("start", "2026-01-11T10:00:00Z", ZoneInfo("Europe/London")) is None
    assert zulu_error("start", "2026-03-11T10:00+11:00", ZoneInfo("Australia/Sydney")) is None
    assert zulu_error("start", "2026-03-11T10:00Z", ZoneInfo("Australia/Sydney"))


def test_the_model_reads_no_client_fields_and_local_times() -> None:
    result = {
        "ok": True,
        "summary": "Posted.",
        "ids": ["0f5b7c1e-3c2a-4d7e-9a51-6f1b2c3d4e5f"],
        "ui_actions": [{"type": "reload_feed"}],
        "post": {"id": "x", "created_at": "2026-03-10T00:00:00Z", "group": None},
    }
    text = model_text(result, ZoneInfo("Australia/Sydney"))
    assert "ids" not in text and "ui_actions" not in text and "null" not in text
    assert "2026-03-10T11:00+11:00" in text


async def test_not_found_gives_a_recovery_hint(make_graph: Any, context: Context) -> None:
    missing = "0f5b7c1e-3c2a-4d7e-9a51-6f1b2c3d4e5f"
    model = ScriptedChatModel(
        script=[
            route("wins"),
            call("update_expense", expense_id=missing, amount=5),
            AIMessage("Which one?"),
        ]
    )
    out = await make_graph(model).ainvoke(_say("make it 5"), thread(), context=context)
    (result,) = _results(out)
    assert "list_expenses shows the user's expenses" in result.text
    assert "hint" not in result.artifact  # the hint is the model's, not the clients'


async def test_another_domains_tool_hands_the_message_over(
    make_graph: Any, context: Context
) -> None:
    model = ScriptedChatModel(
        script=[
            route("wins"),
            call("log_fuel", "f1", litres=60, total_cost=120),  # wins has no log_fuel
            call("log_fuel", "f2", litres=60, total_cost=120),  # wheels does
        ]
    )
    out = await make_graph(model).ainvoke(_say("60L for $120"), thread(), context=context)
    assert out["route"] == ["wins"] and out["handoffs"] == ["wheels"]
    (result,) = _results(out)
    assert result.tool_call_id == "f2" and result.artifact["ok"] is True
    assert out["reply"].startswith("Logged 60.0 L")


async def test_list_vehicles_names_them_all(make_graph: Any, context: Context) -> None:
    model = ScriptedChatModel(
        script=[
            route("wheels"),
            call("add_vehicle", "a1", name="Troopy", fuel_type="diesel"),
            route("wheels"),
            call("add_vehicle", "a2", name="Jayco", fuel_type="diesel"),
            route("wheels"),
            call("list_vehicles", "l1"),
            AIMessage("Troopy and Jayco."),
        ]
    )
    graph, config = make_graph(model), thread()
    for text in ("add the troopy", "add the jayco", "what vehicles have I got?"):
        out = await graph.ainvoke(_say(text), config, context=context)
    listed = _results(out)[-1]
    assert [v["name"] for v in listed.artifact["vehicles"]] == ["Troopy", "Jayco"]
    assert "Troopy (diesel) — default" in listed.artifact["summary"]


async def test_a_turns_tokens_are_counted_by_domain(make_graph: Any, context: Context) -> None:
    def used(message: AIMessage, tokens_in: int) -> AIMessage:
        meta = {"input_tokens": tokens_in, "output_tokens": 5, "total_tokens": tokens_in + 5}
        return message.model_copy(
            update={"usage_metadata": meta, "response_metadata": {"model_name": "gpt-x"}}
        )

    model = ScriptedChatModel(
        script=[
            used(route("wins"), 300),
            used(call("add_expense", amount=9, category="food"), 1200),
        ]
    )
    out = await make_graph(model).ainvoke(_say("9 on food"), thread(), context=context)
    usage = out["usage"]
    assert usage["input_tokens"] == 1500 and usage["output_tokens"] == 10
    assert usage["calls"] == 2  # the write's summary is the reply: no third call
    assert {(e["domain"], e["model"]) for e in usage["by"]} == {
        ("router", "gpt-x"),
        ("wins", "gpt-x"),
    }
