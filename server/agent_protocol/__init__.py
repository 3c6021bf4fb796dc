"""The LangGraph Agent Protocol subset (PROTOCOLS.md), so that the official SDKs,
`useStream` and agent-chat-ui work against PAM's own server, auth and Postgres."""

from fastapi import APIRouter

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

# Each module's router, included by the app one by one (server/app.py): FastAPI walks an
# included router's routes, a regular expression each, twice per level of nesting, so a
# router of routers made every Agent Protocol request try ~80 routes twice over. A
# turn's routes (`runs`, `run_streams`) come first: no path matches both them and a
# route of the six modules they precede (tests/api/test_route_order.py), so no request
# is answered differently.
TURN_ROUTERS: tuple[APIRouter, ...] = (runs.router, run_streams.router)
OTHER_ROUTERS: tuple[APIRouter, ...] = tuple(
    module.router
    for module in (
        meta,
        assistants,
        subgraphs,
        threads,
        thread_stream,
        state,
        # Issue 18 part B: resources beyond the original subset, each in its own module.
        assistant_admin,
        stateless_runs,
        run_admin,
        thread_admin,
        store_api,
        crons,
        # langgraph-sdk's thread-centric streaming (`threads.stream`).
        protocol_stream,
        protocol_socket,
    )
)
ROUTERS = TURN_ROUTERS + OTHER_ROUTERS

__all__ = ["OTHER_ROUTERS", "ROUTERS", "TURN_ROUTERS"]
