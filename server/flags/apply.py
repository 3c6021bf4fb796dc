"""Where the flags take effect: each run's context and metadata, the kill switches on the
REST resources, and the turns counted by experiment arm on /metrics.

Every door (REST chat, SSE, WebSocket, Agent Protocol) starts its runs through
RunManager.start, which gives each run its user's flags here (`flagged_run`): the same
flags whatever the door, evaluated for the authenticated user of the run (never a user id
from a request body or the model), with the user's profile facts when a rule targets them.

The domain and action kill switches on the REST resources (/api/v1/wins/…) are the same
switches the graph honours, so an action switched off cannot be reached around the agent.
The user's flags are evaluated when the request's scoped transaction opens (server/deps.py,
`use_flags_of`), with their profile facts read in that transaction when a rule targets
them, and read when the action is performed (server/routes/rest/common.py,
`refuse_if_paused`).

The arm label on /metrics is `<model>/<prompt>` (agent/flags.py). Arms come from flag
values that admins set, so they are few; still, past MAX_ARMS distinct arms in one process
the rest count as `other`, so a long run of experiments cannot grow the series without end.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import replace
from typing import Any
from uuid import UUID

from fastapi import HTTPException
from prometheus_client import Counter, Histogram

from agent.context import Context
from agent.flags import EXPERIMENT_KEYS, NO_FLAGS, TurnFlags
from server.flags.service import FlagService
from tools.db.scope import UserDb
from tools.types import Action


async def flagged_run(
    flags: FlagService | None, user_id: UUID, context: Context, metadata: dict[str, Any] | None
) -> tuple[Context, dict[str, Any]]:
    """The run's context with its flags, and its metadata with its experiment arm."""
    turn = await flags.for_run(user_id, context.client) if flags is not None else context.flags
    # The arm is the server's to say: a client's own experiment_* keys would label the
    # arms' metrics with any text (and fill their MAX_ARMS slots) outside any experiment.
    own = {k: v for k, v in (metadata or {}).items() if k not in EXPERIMENT_KEYS}
    return replace(context, user_id=str(user_id), flags=turn), {**own, **turn.run_metadata()}


REQUEST_FLAGS: ContextVar[TurnFlags] = ContextVar("REQUEST_FLAGS", default=NO_FLAGS)
RETRY_AFTER_S = "60"


async def use_flags_of(flags: FlagService | None, db: UserDb) -> None:
    REQUEST_FLAGS.set(await flags.for_run(db.user_id, db=db) if flags is not None else NO_FLAGS)


def refuse_if_paused(action: Action) -> None:
    """503 with the switch's message when the action or its domain is off: nothing runs."""
    flags = REQUEST_FLAGS.get()
    paused = flags.paused_domain(action.domain) or flags.paused_action(action.name)
    if paused is not None:
        raise HTTPException(503, paused, headers={"Retry-After": RETRY_AFTER_S})


EXPERIMENT_TURNS = Counter(
    "pam_experiment_turns", "Chat turns by experiment arm (model/prompt).", ["variant"]
)
EXPERIMENT_TURN_LATENCY = Histogram(
    "pam_experiment_turn_seconds",
    "Chat turn latency by experiment arm (model/prompt).",
    ["variant"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
)
MAX_ARMS = 20
_seen: set[str] = set()


def arm_label(variant: str) -> str:
    if variant in _seen or len(_seen) < MAX_ARMS:
        _seen.add(variant)
        return variant
    return "other"


def observe_arm(variant: str, seconds: float) -> None:
    label = arm_label(variant)
    EXPERIMENT_TURNS.labels(variant=label).inc()
    EXPERIMENT_TURN_LATENCY.labels(variant=label).observe(seconds)
