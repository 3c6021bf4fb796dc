"""A Starlette route that names itself in the request scope, as FastAPI's routes do, so
the metrics and logs label a door's requests by its path (not "unmatched")."""

from __future__ import annotations

from starlette.routing import Match, Route
from starlette.types import Scope


class DoorRoute(Route):
    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child = super().matches(scope)
        if match != Match.NONE:
            child["route"] = self
        return match, child
