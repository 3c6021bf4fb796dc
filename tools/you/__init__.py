"""The you domain's actions (see TOOLS.md): calendar, tasks, pantry, shopping list,
profile and long-term memories.

Tables for evals: events, tasks, pantry, shopping_list (one row per item:
`{"id", "name", "checked"}`; see `shopping_fixture_args` for fixture rows) and memories.
"""

from tools.types import Action, Table
from tools.you import events, memories, pantry, profile_actions, shopping, tasks
from tools.you.event_times import EventOut
from tools.you.events import create_event, delete_event, list_events, update_event
from tools.you.memories import list_memories, remember
from tools.you.models import MemoryOut, PantryItemOut, ShoppingItemOut, TaskOut
from tools.you.pantry import add_pantry_item, list_pantry
from tools.you.profile_actions import ProfileOut, update_profile
from tools.you.shopping import add_to_shopping_list, get_shopping_list, shopping_fixture_args
from tools.you.tasks import add_task, complete_task, list_tasks

ACTIONS: list[Action] = [
    *events.ACTIONS,
    *tasks.ACTIONS,
    *pantry.ACTIONS,
    *shopping.ACTIONS,
    *profile_actions.ACTIONS,
    *memories.ACTIONS,
]
REST_ONLY_ACTIONS: list[Action] = [
    tasks.UPDATE_TASK,
    pantry.UPDATE_PANTRY_ITEM,
    shopping.UPDATE_SHOPPING_ITEM,
]
TABLES: list[Table] = [
    *events.TABLES,
    *tasks.TABLES,
    *pantry.TABLES,
    *shopping.TABLES,
    *memories.TABLES,
]

__all__ = [
    "ACTIONS",
    "REST_ONLY_ACTIONS",
    "TABLES",
    "EventOut",
    "MemoryOut",
    "PantryItemOut",
    "ProfileOut",
    "ShoppingItemOut",
    "TaskOut",
    "add_pantry_item",
    "add_task",
    "add_to_shopping_list",
    "complete_task",
    "create_event",
    "delete_event",
    "get_shopping_list",
    "list_events",
    "list_memories",
    "list_pantry",
    "list_tasks",
    "remember",
    "shopping_fixture_args",
    "update_event",
    "update_profile",
]
