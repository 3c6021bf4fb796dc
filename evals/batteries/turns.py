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


def conversation(
    cid: str,
    tags: list[str],
    turns: list[dict[str, Any]],
    *,
    now: str,
    profile: dict[str, Any],
    final: dict[str, Any] | None = None,
    fixtures: dict[str, Any] | None = None,
    client: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A conversation; `client`, `fixtures` and `final_state` only when given."""
    out: dict[str, Any] = {"id": cid, "tags": tags, "now": now, "profile": profile}
    if client:
        out["client"] = client
    if fixtures:
        out["fixtures"] = fixtures
    out["turns"] = turns
    if final:
        out["final_state"] = final
    return out
