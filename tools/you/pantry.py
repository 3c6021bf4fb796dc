"""add_pantry_item and list_pantry, plus the pantry table as evals read it; and
update_pantry_item, a REST route's only (PATCH /you/pantry/{id}: what was used, or a
corrected count), not a tool of the assistant's."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any
from uuid import UUID

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from tools.db.scope import UserDb, locked_row, one_writer, set_columns
from tools.format import counted, first_few
from tools.profile import load_profile, local_today
from tools.types import Action, ActionError, Args, Table, UiAction
from tools.values import Name, SaneDate
from tools.you.dates import day_text
from tools.you.models import PantryItemOut, PantryItemResult, PantryResult

PANTRY_COLUMNS = "id, name, quantity, unit, expiry_date"


def _hundredths(value: Decimal) -> Decimal:
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if rounded <= 0:
        raise ValueError("must be at least 0.01")
    return rounded


MAX_QUANTITY = Decimal("100000")
Quantity = Annotated[
    Decimal, Field(gt=0, le=MAX_QUANTITY, allow_inf_nan=False), AfterValidator(_hundredths)
]
Unit = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]


def _item(row: dict[str, Any], today: date) -> PantryItemOut:
    expiry = row["expiry_date"]
    quantity = row["quantity"]
    return PantryItemOut(
        id=row["id"],
        name=row["name"],
        quantity=None if quantity is None else float(quantity),
        unit=row["unit"],
        expiry_date=expiry,
        expired=expiry is not None and expiry < today,
    )


def _what(item: PantryItemOut) -> str:
    """`2 kg rice`, `6 eggs`, `salt`."""
    if item.quantity is None:
        return item.name
    amount = f"{Decimal(str(item.quantity)).normalize():f}"
    return f"{amount} {item.unit} {item.name}" if item.unit else f"{amount} {item.name}"


def _expiry(item: PantryItemOut, today: date) -> str:
    if item.expiry_date is None:
        return ""
    verb = "expired" if item.expired else "expires"
    return f" ({verb} {day_text(item.expiry_date, today)})"


class AddPantryItemArgs(Args):
    name: Name = Field(description="The food or supply.", examples=["long-life milk"])
    quantity: Quantity | None = Field(
        default=None, description="How many or how much.", examples=[2]
    )
    unit: Unit | None = Field(default=None, description="Unit of the quantity.", examples=["L"])
    expiry_date: SaneDate | None = Field(
        default=None, description="Use-by day, YYYY-MM-DD.", examples=["2026-04-01"]
    )


async def _same_item(db: UserDb, args: AddPantryItemArgs) -> dict[str, Any] | None:
    """The user's row of this item (its name in any case, the same unit and use-by day),
    locked for a change; None when there is none."""
    cur = await db.conn.execute(
        f"SELECT {PANTRY_COLUMNS} FROM pantry_items WHERE user_id = %s"
        " AND lower(name) = lower(%s) AND lower(unit) IS NOT DISTINCT FROM lower(%s)"
        " AND expiry_date IS NOT DISTINCT FROM %s ORDER BY created_at, id LIMIT 1 FOR UPDATE",
        (db.user_id, args.name, args.unit, args.expiry_date),
    )
    return await cur.fetchone()


async def add_pantry_item(db: UserDb, args: AddPantryItemArgs) -> PantryItemResult:
    """More of an item the pantry has (its name in any case, the same unit and use-by
    day) is added to that row's count: "12 eggs" twice is 24 eggs, not two rows of 12
    (try18). Another use-by day is another batch, a row of its own; an item without a
    count that is there already stays as it is."""
    await one_writer(db, "pantry")  # two identical adds at once still meet in one row
    today = local_today(db, await load_profile(db))
    same = await _same_item(db, args)
    if same is not None and (same["quantity"] is None) == (args.quantity is None):
        before = _item(same, today)
        if args.quantity is None:
            return PantryItemResult(
                summary=f"The pantry already has {_what(before)}{_expiry(before, today)}.",
                item=before,
                changed=False,
            )
        total = same["quantity"] + args.quantity
        if total > MAX_QUANTITY:
            raise ActionError(
                f"The pantry has {_what(before)} already; {args.quantity:f} more would be"
                f" over {MAX_QUANTITY:,}.",
                field="quantity",
            )
        merged = await set_columns(
            db, "pantry_items", {"quantity": total}, same["id"], PANTRY_COLUMNS
        )
        item = _item(merged, today)
        added = _what(item.model_copy(update={"quantity": float(args.quantity)}))
        return PantryItemResult(
            summary=f"Added {added} to the pantry: now {_what(item)}{_expiry(item, today)}.",
            ids=[item.id],
            ui_actions=[_pantry_ui(item)],
            item=item,
        )
    cur = await db.conn.execute(
        "INSERT INTO pantry_items (user_id, name, quantity, unit, expiry_date)"
        f" VALUES (%s, %s, %s, %s, %s) RETURNING {PANTRY_COLUMNS}",
        (db.user_id, args.name, args.quantity, args.unit, args.expiry_date),
    )
    row = await cur.fetchone()
    assert row is not None  # INSERT ... RETURNING always yields the row
    item = _item(row, today)
    return PantryItemResult(
        summary=f"Added {_what(item)} to the pantry{_expiry(item, today)}.",
        ids=[item.id],
        ui_actions=[_pantry_ui(item)],
        item=item,
    )


class ListPantryArgs(Args):
    expiring_within_days: Annotated[int, Field(ge=0, le=3650)] | None = Field(
        default=None, description="Only items expiring within this many days; omit for all."
    )


async def _select_items(db: UserDb, expiring_by: date | None) -> list[dict[str, Any]]:
    cur = await db.conn.execute(
        f"SELECT {PANTRY_COLUMNS} FROM pantry_items WHERE user_id = %s"
        " AND (%s::date IS NULL OR expiry_date <= %s::date)"
        " ORDER BY expiry_date NULLS LAST, lower(name), id",
        (db.user_id, expiring_by, expiring_by),
    )
    return await cur.fetchall()


async def list_pantry(db: UserDb, args: ListPantryArgs) -> PantryResult:
    """All items, or those expiring within N days of today; expired ones included and flagged."""
    today = local_today(db, await load_profile(db))
    days = args.expiring_within_days
    expiring_by = None if days is None else today + timedelta(days=days)
    items = [_item(row, today) for row in await _select_items(db, expiring_by)]
    if days is None:
        heading, empty = "Your pantry has", "Your pantry is empty."
    else:
        within = f"within {counted(days, 'day')}"
        heading, empty = f"Expiring {within}:", f"Nothing in your pantry expires {within}."
    if not items:
        return PantryResult(summary=empty, items=[])
    count = f" {counted(len(items), 'item')}:" if days is None else ""
    shown = first_few([_what(item) + _expiry(item, today) for item in items])
    return PantryResult(summary=f"{heading}{count} {shown}.", items=items)


async def read_pantry(db: UserDb) -> list[dict[str, Any]]:
    """Every pantry item keyed like add_pantry_item's arguments (quantity as a number)."""
    today = local_today(db, await load_profile(db))
    fields = {"id", "name", "quantity", "unit", "expiry_date"}
    return [
        _item(row, today).model_dump(mode="json", include=fields)
        for row in await _select_items(db, None)
    ]


class UpdatePantryItemArgs(Args):
    item_id: UUID = Field(description="The pantry item's id.")
    used: Quantity | None = Field(
        default=None,
        description="How much of it was used: taken off its quantity (all of it: it goes).",
        examples=[6],
    )
    quantity: Quantity | None = Field(default=None, description="Its quantity, corrected.")
    unit: Unit | None = Field(default=None, description="Its unit, corrected.")
    expiry_date: SaneDate | None = Field(default=None, description="Its use-by day, corrected.")
    name: Name | None = Field(default=None, description="Its name, corrected.")

    @model_validator(mode="after")
    def _used_or_counted(self) -> UpdatePantryItemArgs:
        if self.used is not None and self.quantity is not None:
            raise ValueError("give what was used or the new quantity, not both")
        return self


async def update_pantry_item(db: UserDb, args: UpdatePantryItemArgs) -> PantryItemResult:
    """What was used of an item, or a correction of it (try17: the pantry could only be
    added to, so a week of eggs eaten still read "24 eggs")."""
    changes = args.model_dump(exclude={"item_id", "used"}, exclude_none=True)
    if args.used is None and not changes:
        raise ActionError(
            "Tell me what to change on the pantry item: what was used, or its quantity,"
            " unit, expiry date or name."
        )
    row = await locked_row(db, "pantry_items", PANTRY_COLUMNS, args.item_id)
    if row is None:
        raise ActionError(
            f"I couldn't find pantry item {args.item_id}.", code="not_found", field="item_id"
        )
    today = local_today(db, await load_profile(db))
    before = _item(row, today)
    if args.used is not None:
        have = row["quantity"]
        if have is None:
            raise ActionError(
                f"{before.name} has no quantity to take {args.used:f} from: set its quantity.",
                field="used",
            )
        if args.used > have:
            raise ActionError(
                f"There's only {_what(before)} in the pantry, so {args.used:f} can't have"
                " been used.",
                field="used",
            )
        if args.used == have:
            await db.conn.execute("DELETE FROM pantry_items WHERE id = %s", (args.item_id,))
            return PantryItemResult(
                summary=f"Used up the {before.name}: it's off the pantry.",
                ids=[before.id],
                ui_actions=[_pantry_ui(before)],
                item=before.model_copy(update={"quantity": 0.0}),
            )
        changes["quantity"] = have - args.used
    updated = await set_columns(db, "pantry_items", changes, args.item_id, PANTRY_COLUMNS)
    item = _item(updated, today)
    if item == before:
        return PantryItemResult(
            summary=f"The pantry already has {_what(item)}.", item=item, changed=False
        )
    return PantryItemResult(
        summary=f"Updated the pantry: now {_what(item)}{_expiry(item, today)}.",
        ids=[item.id],
        ui_actions=[_pantry_ui(item)],
        item=item,
    )


def _pantry_ui(item: PantryItemOut) -> UiAction:
    return UiAction(
        type="reload_pantry",
        entity_type="pantry_item",
        entity_id=str(item.id),
        entity_title=item.name,
    )


# A REST route's (tools.registry.REST_ONLY_ACTIONS), not a tool: TOOLS.md's list is kept.
UPDATE_PANTRY_ITEM = Action(
    name="update_pantry_item",
    domain="you",
    args=UpdatePantryItemArgs,
    fn=update_pantry_item,
    description="Take what was used off a pantry item, or correct its quantity, unit, expiry"
    " date or name.",
)

ACTIONS = [
    Action(
        name="add_pantry_item",
        domain="you",
        args=AddPantryItemArgs,
        fn=add_pantry_item,
        description="Add food or supplies to the pantry, with quantity, unit and expiry date"
        " (more of an item it has, in the same unit and use-by day, adds to its count).",
    ),
    Action(
        name="list_pantry",
        domain="you",
        args=ListPantryArgs,
        fn=list_pantry,
        description="List the pantry, or only what expires within some days (expired included).",
        writes=False,
    ),
]
TABLES = [Table(name="pantry", create="add_pantry_item", read=read_pantry)]
