"""Running one scripted client on both sides and comparing what each got back."""

from __future__ import annotations

import difflib
import json
from collections.abc import Awaitable, Callable
from typing import Any

from tests.conformance.normalise import normalise
from tests.conformance.sides import ASSISTANT, Caller, Side

Script = Callable[[Caller], Awaitable[Any]]


async def on_both(sides: tuple[Side, Side], script: Script) -> tuple[Any, Any]:
    """The script's result on `langgraph dev` and on PAM, each for a fresh user, normalised."""
    found = []
    for side in sides:
        try:
            async with side.client() as caller:
                found.append(normalise(await script(caller)))
        except BaseException as exc:  # which server a failure or a hang came from
            exc.add_note(f"(on the {side.name} side: {side.url})")
            raise
    return found[0], found[1]


async def same_on_both(sides: tuple[Side, Side], script: Script) -> Any:
    reference, pam = await on_both(sides, script)
    assert pam == reference, _diff(reference, pam)
    return pam


def _diff(reference: Any, pam: Any) -> str:
    a = json.dumps(reference, indent=1, sort_keys=True, default=str).splitlines()
    b = json.dumps(pam, indent=1, sort_keys=True, default=str).splitlines()
    lines = difflib.unified_diff(a, b, "langgraph dev", "pam serve", lineterm="", n=2)
    return "\n" + "\n".join(list(lines)[:120])


def say(text: str) -> Any:
    return {"messages": [{"role": "user", "content": text}]}


async def stream(caller: Caller, thread_id: str | None, **kwargs: Any) -> list[list[Any]]:
    """A run streamed on the thread: [event, data] pairs (PAM's closing `end` apart:
    differences.py)."""
    if "context" not in kwargs:
        kwargs["context"] = caller.context
    return [
        [part.event, part.data]
        async for part in caller.sdk.runs.stream(thread_id, ASSISTANT, **kwargs)
        if part.event != "end"
    ]


async def new_thread(caller: Caller) -> str:
    thread = await caller.sdk.threads.create()
    return str(thread["thread_id"])
