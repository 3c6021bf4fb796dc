"""The domain and action kill switches on the REST resources (/api/v1/wins/…): the same
switches the graph honours, so an action switched off cannot be reached around the
agent. The user's flags are evaluated when the request's scoped transaction opens
(server/deps.py), with their profile facts read in that transaction when a rule
targets them, and read when the action is performed (server/routes/rest/common.py).
"""

from __future__ import annotations

from contextvars import ContextVar

from fastapi import HTTPException

from agent.flags import NO_FLAGS, TurnFlags
from server.flags.service import FlagService
from tools.db.scope import UserDb
from tools.types import Action

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
