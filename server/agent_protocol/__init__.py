"""The LangGraph Agent Protocol subset (PROTOCOLS.md), so that the official SDKs,
`useStream` and agent-chat-ui work against PAM's own server, auth and Postgres."""

from fastapi import APIRouter

from server.agent_protocol import (
    assistants,
    meta,
    run_streams,
    runs,
    state,
    subgraphs,
    thread_stream,
    threads,
)

router = APIRouter()
for module in (meta, assistants, subgraphs, threads, thread_stream, state, runs, run_streams):
    router.include_router(module.router)

__all__ = ["router"]
