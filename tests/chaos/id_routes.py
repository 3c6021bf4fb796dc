"""Every route of the API that takes an id in its path, with a request body that passes
validation (so a 404 can only come from ownership); the routes whose path parameter
names nothing user-owned; and the chat routes that take a thread id in the body."""

from __future__ import annotations

from typing import Any

RUN_BODY = {"assistant_id": "pam", "input": {"messages": [{"role": "user", "content": "hi"}]}}
# Every route with an id in its path, and a body that passes validation (so a 404
# can only come from ownership). `isolation_gaps` proves this covers the OpenAPI.
ID_ROUTES: dict[tuple[str, str], Any] = {
    ("GET", "/api/v1/pam/threads/{thread_id}"): None,
    ("DELETE", "/api/v1/pam/threads/{thread_id}"): None,
    ("PATCH", "/api/v1/wins/expenses/{expense_id}"): {"amount": 1},
    ("DELETE", "/api/v1/wins/expenses/{expense_id}"): None,
    ("PATCH", "/api/v1/you/events/{event_id}"): {"title": "mine now"},
    ("DELETE", "/api/v1/you/events/{event_id}"): None,
    ("POST", "/api/v1/you/tasks/{task_id}/complete"): None,
    ("PATCH", "/api/v1/you/tasks/{task_id}"): {"title": "mine now"},
    ("PATCH", "/api/v1/you/pantry/{item_id}"): {"used": 1},
    ("PATCH", "/api/v1/you/shopping-list/{shopping_item_id}"): {"checked": True},
    ("PATCH", "/api/v1/wheels/vehicles/{vehicle_id}"): {"tank_litres": 1},
    ("POST", "/api/v1/social/posts/{post_id}/comments"): {"content": "hello"},
    ("PUT", "/api/v1/social/posts/{post_id}/like"): None,
    ("POST", "/api/v1/social/join-requests/{request_id}"): {"decision": "approve"},
    ("GET", "/threads/{thread_id}"): None,
    ("PATCH", "/threads/{thread_id}"): {"metadata": {"owner": "bob"}},
    ("DELETE", "/threads/{thread_id}"): None,
    ("GET", "/threads/{thread_id}/state"): None,
    ("POST", "/threads/{thread_id}/state"): {"values": {"reply": "hacked"}},
    ("POST", "/threads/{thread_id}/state/checkpoint"): {
        "checkpoint": {"checkpoint_id": "{checkpoint_id}"}
    },
    ("GET", "/threads/{thread_id}/state/{checkpoint_id}"): None,
    ("POST", "/threads/{thread_id}/history"): {},
    ("GET", "/threads/{thread_id}/history"): None,
    ("POST", "/threads/{thread_id}/runs"): RUN_BODY,
    ("GET", "/threads/{thread_id}/runs"): None,
    ("POST", "/threads/{thread_id}/runs/wait"): RUN_BODY,
    ("POST", "/threads/{thread_id}/runs/stream"): RUN_BODY,
    ("GET", "/threads/{thread_id}/runs/{run_id}"): None,
    ("GET", "/threads/{thread_id}/runs/{run_id}/join"): None,
    ("POST", "/threads/{thread_id}/runs/{run_id}/cancel"): None,
    ("GET", "/threads/{thread_id}/runs/{run_id}/stream"): None,
    ("DELETE", "/threads/{thread_id}/runs/{run_id}"): None,
    ("POST", "/threads/{thread_id}/copy"): None,
    ("POST", "/threads/{thread_id}/runs/crons"): {"assistant_id": "pam", "schedule": "0 9 * * *"},
    ("GET", "/assistants/{assistant_id}"): None,
    ("PATCH", "/assistants/{assistant_id}"): {"name": "mine now"},
    ("DELETE", "/assistants/{assistant_id}"): None,
    ("GET", "/assistants/{assistant_id}/graph"): None,
    ("GET", "/assistants/{assistant_id}/schemas"): None,
    ("GET", "/assistants/{assistant_id}/subgraphs"): None,
    ("GET", "/assistants/{assistant_id}/subgraphs/{namespace}"): None,
    ("GET", "/threads/{thread_id}/stream"): None,
    # the v3 thread stream: answering a question waits on the thread, its events
    ("POST", "/threads/{thread_id}/commands"): {
        "id": 1,
        "method": "input.respond",
        "params": {"interrupt_id": "any", "response": {"decisions": [{"type": "approve"}]}},
    },
    ("POST", "/threads/{thread_id}/stream/events"): {"channels": ["values", "lifecycle"]},
    ("POST", "/assistants/{assistant_id}/versions"): {},
    ("POST", "/assistants/{assistant_id}/latest"): {"version": 1},
    ("PATCH", "/runs/crons/{cron_id}"): {"schedule": "0 10 * * *"},
    ("DELETE", "/runs/crons/{cron_id}"): None,
}
# Path parameters that name nothing user-owned: not part of the matrix, and why.
SHARED = {
    "/api/v1/wins/budgets/{category}": "a category name: the caller's own budget for it",
    "/api/v1/social/groups/{group}/membership": "community groups are joinable by design",
}
CHAT: dict[str, dict[str, Any]] = {
    "/api/v1/pam/chat": {"message": "what did I spend?"},
    "/api/v1/pam/chat/stream": {"message": "what did I spend?"},
    "/api/v1/pam/resume": {"decisions": [{"type": "approve"}]},
}


def isolation_gaps(openapi: dict[str, Any]) -> list[str]:
    """Routes with path parameters that the matrix neither probes nor explains."""
    gaps = []
    for path, operations in openapi["paths"].items():
        if "{" not in path or path in SHARED:
            continue
        gaps += [f"{m.upper()} {path}" for m in operations if (m.upper(), path) not in ID_ROUTES]
    return gaps
