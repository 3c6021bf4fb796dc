"""create_agent's middleware spans: skipped while LangSmith tracing is off, recorded
(as LangSmith's `traceable` records them) when it is on."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from langchain.agents import create_agent
from langchain.agents.middleware import AgentMiddleware, ModelRequest, ModelResponse
from langchain_core.messages import AIMessage
from langsmith import Client, run_helpers
from langsmith.run_helpers import get_current_run_tree, tracing_context

from agent.inline_tracing import install
from tests.fakes import ScriptedChatModel


class SeesSpan(AgentMiddleware[Any, Any, Any]):
    """Keeps the LangSmith run each model call ran under (None: no span)."""

    def __init__(self) -> None:
        super().__init__()
        self.spans: list[str | None] = []

    async def awrap_model_call(
        self,
        request: ModelRequest[Any],
        handler: Callable[[ModelRequest[Any]], Awaitable[ModelResponse[Any]]],
    ) -> ModelResponse[Any]:
        run = get_current_run_tree()
        self.spans.append(run.name if run is not None else None)
        return await handler(request)


@contextmanager
def langsmith_stand_in() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server standing in for LangSmith's API: accepts everything, keeps
    its port and the paths posted to."""
    posted: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def do_GET(self) -> None:
            self._answer()

        def do_POST(self) -> None:
            posted.append(self.path)
            self._answer()

        def log_message(self, format: str, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1]), posted
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _agent(middleware: SeesSpan) -> Any:
    install()  # as build_graph does, before create_agent
    model = ScriptedChatModel(script=[AIMessage("hi")], loop=True)
    return create_agent(model, tools=[], middleware=[middleware])


def test_a_middleware_hook_has_no_span_while_tracing_is_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # LangSmith's `traceable` starts a run (unsent) for every call even with tracing off:
    # count its starts.
    started: list[str] = []
    setup = run_helpers._setup_run

    def counting(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        started.append(getattr(func, "__name__", ""))
        return setup(func, *args, **kwargs)

    monkeypatch.setattr(run_helpers, "_setup_run", counting)
    seen = SeesSpan()
    with tracing_context(enabled=False):
        out = asyncio.run(_agent(seen).ainvoke({"messages": [("user", "hello")]}))
    assert out["messages"][-1].text == "hi"
    assert seen.spans == [None]
    assert "awrap_model_call" not in started


def test_a_middleware_hook_is_traced_while_tracing_is_on() -> None:
    seen = SeesSpan()
    with langsmith_stand_in() as (port, posted):
        client = Client(api_url=f"http://127.0.0.1:{port}", api_key="test-key")
        with tracing_context(enabled=True, client=client):
            out = asyncio.run(_agent(seen).ainvoke({"messages": [("user", "hello")]}))
        client.flush()
    assert out["messages"][-1].text == "hi"
    assert seen.spans == ["SeesSpan.awrap_model_call"]
    assert posted, "the trace reached the stand-in"
