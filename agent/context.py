"""The typed runtime context of a run: who the user is, what time it is, what the client said.

The server builds it from the verified token; evals build it with a fixed clock. The
model never sees or sets `user_id`: tools read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid5

# Runs without a signed-in user (LangGraph Studio / `langgraph dev`) act as this one.
DEV_USER_ID = uuid5(UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "pam-dev-user")


@dataclass(frozen=True)
class Context:
    user_id: str = str(DEV_USER_ID)
    # ISO datetime that fixes the clock (evals, cassettes); None means the wall clock.
    now: str | None = None
    # What the client told us for this turn: location {lat, lng, city, region, country},
    # current_page, timezone.
    client: dict[str, Any] | None = None
    # Process resources (a tools.db.pool.Pool and a tools.services.Services); None means
    # "the defaults from the environment" (agent.resources). Typed Any so the context
    # schema that LangGraph Studio shows stays plain JSON.
    pool: Any = None
    services: Any = None

    @property
    def user_uuid(self) -> UUID:
        return UUID(str(self.user_id))

    def clock(self) -> datetime:
        if self.now:
            moment = datetime.fromisoformat(self.now)
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return datetime.now(UTC)
