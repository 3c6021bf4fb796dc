"""Thread rows for the protocol: search with metadata filters, and metadata patches.

Creating, finding and deleting threads is shared with the chat API (server/runs/
threads.py); only what the protocol adds lives here. Rows are read in the caller's RLS
scope, so a search can only ever see the caller's own threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

import orjson
from psycopg import sql

from server.json_safe import MAX_FIELD_BYTES
from server.refusals import BadInput
from server.resources import Resources
from server.runs.threads import COLUMNS, ThreadRow, owned_thread, parse_thread_id
from tools.db.scope import user_db

SORT_COLUMNS = {
    "thread_id": "id",
    "created_at": "created_at",
    "updated_at": "updated_at",
    "state_updated_at": "updated_at",
}
# Enough rows to filter by state (status, values) in Python for any one person.
SCAN_LIMIT = 1000


@dataclass(frozen=True)
class RowQuery:
    ids: list[UUID] | None
    metadata: dict[str, Any]
    sort_by: str
    descending: bool
    limit: int
    offset: int


def row_query(
    ids: list[str] | None,
    metadata: dict[str, Any],
    sort_by: str | None,
    sort_order: str | None,
    limit: int,
    offset: int,
) -> RowQuery:
    parsed = None
    if ids is not None:
        parsed = [u for u in (parse_thread_id(i) for i in ids) if u is not None]
    return RowQuery(
        ids=parsed,
        metadata=metadata,
        sort_by=SORT_COLUMNS.get(sort_by or "updated_at", "updated_at"),
        descending=(sort_order or "desc") == "desc",
        limit=limit,
        offset=offset,
    )


async def search_rows(resources: Resources, user_id: UUID, query: RowQuery) -> list[ThreadRow]:
    where = [sql.SQL("metadata @> %s::jsonb")]
    params: list[Any] = [orjson.dumps(query.metadata).decode()]
    if query.ids is not None:
        where.append(sql.SQL("id = ANY(%s)"))
        params.append(query.ids)
    statement = sql.SQL(
        "SELECT {cols} FROM chat_threads WHERE {where} ORDER BY {sort} {dir}, id LIMIT %s OFFSET %s"
    ).format(
        cols=sql.SQL(COLUMNS),
        where=sql.SQL(" AND ").join(where),
        sort=sql.Identifier(query.sort_by),
        dir=sql.SQL("DESC" if query.descending else "ASC"),
    )
    async with user_db(resources.pool, user_id) as db:
        rows = await (
            await db.conn.execute(statement, [*params, query.limit, query.offset])
        ).fetchall()
    return [ThreadRow(**r) for r in rows]


async def patch_metadata(
    resources: Resources, user_id: UUID, thread_id: str, metadata: dict[str, Any]
) -> ThreadRow:
    """Merge `metadata` into the thread's (keys given replace those stored)."""
    row = await owned_thread(resources, user_id, thread_id)
    patch = orjson.dumps(metadata).decode()
    async with user_db(resources.pool, user_id) as db:
        updated = await (
            await db.conn.execute(
                "UPDATE chat_threads SET metadata = metadata || %s::jsonb, updated_at = now()"
                " WHERE id = %s AND octet_length((metadata || %s::jsonb)::text) <= %s"
                f" RETURNING {COLUMNS}",
                (patch, row.id, patch, MAX_FIELD_BYTES),
            )
        ).fetchone()
    if updated is None:  # deleted in between, or the merge would be too large
        await owned_thread(resources, user_id, thread_id)  # 404 when it is gone
        raise BadInput(f"metadata: the thread's metadata would exceed {MAX_FIELD_BYTES} bytes")
    return ThreadRow(**updated)
