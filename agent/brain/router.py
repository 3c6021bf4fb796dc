"""The router's answer: the domains the user's last message needs, in the order asked."""

from __future__ import annotations

from agent.brain import about_you
from agent.brain.convo import Convo
from agent.brain.intents import ticks_off
from agent.brain.pointing import points_back
from agent.brain.slots import DOMAIN
from agent.brain.understand import read_message, recent_kind
from agent.brain.waits import approvals_last
from agent.nodes import GENERAL, DomainNode

ROUTE_TOOL = "route_request"


def route(convo: Convo) -> list[DomainNode]:
    """Domains of the requests in the last message; a reply to PAM's question goes to the
    question's domain; anything else (greetings, thanks, out of scope) to general."""
    if about_you.asks(convo.text):
        return [GENERAL]  # what PAM knows of the user: answered from the context block
    reading = read_message(convo)
    kind = recent_kind(convo) if any(r.tool == "complete_task" for r in reading.requests) else None
    # "got the bread and milk, tick them off" after the shopping list: no tool ticks off a
    # list's items, and no task was meant (general says what PAM can do with the list)
    asked = [
        r for r in reading.requests if not (r.tool == "complete_task" and ticks_off(r.text, kind))
    ]
    domains = approvals_last(asked, convo.env)  # what waits for a yes goes last
    if reading.requests and not asked:
        return [GENERAL]
    if domains:
        return domains
    if reading.pending:
        return [DOMAIN[reading.pending[0]]]
    if reading.say and convo.env.previous:  # the domain that answers for its own write
        return [DOMAIN[convo.env.previous.action]]
    previous = convo.env.previous
    if previous and previous.turns_ago == 1 and points_back(convo.text):
        # "how does that compare with the week before?", "tell me more about the one on the
        # Oodnadatta": about what the turn before showed, which its domain answers for
        return [DOMAIN[previous.action]]
    return [GENERAL]
