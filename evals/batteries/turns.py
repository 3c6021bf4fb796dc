"""A battery's turns and expected calls, in the eval format (evals/CONTRACT.md)."""

from __future__ import annotations

from typing import Any


def turn(
    user: str,
    route: list[str] | None = None,
    tools: list[dict[str, Any]] | None = None,
    **more: Any,
) -> dict[str, Any]:
    """A user turn; `route`, `tools` and any other expectation only when given."""
    expect: dict[str, Any] = {}
    if route is not None:
        expect["route"] = route
    if tools is not None:
        expect["tools"] = tools
    expect.update(more)
    return {"user": user, "expect": expect}


def call(tool: str, **args: Any) -> dict[str, Any]:
    """An expected call of `tool`, with the arguments it must be given (if any)."""
    return {"name": tool, "args": args} if args else {"name": tool}
