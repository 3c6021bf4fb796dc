"""A proposal waiting for approval meets a typed message: "yes" runs it, "no" declines
it, anything else sets it aside (kept in the conversation and shown to the model), and
"yes, post it" later brings it back. The question asked is built from the row."""

from __future__ import annotations

import uuid
from typing import Any

from langchain_core.messages import AIMessage, ToolMessage

from agent.approvals import read_decision
from agent.context import Context
from agent.domains import well_formed
from tests.conftest import ScopedDb
from tests.fakes import ScriptedChatModel, call, route
from tests.integration.graph.conftest import thread
from tools.registry import ACTIONS_BY_NAME
from tools.run import run_action


async def _expense(scoped: ScopedDb, user: str, amount: float, what: str = "") -> str:
    args: dict[str, Any] = {"amount": amount, "category": "camping", "date": "2025-12-05"}
    if what:
        args["description"] = what
    async with scoped(uuid.UUID(user)) as db:
        result = await run_action(ACTIONS_BY_NAME["add_expense"], db, args)
    return str(result.ids[0])


async def _amounts(scoped: ScopedDb, user: str) -> list[float]:
    async with scoped(uuid.UUID(user)) as db:
        rows = await (await db.conn.execute("SELECT amount FROM expenses")).fetchall()
    return sorted(float(r["amount"]) for r in rows)


def _say(text: str) -> dict[str, Any]:
    return {"messages": [("user", text)]}


def test_what_reads_as_a_decision() -> None:
    for yes in ("yes", "Yes!", "yep go ahead", "ok do it", "yes, post it", "sure thanks"):
        assert read_decision(yes) == "approve", yes
    for no in ("no", "nope", "no thanks", "cancel", "don't", "no, leave it"):
        assert read_decision(no) == "reject", no
    for other in ("yes but make it $40", "no, the other one", "what's the weather?", "", "y 2"):
        assert read_decision(other) is None, other


async def test_the_question_is_built_from_the_row(
    make_graph: Any, context: Context, scoped: ScopedDb
) -> None:
    eid = await _expense(scoped, context.user_id, 38, "Cobar showground")
    graph, config = (
        make_graph(
            ScriptedChatModel(script=[route("wins"), call("delete_expense", "d1", expense_id=eid)])
        ),
        thread(),
    )
    await graph.ainvoke(_say("delete the camping one"), config, context=context)
    (pending,) = (await graph.aget_state(config)).interrupts
    question = pending.value["action_requests"][0]["description"]
    assert question == "Delete the $38.00 camping expense of 5 Dec 2025 (Cobar showground)?"
    assert eid not in question


async def test_a_typed_yes_runs_the_waiting_call(
    make_graph: Any, context: Context, scoped: ScopedDb
) -> None:
    eid = await _expense(scoped, context.user_id, 38)
    model = ScriptedChatModel(script=[route("wins"), call("delete_expense", "d1", expense_id=eid)])
    graph, config = make_graph(model), thread()
    await graph.ainvoke(_say("delete it"), config, context=context)
    out = await graph.ainvoke(_say("yes go ahead"), config, context=context)
    assert out["reply"].startswith("Deleted the $38.00 camping expense")
    assert await _amounts(scoped, context.user_id) == []
    assert len(model.seen) == 2  # no model call for the decision
    assert not (await graph.aget_state(config)).interrupts
    assert [a["type"] for a in out["ui_actions"]] == ["reload_expenses"]


async def test_a_typed_no_declines_it(make_graph: Any, context: Context, scoped: ScopedDb) -> None:
    eid = await _expense(scoped, context.user_id, 38)
    model = ScriptedChatModel(script=[route("wins"), call("delete_expense", "d1", expense_id=eid)])
    graph, config = make_graph(model), thread()
    await graph.ainvoke(_say("delete it"), config, context=context)
    out = await graph.ainvoke(_say("no thanks"), config, context=context)
    assert "nothing was changed" in out["reply"]
    assert await _amounts(scoped, context.user_id) == [38.0]


async def test_anything_else_sets_it_aside_visibly_and_yes_post_it_brings_it_back(
    make_graph: Any, context: Context
) -> None:
    model = ScriptedChatModel(
        script=[
            route("social"),
            call("create_post", "p1", content="Cobar camp is ace"),
            route("general"),
            AIMessage("Sunny all week."),
        ]
    )
    graph, config = make_graph(model), thread()
    await graph.ainvoke(_say("post that Cobar camp is ace"), config, context=context)
    out = await graph.ainvoke(_say("what's the weather like?"), config, context=context)
    # The reply says what became of the waiting request, after the answer.
    assert out["reply"] == (
        "Sunny all week.\n\nI've set aside “Post this publicly, for every PAM traveller to"
        " see: “Cobar camp is ace”?” — nothing was done. Say “yes, go ahead” if you still"
        " want it."
    )
    assert not (await graph.aget_state(config)).interrupts
    aside = [m for m in out["messages"] if isinstance(m, ToolMessage)]
    assert aside[-1].artifact["error"] == "set_aside"
    assert "Cobar camp is ace" in aside[-1].artifact["summary"]
    # What a model is shown next is well-formed: the set-aside result right after its call.
    view = well_formed(out["messages"])
    at = next(i for i, m in enumerate(view) if isinstance(m, AIMessage) and m.tool_calls)
    assert isinstance(view[at + 1], ToolMessage)

    back = await graph.ainvoke(_say("yes, post it"), config, context=context)
    assert back["reply"] == 'Posted to the public feed: "Cobar camp is ace"'
    assert len(model.seen) == 4  # bringing it back needed no model call


async def test_go_ahead_with_it_brings_back_what_the_previous_message_set_aside(
    make_graph: Any, context: Context
) -> None:
    model = ScriptedChatModel(
        script=[
            route("social"),
            call("create_post", "p1", content="Bourke sunsets"),
            route("general"),
            AIMessage("G'day!"),
            route("general"),
            AIMessage("Anything else?"),
        ]
    )
    graph, config = make_graph(model), thread()
    await graph.ainvoke(_say("post that Bourke sunsets"), config, context=context)
    await graph.ainvoke(_say("hi there"), config, context=context)
    back = await graph.ainvoke(_say("go ahead with it"), config, context=context)
    assert back["reply"] == 'Posted to the public feed: "Bourke sunsets"'
    # Two turns later a bare "yes" is no longer about it: the model answers.
    again = await graph.ainvoke(_say("yes"), config, context=context)
    assert again["reply"] == "Anything else?"


async def test_a_call_with_bad_arguments_is_not_put_to_the_user(
    make_graph: Any, context: Context
) -> None:
    model = ScriptedChatModel(
        script=[
            route("wins"),
            call("delete_expense", "d1", expense_id="not-an-id"),
            AIMessage("Which expense do you mean?"),
        ]
    )
    graph, config = make_graph(model), thread()
    out = await graph.ainvoke(_say("delete it"), config, context=context)
    assert not (await graph.aget_state(config)).interrupts
    assert out["reply"] == "Which expense do you mean?"
