"""LangSmith's middleware spans cost nothing while tracing is off.

LangChain's `create_agent` wraps every middleware hook (the model-call and tool-call
wrappers) in LangSmith's `traceable`. With tracing off that wrapper still does its whole
bookkeeping on every call: it copies the context, builds a run from the config, sets and
resets the tracing context, and hands its start and end to the default thread pool (two
thread hops per hook call, each a thread wake-up and a GIL hand-off).

Two things here, both decided per call so that turning tracing on (environment,
`tracing_context`, a parent run) still records every span as before:

- `traced_when_on`, the `traceable` `create_agent` uses (`install` puts it in place):
  the hook is called directly while `tracing_is_enabled()` is false, else through
  LangSmith's `traceable` as before;
- LangSmith's start and end bookkeeping run inline, not in a worker thread, while
  tracing is off (for any `traceable` left, e.g. a caller's own).
"""

from __future__ import annotations

import contextvars
import functools
import inspect
from collections.abc import Callable
from typing import Any

import langsmith
from langchain.agents import factory
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


def traced_when_on(*args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Any]:
    """`langsmith.traceable(...)` whose span is skipped while tracing is off (the
    keyword form `create_agent` uses: `traced_when_on(name=...)(hook)`)."""
    decorate = langsmith.traceable(*args, **kwargs)

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        traced = decorate(func)
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def async_hook(*a: Any, **kw: Any) -> Any:
                if tracing_is_enabled():
                    return await traced(*a, **kw)
                return await func(*a, **kw)

            return async_hook

        @functools.wraps(func)
        def hook(*a: Any, **kw: Any) -> Any:
            if tracing_is_enabled():
                return traced(*a, **kw)
            return func(*a, **kw)

        return hook

    return decorator


def install() -> None:
    """Idempotent; process-wide (LangSmith keeps one runtime override). Before
    `create_agent` is called: it looks `traceable` up when it builds an agent."""
    langsmith.set_runtime_overrides(aio_to_thread=_inline_unless_tracing)
    factory.traceable = traced_when_on  # type: ignore[assignment]
