"""add_to_shopping_list and get_shopping_list, plus the shopping_list table as evals read it;
and update_shopping_item, a REST route's only (PATCH /you/shopping-list/{id}: tick an item
off, or correct it), not a tool of the assistant's.

The table is one row per item, `{"id", "name", "checked"}`, although the action that
makes rows takes a list: a fixture row `{"items": [...]}` is passed to the action as is,
and `{"name": "milk"}` is turned into `{"items": ["milk"]}` by `shopping_fixture_args`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any
from uuid import UUID

from pydantic import Field, StringConstraints

from tools.db.scope import UserDb, one_writer
from tools.format import and_list
from tools.types import Action, ActionError, ActionResult, Args, Table, UiAction, not_found
from tools.values import Shown
from tools.you.models import ShoppingAddResult, ShoppingItemOut, ShoppingListResult

ItemName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), Shown
]


async def _select_items(db: UserDb) -> list[ShoppingItemOut]:
    cur = await db.conn.execute(
        "SELECT id, name, checked FROM shopping_list_items WHERE user_id = %s"
        " ORDER BY checked, lower(name), id",
        (db.user_id,),
    )
    return [ShoppingItemOut(**row) for row in await cur.fetchall()]


class AddToShoppingListArgs(Args):
    items: Annotated[list[ItemName], Field(min_length=1, max_length=50)] = Field(
        description="One entry per item, quantities in the text.", examples=[["eggs", "2L milk"]]
    )


async def add_to_shopping_list(db: UserDb, args: AddToShoppingListArgs) -> ShoppingAddResult:
    """Items already on the list (not yet ticked off) are skipped, ignoring case."""
    await one_writer(db, "shopping")  # adds at once of one item added it twice (try18)
    # Folded name -> the name as it is on the list, to say what was skipped.
    listed = {i.name.casefold(): i.name for i in await _select_items(db) if not i.checked}
    new: list[str] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for name in args.items:
        key = name.casefold()
        if key not in seen:  # a repeat within this request counts once
            seen.add(key)
            (skipped if key in listed else new).append(listed.get(key, name))
    added: list[ShoppingItemOut] = []
    for name in new:
        cur = await db.conn.execute(
            "INSERT INTO shopping_list_items (user_id, name) VALUES (%s, %s)"
            " RETURNING id, name, checked",
            (db.user_id, name),
        )
        row = await cur.fetchone()
        assert row is not None  # INSERT ... RETURNING always yields the row
        added.append(ShoppingItemOut(**row))
    sentences = []
    if added:
        sentences.append(f"Added {and_list([i.name for i in added])} to your shopping list.")
    if skipped:
        sentences.append(f"Already on your list: {and_list(skipped)}.")
    return ShoppingAddResult(
        summary=" ".join(sentences),
        ids=[item.id for item in added],
        ui_actions=[
            UiAction(
                type="reload_pantry",
                entity_type="shopping_list_item",
                entity_id=str(item.id),
                entity_title=item.name,
            )
            for item in added
        ],
        added=added,
        already_listed=skipped,
    )


class GetShoppingListArgs(Args):
    """No arguments."""


async def get_shopping_list(db: UserDb, _args: GetShoppingListArgs) -> ShoppingListResult:
    items = await _select_items(db)
    to_buy = [item.name for item in items if not item.checked]
    ticked = len(items) - len(to_buy)
    if not items:
        summary = "Your shopping list is empty."
    elif not to_buy:
        summary = f"Everything on your shopping list is ticked off ({ticked} items)."
    else:
        summary = f"On your shopping list: {and_list(to_buy)}."
        if ticked:
            summary += f" ({ticked} ticked off.)"
    return ShoppingListResult(summary=summary, items=items)


class UpdateShoppingItemArgs(Args):
    item_id: UUID = Field(description="The item's id.")
    name: ItemName | None = Field(default=None, description="The item, corrected.")
    checked: bool | None = Field(default=None, description="true: bought (ticked off).")


class ShoppingItemResult(ActionResult):
    item: ShoppingItemOut


async def update_shopping_item(db: UserDb, args: UpdateShoppingItemArgs) -> ShoppingItemResult:
    """An item ticked off (or back on) or its name corrected (try17: `checked` could not
    be set by anything, so a bought item stayed on the list)."""
    changes = args.model_dump(include={"name", "checked"}, exclude_none=True)
    if not changes:
        raise ActionError("Tell me what to change on the item: tick it off, or its name.")
    cur = await db.conn.execute(
        "UPDATE shopping_list_items SET name = coalesce(%(name)s, name),"
        " checked = coalesce(%(checked)s, checked)"
        " WHERE id = %(id)s AND user_id = %(me)s"
        " RETURNING id, name, checked, (SELECT row(o.name, o.checked)"
        "  FROM shopping_list_items o WHERE o.id = %(id)s) = row(name, checked) AS same",
        {"name": args.name, "checked": args.checked, "id": args.item_id, "me": db.user_id},
    )
    row = await cur.fetchone()
    if row is None:
        raise not_found("shopping list item", args.item_id)
    item = ShoppingItemOut(id=row["id"], name=row["name"], checked=row["checked"])
    if row["same"]:
        return ShoppingItemResult(
            summary=f"{item.name} already reads so on your list.", item=item, changed=False
        )
    done = "ticked off" if item.checked else "on your list to buy"
    return ShoppingItemResult(
        summary=f"{item.name} is {done}.",
        ids=[item.id],
        ui_actions=[
            UiAction(
                type="reload_pantry",
                entity_type="shopping_list_item",
                entity_id=str(item.id),
                entity_title=item.name,
            )
        ],
        item=item,
    )


def shopping_fixture_args(row: Mapping[str, Any]) -> dict[str, Any]:
    """add_to_shopping_list arguments for a fixture row, `{"items": [...]}` or `{"name": ...}`."""
    if "name" in row:
        return {"items": [row["name"]]}
    return dict(row)


async def read_shopping_list(db: UserDb) -> list[dict[str, Any]]:
    """One row per item: `{"id", "name", "checked"}`."""
    return [item.model_dump(mode="json") for item in await _select_items(db)]


# A REST route's (tools.registry.REST_ONLY_ACTIONS), not a tool: TOOLS.md's list is kept.
UPDATE_SHOPPING_ITEM = Action(
    name="update_shopping_item",
    domain="you",
    args=UpdateShoppingItemArgs,
    fn=update_shopping_item,
    description="Tick a shopping list item off (or back on), or correct its name.",
)

ACTIONS = [
    Action(
        name="add_to_shopping_list",
        domain="you",
        args=AddToShoppingListArgs,
        fn=add_to_shopping_list,
        description="Add one or more items to the shopping list (items already on it are skipped).",
    ),
    Action(
        name="get_shopping_list",
        domain="you",
        args=GetShoppingListArgs,
        fn=get_shopping_list,
        description="Show the shopping list.",
        writes=False,
    ),
]
TABLES = [Table(name="shopping_list", create="add_to_shopping_list", read=read_shopping_list)]
