"""The typed runtime context of a run: who the user is, what time it is, what the client said.

The server builds it from the verified token; evals build it with a fixed clock. The
model never sees or sets `user_id`: tools read it from here.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid5
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from agent.flags import NO_FLAGS, TurnFlags
from tools.geo.zones import zone_at

# Runs without a signed-in user (LangGraph Studio / `langgraph dev`) act as this one.
DEV_USER_ID = uuid5(UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "pam-dev-user")
DEFAULT_TURN_BUDGET_S = 30.0


def turn_budget_from_env() -> float:
    """PAM_TURN_DEADLINE_S: seconds a turn may spend on its model before PAM apologises."""
    try:
        value = float(os.environ.get("PAM_TURN_DEADLINE_S") or DEFAULT_TURN_BUDGET_S)
    except ValueError:
        return DEFAULT_TURN_BUDGET_S
    return value if value > 0 else DEFAULT_TURN_BUDGET_S


def known_zone(name: object) -> str | None:
    """`name` when it is an IANA time zone this machine knows, else None."""
    if not isinstance(name, str) or not name or len(name) > 64:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


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
    # Seconds the turn may spend waiting on its model, retries included, before PAM
    # apologises; `deadline` (time.monotonic()) is set when the turn starts running.
    turn_budget_s: float = field(default_factory=turn_budget_from_env)
    deadline: float | None = None
    # The feature flags and experiment arm of this run, evaluated for its user when it
    # started (server/flags); the defaults when nobody evaluated them (evals, Studio).
    flags: TurnFlags = NO_FLAGS
    # Write the reply's text through the stream writer as it comes (agent/reply_stream.py):
    # PAM's chat turns, which stream without LangGraph's `messages` mode.
    reply_tokens: bool = False

    @property
    def user_uuid(self) -> UUID:
        return UUID(str(self.user_id))

    @property
    def time_zone(self) -> str | None:
        """The zone the client says the user is in now (a traveller's device), when it
        is one we know; else the zone of the location it sends (a traveller now in
        Adelaide: tools.geo.zones). The turn's effective zone is this one, else the
        profile's (tools.profile.Profile.effective_timezone): tools read "today" and
        naive times in it, and the prompt's `Time zone:` line (which the offline brain's
        clock reads) is it."""
        client = self.client or {}
        if zone := known_zone(client.get("timezone")):
            return zone
        place = client.get("location")
        if not isinstance(place, dict):
            return None
        texts = [place.get(k) for k in ("city", "region", "country")]
        city, region, country = (
            t.strip()[:120] or None if isinstance(t, str) else None for t in texts
        )
        lat, lng = place.get("lat"), place.get("lng")
        if isinstance(lat, int | float) and isinstance(lng, int | float):
            return zone_at(city, region, country, float(lat), float(lng))
        return zone_at(city, region, country)

    def clock(self) -> datetime:
        if self.now:
            moment = datetime.fromisoformat(self.now)
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return datetime.now(UTC)

    def starting_turn(self) -> Context:
        """This context with the turn's deadline set from now (a run starting)."""
        return replace(self, deadline=time.monotonic() + self.turn_budget_s)

    def turn_deadline(self) -> float:
        """When the turn's model time runs out (a context whose run set none: from now)."""
        return self.deadline if self.deadline is not None else time.monotonic() + self.turn_budget_s
