"""The wheels domain's actions (see TOOLS.md), one module per resource: vehicles, fuel
(its fills, and their statistics), maintenance, tyre pressures, trips, weather and saved
places."""

from tools.types import Action, Table
from tools.wheels import (
    fuel,
    fuel_stats,
    maintenance,
    places,
    trips,
    tyres,
    vehicles,
    weather,
)

_MODULES = (vehicles, fuel, fuel_stats, maintenance, tyres, trips, weather, places)
ACTIONS: list[Action] = [action for module in _MODULES for action in module.ACTIONS]
TABLES: list[Table] = [table for module in _MODULES for table in getattr(module, "TABLES", [])]
REST_ONLY_ACTIONS: list[Action] = [vehicles.UPDATE_VEHICLE]

__all__ = ["ACTIONS", "REST_ONLY_ACTIONS", "TABLES"]
