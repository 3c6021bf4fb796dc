"""PAM's deliberate differences from `langgraph dev`, each by name with its reason.

The suite compares everything else; these are the only things it lets differ.
"""

from __future__ import annotations

from typing import Any

from langgraph.checkpoint.base import EXCLUDED_METADATA_KEYS

DIFFERENCES: dict[str, str] = {
    "auth": (
        "PAM authenticates every call (a bearer token or X-Api-Key); `langgraph dev` has no "
        "auth. The suite sends each side its own way of naming the caller."
    ),
    "user_id in metadata": (
        "PAM adds the caller's `user_id` (from the token) to thread and run metadata and "
        "never takes one from a client; `langgraph dev` has no users. The key is dropped "
        "before comparing."
    ),
    "thread ids per user": (
        "Thread ids are per user in PAM: an id another user has is, to the caller, an "
        "unused one (a new thread of their own, sharing nothing); `langgraph dev` has no "
        "users and one namespace, so a second caller's create with a taken id is a 409 "
        "there. Each case runs for its own fresh user, so the suite compares a user's own "
        "threads, where the two agree."
    ),
    "idempotent message_id": (
        "PAM records a run's client `message_id` so a retried message is not run twice; "
        "LangGraph has no such key. It is dropped before comparing."
    ),
    "host metadata": (
        "LangGraph's server stamps its own version, plan and host into run metadata "
        "(langgraph_version, langgraph_api_version, langgraph_plan, langgraph_host, "
        "langgraph_api_url, run_attempt); PAM is another host. Dropped before comparing."
    ),
    "end event": (
        "PAM closes every run stream with `event: end`, which the SDKs take as the run's "
        "end (no reconnect); `langgraph dev` closes the stream without it. Dropped before "
        "comparing."
    ),
    "host configurable": (
        "LangGraph's server puts its request and auth bookkeeping into every run's "
        "configurable (langgraph_auth_user, langgraph_auth_user_id, "
        "langgraph_auth_permissions, langgraph_request_id, __request_start_time_ms__, "
        "__after_seconds__, and __context_provided__, its marker for a run given a "
        "context) and `created_by` into its metadata; PAM's auth is its own, and every "
        "PAM run has a context (the caller, from the token). Dropped before comparing."
    ),
    "CORS origins": (
        "`langgraph dev` answers any origin (`Access-Control-Allow-Origin: *`); PAM only "
        "the origins in CORS_ORIGINS (docs/studio.md adds Studio's), echoed back."
    ),
    "private-network preflight": (
        "Both answer Studio's preflight with `Access-Control-Allow-Private-Network: true`, "
        "but `langgraph dev` (langgraph-api 0.16 on this Starlette) answers it with status "
        "400 'Disallowed CORS private-network'; PAM answers 200, which browsers need."
    ),
    "schemas": (
        "PAM's assistant and subgraph schemas give the state as the graph's output schema, "
        "no configurable schema (the graph takes none) and, as context, what a client may "
        "send (never a user). Subgraph cases compare namespaces, input and output schemas."
    ),
    "checkpoint metadata keys": (
        "`langgraph dev`'s in-memory checkpointer also writes the thread id, checkpoint "
        "namespace and node bookkeeping (LangGraph's EXCLUDED_METADATA_KEYS) into a "
        "checkpoint's metadata; LangGraph's Postgres checkpointer, which PAM uses, leaves "
        "them out on purpose. Dropped from state metadata before comparing (the same "
        "facts are in every state's `checkpoint`)."
    ),
    "thread server metadata": (
        "PAM serves one graph, so a thread's metadata carries `graph_id` and "
        "`assistant_id` from its creation (server-set, never taken from a client); "
        "`langgraph dev` adds them at the thread's first run. A run inherits its thread's "
        "metadata (as under LangGraph's server), so a run on a thread new to "
        "`langgraph dev` lacks `graph_id` there. The SDK sweep leaves them out of a "
        "thread's and a run's shape (its metadata, and its config's in `kwargs`)."
    ),
    "join replays a run": (
        "`runs.join_stream` without Last-Event-ID: PAM sends the run's events from its "
        "start (`metadata` first) while it keeps the run, a finished one included, so a "
        "`runs.create` then `join_stream` never loses what ran between the two calls; "
        "`langgraph dev` sends only what comes after the join (nothing for a finished "
        "run). With Last-Event-ID both send what came after that id."
    ),
    "deleting a running run": (
        "`runs.delete` of a run still running is a 409 ('cancel it first') in PAM; "
        "`langgraph dev` deletes the row and leaves its thread `busy` with no run to "
        "list, join or cancel."
    ),
    "an unknown checkpoint": (
        "A `checkpoint_id` the thread does not have (get_state, a run's fork) is a 404 "
        "naming it in PAM; `langgraph dev` answers an empty state, or runs the fork "
        "anyway (a full turn, no error)."
    ),
    "bad run input up front": (
        "A run whose `input` is not an object, or names a node no breakpoint can have, is "
        "a 422 before anything starts in PAM; `langgraph dev` starts the stream and sends "
        "an `error` event (input), or ignores the name (breakpoints)."
    ),
    "thread stream values": (
        "`threads.stream` (v3): PAM's `values` events carry the state as its other streams "
        "send it (LangChain's message dicts; an AI message's text as `content`, its calls "
        "in `tool_calls`); `langgraph dev` turns a v3 run's AI messages into content "
        "blocks (`output_version` v1) and leaves empty fields out. test_thread_stream_v3 "
        "compares each message's type, text and tool calls, and the reply."
    ),
    "thread stream channels": (
        "`threads.stream` (v3): PAM sends `lifecycle`, `input`, `values`, `updates` "
        "({node, values}), `messages`, `tools` and `custom`, and no `tasks` or `checkpoints` "
        "event. `langgraph dev` (langgraph-api 0.16.7 on langgraph 1.2.24) sends, for PAM's "
        "graph served with a transformer asking LangGraph's `tools` mode "
        "(reference_graph.py), `lifecycle`, `input`, `values`, `messages` and `tools`: no "
        "`updates` (no transformer asks for the mode), no `tasks` (LangGraph's lifecycle "
        "transformer folds them into `lifecycle`) and no `checkpoints` (LangGraph's "
        "payload has no `id`, which langgraph-api's session requires, so it drops each). "
        "Served plain graph.py, it sends no `tools` either. The case compares `lifecycle`, "
        "`input`, `values`, `messages` and `tools`."
    ),
    "thread stream seq": (
        "`threads.stream` (v3): an event's `seq` is the same on every stream of the thread "
        "in both; PAM numbers a run's events up from its start time (ms x 1000), "
        "`langgraph dev` counts the thread's events from 1. Either only ever grows, which "
        "is all a client's `since` needs. Not compared (ids are normalised)."
    ),
    "thread stream subscriptions over HTTP": (
        "`threads.stream` (v3): `subscription.subscribe`/`unsubscribe` posted to "
        "`/threads/{id}/commands` are `not_supported` in PAM (over HTTP a subscription is "
        "the body of `POST /threads/{id}/stream/events`); `langgraph dev` answers success "
        "for a subscription nothing delivers. The SDK never posts them. Likewise "
        "`agent.getTree` and `subscription.reconnect` posted over HTTP: `not_supported` in "
        "PAM, naming where they are served (the WebSocket; over HTTP `GET "
        "/assistants/{id}/graph`, or the event stream's `since`); `no_such_run` from "
        "`langgraph dev` (an HTTP command has no run of its own there)."
    ),
    "thread stream commands not served": (
        "`threads.stream` (v3): `state.get`, `state.listCheckpoints`, `state.fork` and "
        "`input.inject` are `not_supported` in PAM, each message naming the REST call that "
        "does it; `langgraph dev` (langgraph-api 0.16.7) does not serve them either and "
        "answers `unknown_command`."
    ),
    "thread stream socket": (
        "`threads.stream` (v3) over the WebSocket: a subscription's id is a UUID from "
        "`langgraph dev`, `sub-<n>` from PAM (a reconnect keeps the id it names on both); "
        "`langgraph dev` replays what a subscription or reconnect matches before answering "
        "and counts it in `replayed_events`, PAM answers first (`replayed_events` 0) and then "
        "sends them. The case compares whether an id is named, not the count."
    ),
    "thread stream refusal messages": (
        "`threads.stream` (v3): a refused command has the protocol's error shape and the "
        "same code on both sides (`unknown_command`, `invalid_argument`, "
        "`no_such_interrupt`, and the same HTTP status); the message is each server's "
        "own, PAM's naming what to send instead. The case compares status, type, id, code."
    ),
}

# A thread's metadata keys PAM sets from its creation ("thread server metadata").
SERVER_METADATA = frozenset({"graph_id", "assistant_id"})

IGNORED_KEYS = frozenset(
    {
        "user_id",
        "message_id",
        "langgraph_version",
        "langgraph_api_version",
        "langgraph_plan",
        "langgraph_host",
        "langgraph_api_url",
        "run_attempt",
        "langgraph_auth_user",
        "langgraph_auth_user_id",
        "langgraph_auth_permissions",
        "langgraph_request_id",
        "__request_start_time_ms__",
        "__after_seconds__",
        "__context_provided__",
        "created_by",
    }
)


def without_checkpoint_thread(states: Any) -> Any:
    """States (one or a list) without the metadata keys above."""
    if isinstance(states, list):
        return [without_checkpoint_thread(s) for s in states]
    if isinstance(states, dict) and isinstance(states.get("metadata"), dict):
        metadata = {k: v for k, v in states["metadata"].items() if k not in EXCLUDED_METADATA_KEYS}
        return {**states, "metadata": metadata}
    return states
