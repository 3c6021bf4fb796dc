"""The terminal conversation: read a line, stream PAM's answer, ask about approvals.

Lines starting with / are commands: /new (a new thread), /thread (its id), /quit.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any, Literal

import orjson
from rich.console import Console
from rich.text import Text

from server.chat_cli.remote import ChatCliError, TokenRefused
from server.chat_cli.render import Screen
from server.chat_cli.transport import ChatEvent, Transport
from server.refusals import Refused

HISTORY_SHOWN = 10
Choice = Literal["approve", "edit", "reject"]
# Whole answers only: a message typed at the prompt ("actually, show my feed") must not be
# read as its first letter.
CHOICES: dict[str, Choice] = {
    **dict.fromkeys(["", "a", "approve", "y", "yes", "yep", "ok", "okay", "sure"], "approve"),
    **dict.fromkeys(["e", "edit"], "edit"),
    **dict.fromkeys(["r", "reject", "n", "no", "nope", "cancel"], "reject"),
}
CHOICES_HINT = "answer a (approve), e (edit) or r (reject); yes and no work too"


class Session:
    def __init__(self, transport: Transport, console: Console, thread_id: str | None) -> None:
        self.transport = transport
        self.console = console
        self.screen = Screen(console)
        self.thread_id = thread_id
        self.echo = not sys.stdin.isatty()  # piped input: show what was sent

    async def ask(self, prompt: str) -> str | None:
        """A line from the person (None at end of input), without blocking the loop."""
        try:
            line: str = await asyncio.to_thread(self.console.input, Text(prompt, style="bold cyan"))
        except EOFError:
            self.console.print()
            return None
        if self.echo:
            self.console.print(line, markup=False, highlight=False)
        return line.strip()

    async def show(self, events: Any) -> dict[str, Any] | None:
        """Render a turn; its interrupt, when it paused for approval."""
        pending = None
        event: ChatEvent
        async for event in events:
            name, data = event
            if name == "metadata":
                self.thread_id = data["thread_id"]
            elif name == "interrupt":
                pending = data
            else:
                self.screen.event(name, data)
        self.screen.end_line()
        return pending

    async def decide(self, interrupt: dict[str, Any]) -> list[dict[str, Any]] | None:
        decisions = []
        for request in interrupt.get("action_requests", []):
            self.screen.approval(request)
            decision = await self.decide_one(request)
            if decision is None:
                return None
            decisions.append(decision)
        return decisions

    async def decide_one(self, request: dict[str, Any]) -> dict[str, Any] | None:
        while True:
            answer = await self.ask("approve, edit or reject? [a/e/r] ")
            if answer is None:
                return None
            choice = CHOICES.get(answer.strip().lower().rstrip(".!"))
            if choice == "approve":
                return {"type": "approve"}
            if choice == "reject":
                why = await self.ask("why (optional)? ")
                return {"type": "reject", **({"message": why} if why else {})}
            if choice == "edit":
                args = await self.ask_args()
                if args is None:
                    return None
                return {"type": "edit", "edited_action": {"name": request["name"], "args": args}}
            self.screen.say(CHOICES_HINT, "red")

    async def ask_args(self) -> dict[str, Any] | None:
        while (raw := await self.ask("new arguments as JSON: ")) is not None:
            try:
                args = orjson.loads(raw)
            except orjson.JSONDecodeError:
                args = None
            if isinstance(args, dict):
                return args
            self.screen.say('that is not a JSON object, e.g. {"amount": 80}', "red")
        return None

    async def settle(self, interrupt: dict[str, Any] | None) -> None:
        """Answer approvals until the turn is over (a resumed turn may ask again)."""
        while interrupt is not None and self.thread_id is not None:
            decisions = await self.decide(interrupt)
            if decisions is None:
                return
            asked = interrupt.get("interrupt_id")
            interrupt = await self.show(
                self.transport.resume(self.thread_id, decisions, asked if asked else None)
            )

    async def run(self) -> None:
        self.screen.say(f"PAM chat ({self.transport.where}). /new, /thread, /quit.", "dim")
        if self.thread_id:
            try:
                past = await self.transport.history(self.thread_id)
            except Refused as exc:  # --local: the thread is not this user's
                raise ChatCliError(f"thread {self.thread_id}: {exc.message}") from None
            self.screen.say(f"thread: {past.title or self.thread_id}", "dim")
            self.screen.history(past.messages[-HISTORY_SHOWN:])
            await self.settle(past.interrupt)
        while (line := await self.ask("you> ")) is not None:
            if line in ("/quit", "/exit"):
                break
            if line == "/new":
                self.thread_id = None
            elif line == "/thread":
                self.screen.say(f"thread {self.thread_id or '(new)'}", "dim")
            elif line:
                try:
                    await self.settle(await self.show(self.transport.chat(line, self.thread_id)))
                except TokenRefused:
                    raise  # every later line would be refused the same way: stop, saying why
                except (ChatCliError, Refused) as exc:
                    self.screen.say(f"error: {exc}", "bold red")
        if self.thread_id:
            self.screen.say(f"thread {self.thread_id} (continue with --thread)", "dim")
