"""What the model is told about the user each turn: clock, profile, vehicle, memories, client."""

from __future__ import annotations

from typing import Any

from agent.context import Context
from agent.resources import default_pool
from tools.db.scope import user_db
from tools.profile import Profile, load_profile
from tools.wheels.vehicles import resolve_vehicle
from tools.you.memories import list_memories

MAX_MEMORIES = 20


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
    lines = [
        f"Time zone: {profile.timezone}",
        f"Currency: {profile.currency}",
        f"Units: {profile.units}",
    ]
    for label, value in (
        ("Name", profile.display_name),
        ("Home base", profile.home_base),
        ("Travel style", profile.travel_style),
        ("Pets", profile.pets),
    ):
        if value:
            lines.append(f"{label}: {value}")
    return lines


async def load_context_block(ctx: Context) -> str:
    """The `Key: value` lines every prompt of this turn starts with."""
    pool = ctx.pool or await default_pool()
    async with user_db(pool, ctx.user_uuid, now=ctx.clock()) as db:
        profile = await load_profile(db)
        vehicle = await resolve_vehicle(db, None)
        memories = await list_memories(db, limit=MAX_MEMORIES)
    lines = [f"Current time: {ctx.clock().astimezone(profile.tz).isoformat(timespec='seconds')}"]
    lines += _profile_lines(profile)
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
    return "\n".join(lines)
