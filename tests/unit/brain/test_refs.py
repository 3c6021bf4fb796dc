"""Ids from context: "that one", "the last expense", "the first post", found in earlier
tool results newest first, or looked up with a list call first."""

from __future__ import annotations

from langchain_core.messages import AIMessage, BaseMessage

from tests.unit.brain.support import called, only_call, result, step

EXPENSE_A = {
    "id": "11111111-1111-1111-1111-111111111111",
    "amount": 20.0,
    "currency": "AUD",
    "category": "food",
    "description": "Coffee",
    "date": "2026-03-10",
}
EXPENSE_B = {
    "id": "22222222-2222-2222-2222-222222222222",
    "amount": 85.4,
    "currency": "AUD",
    "category": "fuel",
    "description": "Diesel in Dubbo",
    "date": "2026-03-09",
}


def _logged() -> list[str | BaseMessage]:
    return [
        "spent $20 on coffee and 85.40 on diesel in Dubbo yesterday",
        AIMessage(
            "",
            tool_calls=[
                {"name": "add_expense", "args": {}, "id": "c1"},
                {"name": "add_expense", "args": {}, "id": "c2"},
            ],
        ),
        result("c1", "add_expense", summary="Logged $20.00.", expense=EXPENSE_A),
        result("c2", "add_expense", summary="Logged $85.40.", expense=EXPENSE_B),
        AIMessage("Done — logged both."),
    ]


def test_that_one_is_the_newest_row() -> None:
    args = only_call(step("wins", *_logged(), "actually delete that one"), "delete_expense")
    assert args == {"expense_id": EXPENSE_B["id"]}


def test_a_description_picks_the_row() -> None:
    args = only_call(step("wins", *_logged(), "delete the coffee one"), "delete_expense")
    assert args == {"expense_id": EXPENSE_A["id"]}


def test_change_that_updates_the_newest_row() -> None:
    args = only_call(step("wins", *_logged(), "change that to $90"), "update_expense")
    assert args == {"expense_id": EXPENSE_B["id"], "amount": 90}


def test_without_context_the_rows_are_looked_up_first() -> None:
    first = step("wins", "delete the last expense")
    assert only_call(first, "list_expenses") == {"limit": 20}
    (lookup,) = first.tool_calls
    assert str(lookup["id"]).endswith("_lk")
    rows = result(
        str(lookup["id"]), "list_expenses", summary="2 expenses.", expenses=[EXPENSE_A, EXPENSE_B]
    )
    second = step("wins", "delete the last expense", first, rows)
    assert only_call(second, "delete_expense") == {"expense_id": EXPENSE_A["id"]}


def test_nothing_found_after_a_lookup_says_so() -> None:
    first = step("wins", "delete the last expense")
    (lookup,) = first.tool_calls
    empty = result(str(lookup["id"]), "list_expenses", summary="No expenses found.", expenses=[])
    reply = step("wins", "delete the last expense", first, empty)
    assert not reply.tool_calls
    assert "couldn't find that expense" in reply.text


def test_the_first_post_of_the_feed() -> None:
    posts = [
        {"id": "p1", "content": "Gibb is open", "author_name": "Bev"},
        {"id": "p2", "content": "Solar tips", "author_name": "Sam"},
    ]
    history: list[str | BaseMessage] = [
        "what's new in the feed",
        called("get_feed", "f1"),
        result("f1", "get_feed", summary="2 posts.", posts=posts),
        AIMessage("2 posts."),
    ]
    assert only_call(step("social", *history, "like the first post"), "like_post") == {
        "post_id": "p1"
    }
    assert only_call(step("social", *history, "like Sam's post"), "like_post") == {"post_id": "p2"}
    comment = only_call(
        step("social", *history, "comment on the second one: great tip!"), "comment_on_post"
    )
    assert comment == {"post_id": "p2", "content": "great tip!"}


def test_mark_that_done_and_move_it() -> None:
    task = {"id": "t1", "title": "Buy a gas bottle", "status": "open"}
    history: list[str | BaseMessage] = [
        "remind me to buy a gas bottle",
        called("add_task", "a1"),
        result("a1", "add_task", task=task),
        AIMessage("Added."),
    ]
    assert only_call(step("you", *history, "mark that done"), "complete_task") == {"task_id": "t1"}
    event = {"id": "e1", "title": "Call Mum", "start": "2026-03-11T10:00:00+11:00"}
    history = [
        "remind me to call Mum tomorrow at 10",
        called("create_event", "a2"),
        result("a2", "create_event", event=event),
        AIMessage("Added."),
    ]
    moved = only_call(step("you", *history, "move it to 3pm"), "update_event")
    assert moved == {"event_id": "e1", "start": "2026-03-11T15:00:00+11:00"}
    moved = only_call(step("you", *history, "push it to Friday"), "update_event")
    assert moved == {"event_id": "e1", "start": "2026-03-13T10:00:00+11:00"}
    assert only_call(step("you", *history, "cancel it"), "delete_event") == {"event_id": "e1"}


def test_a_deleted_row_is_not_that_one_any_more() -> None:
    history: list[str | BaseMessage] = [
        *_logged(),
        "delete that one",
        called("delete_expense", "d1"),
        result("d1", "delete_expense", expense=EXPENSE_B),
        AIMessage("Deleted."),
    ]
    args = only_call(step("wins", *history, "and delete that one too"), "delete_expense")
    assert args == {"expense_id": EXPENSE_A["id"]}


def test_a_typed_id_is_passed_on_for_the_tool_to_check() -> None:
    unknown = "00000000-0000-0000-0000-000000000000"
    args = only_call(step("wins", f"delete expense {unknown}"), "delete_expense")
    assert args == {"expense_id": unknown}
    args = only_call(step("you", f"mark task {unknown} as done"), "complete_task")
    assert args == {"task_id": unknown}


def test_make_it_11_moves_the_event_to_11() -> None:
    event = {"id": "e1", "title": "Call Mum", "start": "2026-03-11T10:00:00+11:00"}
    history: list[str | BaseMessage] = [
        "remind me to call Mum tomorrow at 10",
        called("create_event", "a2"),
        result("a2", "create_event", event=event),
        AIMessage("Added."),
    ]
    moved = only_call(step("you", *history, "actually make it 11"), "update_event")
    assert moved == {"event_id": "e1", "start": "2026-03-11T11:00:00+11:00"}
