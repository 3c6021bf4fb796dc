"""Everything the database holds of one user, as (row count, content hash) per table, read
as the database owner (no row-level security in the way): taken before and after an
attack, any difference is a change to the victim's data."""

from __future__ import annotations

from uuid import UUID

import psycopg
from psycopg import sql

Snapshot = dict[str, tuple[int, str]]

OWNED_TABLES = """
SELECT table_name FROM information_schema.columns
WHERE table_schema = 'public' AND column_name = 'user_id' ORDER BY table_name
"""
# Tables tied to the user by another column.
OTHER_OWNERS = {"users": "id", "groups": "created_by"}


async def snapshot(database_url: str, user: UUID) -> Snapshot:
    """{table: (rows, md5 of the rows' text)} for every table with the user's rows."""
    async with await psycopg.AsyncConnection.connect(database_url, autocommit=True) as conn:
        tables = [r[0] for r in await (await conn.execute(OWNED_TABLES)).fetchall()]
        owners = {**dict.fromkeys(tables, "user_id"), **OTHER_OWNERS}
        found: Snapshot = {}
        for table, column in sorted(owners.items()):
            query = sql.SQL(
                "SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                " FROM {} t WHERE {} = %s"
            ).format(sql.Identifier(table), sql.Identifier(column))
            count, digest = await (await conn.execute(query, (user,))).fetchone() or (0, "")
            found[table] = (int(count), str(digest))
        checkpoints = await conn.execute(
            "SELECT count(*) FROM checkpoints WHERE thread_id IN"
            " (SELECT id::text FROM chat_threads WHERE user_id = %s)",
            (user,),
        )
        row = await checkpoints.fetchone()
        found["checkpoints"] = (int(row[0]) if row else 0, "")
    return found


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """What differs, table by table, in words."""
    out = []
    for table in sorted(set(before) | set(after)):
        was, now = before.get(table, (0, "")), after.get(table, (0, ""))
        if was != now:
            out.append(f"the victim's {table} changed: {was[0]} rows -> {now[0]} rows")
    return out
