"""The router's answer: the domains the user's last message needs, in the order asked."""

from __future__ import annotations

from agent.brain.convo import Convo
from agent.brain.slots import DOMAIN
from agent.brain.understand import read_message
from agent.nodes import GENERAL, DomainNode

ROUTE_TOOL = "route_request"


def route(convo: Convo) -> list[DomainNode]:
    """Domains of the requests in the last message; a reply to PAM's question goes to the
    question's domain; anything else (greetings, thanks, out of scope) to general."""
    reading = read_message(convo)
    domains: list[DomainNode] = list(dict.fromkeys(DOMAIN[r.tool] for r in reading.requests))
    if domains:
        return domains
    if reading.pending:
        return [DOMAIN[reading.pending[0]]]
    if reading.say and convo.env.previous:  # the domain that answers for its own write
        return [DOMAIN[convo.env.previous.action]]
    return [GENERAL]
