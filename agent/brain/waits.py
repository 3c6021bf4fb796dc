"""Which requests of a message wait for the person's approval, and the order of domains
that lets the others be done in the turn: "delete the 75 camping one and add a task to
email the park" adds the task, then asks about the delete (the graph runs the routed
domains one after another, and a call that waits for approval ends the turn)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from agent.brain.convo import Env
from agent.brain.slots import DOMAIN, EXTRACT, OWN_WORDS
from agent.nodes import DomainNode
from tools.registry import ACTIONS_BY_NAME


class Asked(Protocol):
    @property
    def tool(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def raw(self) -> str: ...


def waits(request: Asked, env: Env) -> bool:
    """Whether the request's call will be asked about before it runs (a delete, a post to
    everyone), as the tool's own rule says for the arguments the message gives."""
    rule = ACTIONS_BY_NAME[request.tool].needs_approval
    if rule is None:
        return False
    said = request.raw if request.tool in OWN_WORDS else request.text
    return rule(EXTRACT[request.tool](said, env).args)


def approvals_last(requests: Sequence[Asked], env: Env) -> list[DomainNode]:
    """The requests' domains in the order asked, but a domain with a request that waits for
    approval after the domains with none."""
    domains: list[DomainNode] = list(dict.fromkeys(DOMAIN[r.tool] for r in requests))
    waiting = {DOMAIN[r.tool] for r in requests if waits(r, env)}
    return [d for d in domains if d not in waiting] + [d for d in domains if d in waiting]
