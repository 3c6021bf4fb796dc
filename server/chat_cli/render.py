"""How a conversation looks in the terminal (rich): the reply as it streams, one dim
line per tool PAM used, and approval requests."""

from __future__ import annotations

from typing import Any

import orjson
from rich.console import Console
from rich.text import Text

from tools.types import Domain, UiActionType

DOMAINS: dict[Domain, str] = {
    "wins": "money",
    "wheels": "vehicle & travel",
    "you": "calendar & home",
    "social": "community",
}
# What a reply's ui_actions changed, in words; every action has an entry (a unit test
# checks), None where a terminal has nothing to say (no map to open).
UPDATED: dict[UiActionType, str | None] = {
    "reload_expenses": "spending",
    "reload_calendar": "calendar",
    "reload_trips": "trips",
    "reload_tasks": "tasks",
    "reload_feed": "feed",
    "reload_vehicles": "vehicles",
    "reload_pantry": "pantry & shopping list",
    "reload_profile": "profile",
    "open_map": None,
}


def words(name: str) -> str:
    return name.replace("_", " ")


class Screen:
    """Renders one turn's events; `streamed` is the reply text shown so far."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.streamed = ""

    def say(self, text: str | Text, style: str = "") -> None:
        self.console.print(text, style=style, markup=False, highlight=False, soft_wrap=True)

    def user(self, text: str) -> None:
        self.say(Text.assemble(("you> ", "bold cyan"), text))

    def history(self, messages: list[dict[str, Any]]) -> None:
        for message in messages:
            if message["role"] == "human":
                self.user(message["content"])
            elif message["role"] == "ai" and message["content"]:
                self.say(Text.assemble(("pam> ", "bold green"), message["content"]))

    def event(self, name: str, data: dict[str, Any]) -> None:
        if name == "route":
            domains = ", ".join(DOMAINS.get(d, d) for d in data.get("domains", []))
            self.say(f"  ({domains})", "dim")
        elif name == "tool_result":
            mark = "✓" if data.get("ok") else "✗"
            self.say(f"  {mark} {data.get('summary') or words(data.get('name', ''))}", "dim")
        elif name == "token":
            if not self.streamed:
                self.console.print(Text("pam> ", "bold green"), end="")
            self.streamed += data["text"]
            self.console.print(Text(data["text"]), end="", soft_wrap=True)
        elif name == "final":
            self._final(data)
        elif name == "error":
            self.end_line()
            self.say(f"error: {data.get('message', 'something went wrong')}", "bold red")

    def _final(self, data: dict[str, Any]) -> None:
        reply = str(data.get("reply") or "")
        if self.streamed and reply.startswith(self.streamed):
            self.console.print(Text(reply[len(self.streamed) :]), end="", soft_wrap=True)
        elif reply:
            self.end_line()
            self.console.print(Text("pam> ", "bold green"), end="")
            self.console.print(Text(reply), end="", soft_wrap=True)
        self.streamed = reply or self.streamed
        self.end_line()
        changed = sorted(
            {said for a in data.get("ui_actions", []) if (said := UPDATED.get(a.get("type")))}
        )
        if changed:
            self.say(f"  (updated: {', '.join(changed)})", "dim")

    def end_line(self) -> None:
        if self.streamed:
            self.console.print()
            self.streamed = ""

    def approval(self, request: dict[str, Any]) -> None:
        """The question built from the row ("Delete the $38.00 camping expense of 5
        Dec?"); from a server that sends no description, the action in words with its
        arguments but never ids ("Delete expense?")."""
        self.end_line()
        question = str(request.get("description") or "")
        if not question:
            shown = {k: v for k, v in (request.get("args") or {}).items() if not k.endswith("_id")}
            said = ", ".join(f"{words(k)} {v}" for k, v in shown.items())
            question = f"{words(request['name']).capitalize()}{': ' + said if said else ''}?"
        self.say(Text.assemble(("PAM asks: ", "bold yellow"), question))

    def notice(self, frame: dict[str, Any]) -> None:
        text = frame.get("message") or frame.get("title") or orjson.dumps(frame).decode()
        self.end_line()
        self.say(f"  [{frame.get('type', 'notice')}] {text}", "yellow")
