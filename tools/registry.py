"""Every action and eval table, found by name or domain. The one registry there is."""

from __future__ import annotations

from tools import social, wheels, wins, you
from tools.types import Action, Domain, Table

ACTIONS: tuple[Action, ...] = (*wins.ACTIONS, *wheels.ACTIONS, *you.ACTIONS, *social.ACTIONS)
ACTIONS_BY_NAME: dict[str, Action] = {a.name: a for a in ACTIONS}
# Actions a REST route offers that the assistant has no tool for (its tools stay TOOLS.md's
# list): corrections a client makes on a row it shows.
REST_ONLY_ACTIONS: tuple[Action, ...] = (
    *wheels.REST_ONLY_ACTIONS,
    *you.REST_ONLY_ACTIONS,
    *social.REST_ONLY_ACTIONS,
)
TABLES: dict[str, Table] = {
    t.name: t for t in (*wins.TABLES, *wheels.TABLES, *you.TABLES, *social.TABLES)
}


def actions_for(domain: Domain) -> list[Action]:
    return [a for a in ACTIONS if a.domain == domain]
