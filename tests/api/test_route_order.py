"""The app's routers are included one by one and tried in an order chosen for speed (an
Agent Protocol turn's routes first: server/app.py, server/agent_protocol/__init__.py),
which is only safe while that order decides no request: no path may match routes on
both sides of a reordering. Checked on the app as `pam serve` builds it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from server import agent_protocol
from server.agent_protocol import (
    assistant_admin,
    assistants,
    crons,
    meta,
    protocol_socket,
    protocol_stream,
    run_admin,
    run_streams,
    runs,
    state,
    stateless_runs,
    store_api,
    subgraphs,
    thread_admin,
    thread_stream,
    threads,
)
from server.app import create_app
from server.routes import rest
from tests.api.conftest import server_settings

PARAM = re.compile(r"^\{[^}]+\}$")
ANY_REST = re.compile(r"^\{[^}]+:path\}$")


def _segments(path: str) -> list[str]:
    return [s for s in path.strip("/").split("/") if s] if path != "/" else []


def overlap(a: str, b: str) -> bool:
    """Whether some path matches both templates (a parameter matches any one segment;
    a `:path` parameter, a Mount's rest, any number)."""
    sa, sb = _segments(a), _segments(b)
    for i in range(max(len(sa), len(sb))):
        x = sa[i] if i < len(sa) else None
        y = sb[i] if i < len(sb) else None
        if (x and ANY_REST.match(x)) or (y and ANY_REST.match(y)):
            return True
        if x is None or y is None:
            return False
        if x != y and not PARAM.match(x) and not PARAM.match(y):
            return False
    return True


def templates(route: Any, prefix: str = "") -> Iterator[str]:
    """Every path template under a route or an included router, prefixes applied."""
    included = getattr(route, "original_router", None)
    if included is not None:
        inner = prefix + str(getattr(route.include_context, "prefix", "") or "")
        for child in included.routes:
            yield from templates(child, inner)
        return
    path = str(getattr(route, "path", ""))
    if route.__class__.__name__ == "Mount":
        path = path.rstrip("/") + "/{rest:path}"
    yield prefix + path


def test_overlap_reads_templates() -> None:
    assert overlap("/threads/{thread_id}/runs", "/threads/{thread_id}/runs")
    assert overlap("/threads/{thread_id}/runs/stream", "/threads/{thread_id}/runs/{run_id}")
    assert overlap("/static/{rest:path}", "/static/app.js")
    assert not overlap("/threads/{thread_id}/runs/stream", "/threads/{thread_id}/state/{id}")
    assert not overlap("/threads/{thread_id}", "/threads/{thread_id}/runs")
    assert not overlap("/api/v1/wins/expenses", "/threads/{thread_id}")


def _entries(tmp_path: Any) -> list[tuple[Any, list[str]]]:
    """The app's top-level routes and routers, in order: (the included router or the
    route, its path templates)."""
    app = create_app(server_settings("postgresql://unused", str(tmp_path)))
    return [
        (getattr(route, "original_router", route), list(templates(route)))
        for route in app.router.routes
    ]


def test_only_the_protocols_routers_meet_and_keep_their_order(tmp_path: Any) -> None:
    """Where two of the app's routers could both match a path, both are the Agent
    Protocol's, in the order its package declares (the order then decides as before);
    every other router is alone with its paths, wherever it stands."""
    entries = _entries(tmp_path)
    protocol = list(agent_protocol.ROUTERS)
    for i, (mine, my_paths) in enumerate(entries):
        for theirs, their_paths in entries[i + 1 :]:
            clashes = [(a, b) for a in my_paths for b in their_paths if overlap(a, b)]
            if not clashes:
                continue
            assert mine in protocol and theirs in protocol, clashes
            assert protocol.index(mine) < protocol.index(theirs), clashes
    included = [router for router, _ in entries if router in protocol]
    assert included == protocol


# The Agent Protocol's modules in the order they were tried before issue 19's eighth
# round, when every answer was as it is meant to be.
HISTORIC = (
    meta,
    assistants,
    subgraphs,
    threads,
    thread_stream,
    state,
    runs,
    run_streams,
    assistant_admin,
    stateless_runs,
    run_admin,
    thread_admin,
    store_api,
    crons,
    # added last: langgraph-sdk's threads.stream, over SSE and over a WebSocket
    protocol_stream,
    protocol_socket,
)


def test_modules_that_meet_keep_their_historic_order() -> None:
    """Any two of the protocol's modules that some path matches both are tried in the
    order they always were; only modules no path can meet changed places."""
    declared = list(agent_protocol.ROUTERS)
    assert sorted(map(id, declared)) == sorted(id(m.router) for m in HISTORIC)
    for i, early in enumerate(HISTORIC):
        for late in HISTORIC[i + 1 :]:
            clashes = [
                (a, b)
                for r in early.router.routes
                for a in templates(r)
                for q in late.router.routes
                for b in templates(q)
                if overlap(a, b)
            ]
            if clashes:
                assert declared.index(early.router) < declared.index(late.router), clashes
    assert (runs.router, run_streams.router) == agent_protocol.TURN_ROUTERS


def test_a_turns_route_is_matched_before_the_rest_routes(tmp_path: Any) -> None:
    """The reason for the order: an Agent Protocol turn's request meets no REST route."""
    routers = [router for router, _ in _entries(tmp_path)]
    first_rest = min(routers.index(r) for r in rest.ROUTERS)
    assert all(routers.index(r) < first_rest for r in agent_protocol.TURN_ROUTERS)
