"""`pam chat` asks for an approval in plain words: the server's question, or, from a
server that sends none, the action in words without ids."""

from __future__ import annotations

import io
from typing import Any, get_args

from rich.console import Console

from server.chat_cli.render import UPDATED, Screen
from tools.types import UiActionType


def _asked(request: dict[str, Any]) -> str:
    out = io.StringIO()
    Screen(Console(file=out, width=200, color_system=None)).approval(request)
    return out.getvalue().strip()


def test_the_question_is_the_servers() -> None:
    request = {
        "name": "delete_expense",
        "args": {"expense_id": "0fd1c2a3-0000-4000-8000-000000000001"},
        "description": "Delete the $38.00 camping expense of 5 Dec?",
    }
    assert _asked(request) == "PAM asks: Delete the $38.00 camping expense of 5 Dec?"


def test_without_one_no_raw_call_and_no_id() -> None:
    eid = "0fd1c2a3-0000-4000-8000-000000000001"
    assert _asked({"name": "delete_expense", "args": {"expense_id": eid}}) == (
        "PAM asks: Delete expense?"
    )
    post = {"name": "create_post", "args": {"content": "Cobar camp is ace", "group_id": eid}}
    assert _asked(post) == "PAM asks: Create post: content Cobar camp is ace?"


def _closing(ui_actions: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    Screen(Console(file=out, width=200, color_system=None)).event(
        "final", {"reply": "Done.", "ui_actions": ui_actions}
    )
    return out.getvalue().strip()


def test_every_ui_action_is_known_and_a_fill_up_says_vehicles_too() -> None:
    assert set(UPDATED) == set(get_args(UiActionType))
    fill = [{"type": "reload_vehicles"}, {"type": "reload_expenses"}, {"type": "open_map"}]
    assert _closing(fill).endswith("(updated: spending, vehicles)")
    assert _closing([{"type": "reload_pantry"}]).endswith("(updated: pantry & shopping list)")
    assert _closing([{"type": "open_map"}, {"type": "from_a_newer_server"}]) == "pam> Done."
