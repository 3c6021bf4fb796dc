"""Logging income (pension, casual work, sales) in the user's currency."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from tools.db.scope import UserDb
from tools.format import day_label, money
from tools.profile import load_profile, local_today
from tools.types import Action, ActionResult, Args, Table, UiAction
from tools.values import SaneDate, Title
from tools.wins.models import AMOUNT, DAY, DESCRIPTION, Amount, IncomeOut, OptionalText, json_row


class AddIncomeArgs(Args):
    amount: Amount = AMOUNT
    source: Title = Field(
        description="Where the money came from.", examples=["pension", "casual work"]
    )
    description: OptionalText = DESCRIPTION
    date: SaneDate | None = DAY


class IncomeResult(ActionResult):
    income: IncomeOut


async def add_income(db: UserDb, args: AddIncomeArgs) -> IncomeResult:
    profile = await load_profile(db)
    today = local_today(db, profile)
    cur = await db.conn.execute(
        "INSERT INTO incomes (user_id, amount, currency, source, description, date, created_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, clock_timestamp())"
        " RETURNING id, amount, currency, source, description, date",
        (
            db.user_id,
            args.amount,
            profile.currency,
            args.source,
            args.description,
            args.date or today,
        ),
    )
    income = IncomeOut.model_validate(await cur.fetchone())
    amount = money(income.amount, income.currency)
    title = f"{amount} from {income.source}"
    return IncomeResult(
        summary=f"Logged {title} on {day_label(income.date, today)}.",
        ids=[income.id],
        ui_actions=[
            UiAction(
                type="reload_expenses",
                entity_type="income",
                entity_id=str(income.id),
                entity_title=title,
            )
        ],
        income=income,
    )


async def read_incomes(db: UserDb) -> list[dict[str, Any]]:
    cur = await db.conn.execute(
        "SELECT id, amount, source, description, date FROM incomes"
        " WHERE user_id = %s ORDER BY date, created_at, id",
        (db.user_id,),
    )
    return [json_row(row) for row in await cur.fetchall()]


ACTIONS = [
    Action(
        name="add_income",
        domain="wins",
        args=AddIncomeArgs,
        fn=add_income,
        description="Log money the user received, with its source (pension, work, sales).",
    ),
]
TABLES = [Table(name="incomes", create="add_income", read=read_incomes)]
