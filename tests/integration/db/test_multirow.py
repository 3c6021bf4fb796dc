"""Multi-row INSERTs (tools/db/multirow.py) leave a table as the rows one by one do,
conflicts within the batch included, in fewer statements."""

from __future__ import annotations

import uuid
from typing import Any

from tools.db.multirow import grouped, insert_shape, multirow
from tools.db.pool import Pool

UPDATING = (
    "INSERT INTO {t} (k, j, v, w) VALUES (%s, %s, %s, %s) ON CONFLICT (k, j) DO UPDATE SET"
    " v = EXCLUDED.v;"
)
SKIPPING = "INSERT INTO {t} (k, j, v, w) VALUES (%s, %s, %s, %s) ON CONFLICT (k, j) DO NOTHING"
# Repeated keys: (1, 1) three times and (2, 1) twice, apart and in a row; w is not
# updated, so which row came first shows.
ROWS: list[tuple[Any, ...]] = [
    (1, 1, "a", "first"),
    (2, 1, "b", "first"),
    (1, 1, "c", "second"),
    (3, 1, "d", "first"),
    (1, 1, "e", "third"),
    (2, 1, "f", "second"),
    (4, 2, "g", "first"),
]


async def _table(pool: Pool) -> str:
    name = f"multirow_{uuid.uuid4().hex[:10]}"
    async with pool.connection() as conn:
        await conn.execute(
            f"CREATE TABLE {name} (k int, j int, v text, w text, PRIMARY KEY (k, j))"
        )
    return name


async def _contents(pool: Pool, table: str) -> list[tuple[Any, ...]]:
    async with pool.connection() as conn:
        cursor = await conn.execute(f"SELECT k, j, v, w FROM {table} ORDER BY k, j")
        return [tuple(r.values()) for r in await cursor.fetchall()]


async def test_rows_together_leave_what_rows_one_by_one_leave(pool: Pool) -> None:
    for template in (UPDATING, SKIPPING):
        one_by_one, together = await _table(pool), await _table(pool)
        statements = multirow(template.format(t=together), ROWS)
        async with pool.connection() as conn, conn.transaction():
            await conn.cursor().executemany(template.format(t=one_by_one), ROWS)
            for text, params in statements:
                await conn.execute(text, params)
        assert await _contents(pool, together) == await _contents(pool, one_by_one)
        # A statement may not update a row twice: a repeated key starts the next one.
        assert len(statements) == (3 if template is UPDATING else 1)


def test_a_table_rows_go_together_in_their_order_and_other_shapes_as_they_are() -> None:
    a, b = UPDATING.format(t="a"), SKIPPING.format(t="b")
    assert grouped([(a, ROWS[:1]), (b, ROWS[1:2]), (a, ROWS[2:3]), ("SELECT 1", [()])]) == [
        (a, [ROWS[0], ROWS[2]]),
        (b, [ROWS[1]]),
        ("SELECT 1", [()]),
    ]
    assert insert_shape("SELECT 1") is None
    assert multirow("UPDATE t SET v = %s", [("x",), ("y",)]) == [
        ("UPDATE t SET v = %s", ("x",)),
        ("UPDATE t SET v = %s", ("y",)),
    ]
