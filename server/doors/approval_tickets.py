"""Approval tickets: how a direct MCP tool call that needs the user's approval (a delete,
a public post) waits for it without the server keeping a session.

The first call runs nothing and answers with a ticket: the action, its validated
arguments and the user, signed (HS256, the server's own secret) and valid for
TICKET_TTL_S. `decide_approval(ticket, decision)` verifies the signature and that the
caller is the ticket's user, spends the ticket (once only: Redis `SET NX` shared by every
instance; without Redis, one hit allowed per ticket lifetime on the coordinator's counter,
in Postgres when processes coordinate through it, else this process's memory) and then
runs the action or declines it.
The arguments cannot be changed between asking and deciding: they are inside the
signature.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid4

import jwt

from server.auth import local_secret
from server.ratelimit import rate_item
from server.resources import Resources

TICKET_TTL_S = 900
AUDIENCE = "pam-approval"
SPENT_KEY = "pam-approval-spent:"
ONCE = f"1/{TICKET_TTL_S} seconds"  # a ticket outlives its window by no second


class TicketError(Exception):
    """A ticket that is forged, expired, someone else's or already used."""


@dataclass(frozen=True)
class Ticket:
    action: str
    args: dict[str, Any]
    ticket_id: str


def _secret(resources: Resources) -> str:
    settings = resources.settings
    if settings.pam_jwt_secret is not None:
        return settings.pam_jwt_secret.get_secret_value()
    return local_secret(settings.pam_data_dir)


def issue(resources: Resources, user: UUID, action: str, args: dict[str, Any]) -> str:
    now = int(time.time())
    claims = {
        "sub": str(user),
        "aud": AUDIENCE,
        "act": action,
        "args": args,
        "jti": str(uuid4()),
        "iat": now,
        "exp": now + TICKET_TTL_S,
    }
    return jwt.encode(claims, _secret(resources), algorithm="HS256")


def read(resources: Resources, user: UUID, ticket: str) -> Ticket:
    """The ticket's call, if it is genuine, unexpired and `user`'s (not yet spent)."""
    try:
        claims = jwt.decode(
            ticket,
            _secret(resources),
            algorithms=["HS256"],
            audience=AUDIENCE,
            options={"require": ["exp", "sub", "jti"]},
        )
    except jwt.PyJWTError:
        raise TicketError("This approval ticket is not valid or has expired.") from None
    if claims.get("sub") != str(user):
        raise TicketError("This approval ticket is not valid or has expired.")
    return Ticket(action=str(claims["act"]), args=dict(claims["args"]), ticket_id=claims["jti"])


async def spend(resources: Resources, ticket: Ticket) -> None:
    """Mark the ticket used; TicketError when it already was."""
    if resources.redis is not None:
        fresh = await resources.redis.set(
            SPENT_KEY + ticket.ticket_id, b"1", nx=True, ex=TICKET_TTL_S
        )
        if not fresh:
            raise TicketError("This approval was already decided.")
        return
    counter = resources.coordinator.counter
    if await counter.hit(rate_item(ONCE), SPENT_KEY + ticket.ticket_id) is not None:
        raise TicketError("This approval was already decided.")
