"""LangSmith bookkeeping inline, not in a worker thread, while tracing is off.

LangChain's `create_agent` wraps every middleware hook (the dynamic prompt, the model
retry, tool-call wrappers) in LangSmith's `traceable`, which hands its start and end
bookkeeping to the default thread pool: two thread hops per hook call, a dozen per
turn, even with tracing off. Each hop costs a thread wake-up and a GIL hand-off, and
under load waits up to the interpreter's switch interval. With tracing off the work is
a few dictionary look-ups, so it runs inline; with tracing on, LangSmith's default
(threaded) path is kept.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

import langsmith
from langsmith.utils import tracing_is_enabled


async def _inline_unless_tracing(
    default: Callable[..., Any],
    ctx: contextvars.Context,
    func: Callable[..., Any],
    /,
    *args: Any,
    **kwargs: Any,
) -> Any:
    if tracing_is_enabled():
        return await default(ctx, func, *args, **kwargs)
    return ctx.run(func, *args, **kwargs)


def install() -> None:
    """Idempotent; process-wide (LangSmith keeps one runtime override)."""
    langsmith.set_runtime_overrides(aio_to_thread=_inline_unless_tracing)
