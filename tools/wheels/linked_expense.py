"""The expense a fuel fill or a paid service also is, so money views see vehicle costs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal
from uuid import UUID

from tools.db.scope import UserDb


async def insert_linked_expense(
    db: UserDb,
    *,
    amount: Decimal,
    category: Literal["fuel", "maintenance"],
    description: str,
    spent_on: date,
    currency: str,
) -> UUID:
    """Insert the expense row; the caller links it inside the same transaction."""
    cur = await db.conn.execute(
        "INSERT INTO expenses (user_id, amount, currency, category, description, date)"
        " VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
        (db.user_id, amount, currency, category, description[:500], spent_on),
    )
    row = await cur.fetchone()
    assert row is not None
    return UUID(str(row["id"]))
