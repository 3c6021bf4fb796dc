"""What the model is told about the user each turn: profile, vehicle, memories, client —
and, apart, the clock (the only lines that change from one turn to the next)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from langchain_core.messages import AIMessage

from agent.context import Context
from agent.resources import pool_of
from agent.transcript import recent_query, waiting_in
from tools.db.scope import user_reads
from tools.profile import Profile, profile_from, profile_query
from tools.wheels.vehicles import VehicleOut, default_vehicle, vehicles_query
from tools.you.memories import memories_query
from tools.you.models import MemoryOut

MAX_MEMORIES = 20
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _client_lines(client: dict[str, Any] | None) -> list[str]:
    if not client:
        return []
    lines = []
    location = client.get("location") or {}
    if isinstance(location, dict) and location:
        place = ", ".join(
            str(location[k]) for k in ("city", "region", "country") if location.get(k)
        )
        coords = (
            f" ({location['lat']},{location['lng']})"
            if location.get("lat") is not None and location.get("lng") is not None
            else ""
        )
        lines.append(f"User location: {place or 'unknown place'}{coords}")
    if client.get("current_page"):
        lines.append(f"Current page: {client['current_page']}")
    return lines


def _profile_lines(profile: Profile) -> list[str]:
    lines = [f"Time zone: {profile.effective_timezone}"]
    if profile.device_timezone:
        lines.append(f"Time zone source: the user's device (their profile says {profile.timezone})")
    lines += [f"Currency: {profile.currency}", f"Units: {profile.units}"]
    for label, value in (
        ("Name", profile.display_name),
        ("Home base", profile.home_base),
        ("Travel style", profile.travel_style),
        ("Pets", profile.pets),
    ):
        if value:
            lines.append(f"{label}: {value}")
    return lines


def clock_lines(now: datetime) -> str:
    """`Current time` (to the minute, in the user's zone), the weekday, and the next seven
    days by name, so "Friday" or "next Tuesday" need no calendar arithmetic."""
    week = ", ".join(
        f"{_DAYS[d.weekday()][:3]} {d.isoformat()}"
        for d in (now.date() + timedelta(days=i) for i in range(1, 8))
    )
    return "\n".join(
        [
            f"Current time: {now.isoformat(timespec='minutes')}",
            f"Today: {_DAYS[now.weekday()]} {now.date().isoformat()}",
            f"Next 7 days: {week}",
        ]
    )


@dataclass(frozen=True)
class TurnFacts:
    context_block: str  # the user's `Key: value` lines: profile, vehicle, client, memories
    clock_block: str  # the clock lines: the only part that changes every turn
    time_zone: str  # the turn's effective zone (the device's, else the profile's)
    # An approval the user was asked and has not answered (agent.approvals).
    waiting: AIMessage | None = None


async def load_context_block(ctx: Context, thread_id: str | None = None) -> TurnFacts:
    """What every prompt of this turn is told about the user and the time, and what the
    thread's last turn left waiting for the user's OK."""
    pool = await pool_of(ctx)
    user = ctx.user_uuid
    queries = [profile_query(user), vehicles_query(user), memories_query(user, MAX_MEMORIES)]
    if thread_id:
        queries.append(recent_query(thread_id))
    # One round trip for all of it, instead of one per read and for BEGIN and COMMIT.
    found = await user_reads(pool, user, queries)
    profile = profile_from(next(iter(found[0]), None), ctx.time_zone)
    vehicle = default_vehicle([VehicleOut(**row) for row in found[1]])
    memories = [MemoryOut(**row) for row in found[2]]
    waiting = waiting_in(found[3]) if thread_id else None
    lines = _profile_lines(profile)
    if vehicle is not None:
        detail = ", ".join(
            str(v)
            for v in (
                vehicle.fuel_type,
                f"{vehicle.consumption_l_per_100km} L/100km"
                if vehicle.consumption_l_per_100km
                else None,
            )
            if v
        )
        lines.append(f"Vehicle: {vehicle.name}" + (f" ({detail})" if detail else ""))
    lines += _client_lines(ctx.client)
    if memories:
        lines.append("Memories:")
        lines += [f"- {m.note}" for m in memories]
    now = ctx.clock().astimezone(profile.tz)
    return TurnFacts("\n".join(lines), clock_lines(now), profile.effective_timezone, waiting)
