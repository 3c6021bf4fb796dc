"""The LangGraph Agent Protocol subset (PROTOCOLS.md), so that the official SDKs,
`useStream` and agent-chat-ui work against PAM's own server, auth and Postgres."""

from fastapi import APIRouter

from server.agent_protocol import (
    assistant_admin,
    assistants,
    crons,
    meta,
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

router = APIRouter()
for module in (meta, assistants, subgraphs, threads, thread_stream, state, runs, run_streams):
    router.include_router(module.router)
# Issue 18 part B: resources beyond the original subset, each in its own module.
for module in (assistant_admin, stateless_runs, run_admin, thread_admin, store_api, crons):
    router.include_router(module.router)

__all__ = ["router"]
