"""Assistants as rows: each the graph with a saved config, context and metadata, owned
by the user who created it and versioned on every update.

Rows are read and written in the caller's RLS scope, so another user's assistant is
indistinguishable from an unknown id (404); ids are per user (`(user_id, id)`, migration
0024), so creating one with an id someone else uses makes the caller's own. The graph's
default assistant is not a row: it is part of the code, readable by everyone and changed
by no one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal
from uuid import UUID, uuid4

import orjson
from psycopg import sql

from server.agent_protocol.assistant import (
    ASSISTANT_ID,
    GRAPH_ID,
    AssistantNotFound,
    assistant_record,
    resolve_assistant,
)
from server.refusals import BadInput, Conflict, Forbidden, NotFound
from tools.db.pool import Pool
from tools.db.scope import user_db

FIELDS = "graph_id, name, description, config, context, metadata"
COLUMNS = f"id AS assistant_id, {FIELDS}, version, created_at, updated_at"
SORT_COLUMNS = {
    "assistant_id": "id",
    "created_at": "created_at",
    "updated_at": "updated_at",
    "name": "name",
    "graph_id": "graph_id",
}


class DefaultAssistantReadOnly(Forbidden):
    def __init__(self) -> None:
        super().__init__("The graph's default assistant cannot be changed or deleted.")


@dataclass(frozen=True)
class AssistantFields:
    """What a create or update sets; None leaves the field as it was (update)."""

    graph_id: str | None = None
    name: str | None = None
    description: str | None = None
    config: dict[str, Any] | None = None
    context: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None


@dataclass(frozen=True)
class AssistantFilter:
    graph_id: str | None = None
    name: str | None = None
    metadata: dict[str, Any] | None = None


def check_graph(graph_id: str | None) -> None:
    # 404, as LangGraph's server answers a graph it does not serve (the SDK's NotFoundError).
    if graph_id is not None and graph_id != GRAPH_ID:
        raise NotFound(f"graph_id: no graph {graph_id!r}; this server serves only {GRAPH_ID!r}.")


def row_uuid(assistant_id: str) -> UUID | None:
    """The row id an assistant id can name; None for the default one or a malformed id."""
    if assistant_id == GRAPH_ID:
        return None
    try:
        parsed = UUID(assistant_id)
    except ValueError:
        return None
    return None if str(parsed) == ASSISTANT_ID else parsed


def _json(value: dict[str, Any] | None) -> str:
    return orjson.dumps(value or {}).decode()


def synced(
    config: dict[str, Any] | None, context: dict[str, Any] | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """An assistant's config and context kept one, as LangGraph's server keeps them: its
    context mirrored into `config.configurable`, or (a config's configurable given with no
    context) that configurable as its context. Both at once is refused before this
    (assistant_admin._fields)."""
    config = dict(config or {})
    configurable = config.get("configurable")
    if context:
        return {**config, "configurable": dict(context)}, context
    if isinstance(configurable, dict) and configurable:
        return config, configurable
    return config, context or {}


def _record(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "assistant_id": str(row["assistant_id"])}


async def find_assistant(pool: Pool, user: UUID, assistant_id: str) -> dict[str, Any]:
    """The caller's assistant, or the default one; 404 for anything else."""
    rid = row_uuid(assistant_id)
    if rid is None:
        resolve_assistant(assistant_id)  # the default one, or 404
        return assistant_record()
    async with user_db(pool, user) as db:
        row = await (
            await db.conn.execute(f"SELECT {COLUMNS} FROM assistants WHERE id = %s", (rid,))
        ).fetchone()
    if row is None:
        raise AssistantNotFound()
    return _record(row)


async def find_run_assistant(pool: Pool, user: UUID, assistant_id: str) -> dict[str, Any]:
    """A run's assistant (`find_assistant`); an id that is neither a UUID nor the graph's
    name cannot name one, and is a 422 saying what can, as LangGraph's server answers it."""
    if assistant_id != GRAPH_ID:
        try:
            UUID(assistant_id)
        except ValueError:
            raise BadInput(
                f"assistant_id: {assistant_id!r} is neither an assistant's UUID nor a graph "
                f"this server serves ({GRAPH_ID!r})."
            ) from None
    return await find_assistant(pool, user, assistant_id)


def _owned_row(assistant_id: str) -> UUID:
    """The row id of an assistant a user may change: never the default one."""
    rid = row_uuid(assistant_id)
    if rid is not None:
        return rid
    resolve_assistant(assistant_id)  # 404 for a malformed id
    raise DefaultAssistantReadOnly()


async def create_assistant(
    pool: Pool,
    user: UUID,
    fields: AssistantFields,
    *,
    assistant_id: str | None,
    if_exists: Literal["raise", "do_nothing"],
) -> dict[str, Any]:
    check_graph(fields.graph_id)
    rid = uuid4() if assistant_id is None else _owned_row(assistant_id)
    config, context = synced(fields.config, fields.context)
    values = (
        fields.graph_id or GRAPH_ID,
        fields.name or "Untitled",
        fields.description,
        _json(config),
        _json(context),
        _json(fields.metadata),
    )
    async with user_db(pool, user) as db:
        row = await (
            await db.conn.execute(
                f"INSERT INTO assistants (id, user_id, {FIELDS}) VALUES (%s, %s, %s, %s, %s,"
                " %s::jsonb, %s::jsonb, %s::jsonb) ON CONFLICT (user_id, id) DO NOTHING"
                f" RETURNING {COLUMNS}",
                (rid, user, *values),
            )
        ).fetchone()
        if row is not None:
            await db.conn.execute(
                f"INSERT INTO assistant_versions (assistant_id, version, user_id, {FIELDS})"
                " VALUES (%s, 1, %s, %s, %s, %s, %s::jsonb, %s::jsonb, %s::jsonb)",
                (rid, user, *values),
            )
            return _record(row)
    if if_exists == "do_nothing":  # the caller's own (ids are per user: migration 0024)
        return await find_assistant(pool, user, str(rid))
    raise Conflict("An assistant with that id already exists.")


async def update_assistant(
    pool: Pool, user: UUID, assistant_id: str, fields: AssistantFields
) -> dict[str, Any]:
    """A new version from the fields given (metadata merged into the current one's),
    made the one in force."""
    check_graph(fields.graph_id)
    rid = _owned_row(assistant_id)
    async with user_db(pool, user) as db:
        current = await (
            await db.conn.execute(
                f"SELECT {COLUMNS} FROM assistants WHERE id = %s FOR UPDATE", (rid,)
            )
        ).fetchone()
        if current is None:
            raise AssistantNotFound()
        latest = await (
            await db.conn.execute(
                "SELECT max(version) AS v FROM assistant_versions WHERE assistant_id = %s", (rid,)
            )
        ).fetchone()
        version = int((latest or {}).get("v") or 0) + 1
        config = fields.config if fields.config is not None else current["config"]
        context = fields.context
        if context is None and not (fields.config or {}).get("configurable"):
            context = current["context"]  # kept, unless the new config names another
        config, context = synced(config, context)
        values = (
            fields.graph_id or current["graph_id"],
            fields.name if fields.name is not None else current["name"],
            fields.description if fields.description is not None else current["description"],
            _json(config),
            _json(context),
            _json({**current["metadata"], **(fields.metadata or {})}),
        )
        await db.conn.execute(
            f"INSERT INTO assistant_versions (assistant_id, version, user_id, {FIELDS})"
            " VALUES (%s, %s, %s, %s, %s, %s, %s::jsonb, %s::jsonb, %s::jsonb)",
            (rid, version, user, *values),
        )
        row = await (
            await db.conn.execute(
                "UPDATE assistants SET graph_id = %s, name = %s, description = %s,"
                " config = %s::jsonb, context = %s::jsonb, metadata = %s::jsonb,"
                f" version = %s, updated_at = now() WHERE id = %s RETURNING {COLUMNS}",
                (*values, version, rid),
            )
        ).fetchone()
    assert row is not None  # locked above
    return _record(row)


async def set_latest(pool: Pool, user: UUID, assistant_id: str, version: int) -> dict[str, Any]:
    rid = _owned_row(assistant_id)
    async with user_db(pool, user) as db:
        found = await (
            await db.conn.execute(
                f"SELECT {FIELDS} FROM assistant_versions WHERE assistant_id = %s AND version = %s",
                (rid, version),
            )
        ).fetchone()
        if found is None:
            exists = await (
                await db.conn.execute("SELECT 1 FROM assistants WHERE id = %s", (rid,))
            ).fetchone()
            if exists is None:
                raise AssistantNotFound()
            raise NotFound(f"version: the assistant has no version {version}.")
        row = await (
            await db.conn.execute(
                "UPDATE assistants SET graph_id = %s, name = %s, description = %s,"
                " config = %s::jsonb, context = %s::jsonb, metadata = %s::jsonb,"
                f" version = %s, updated_at = now() WHERE id = %s RETURNING {COLUMNS}",
                (
                    found["graph_id"],
                    found["name"],
                    found["description"],
                    _json(found["config"]),
                    _json(found["context"]),
                    _json(found["metadata"]),
                    version,
                    rid,
                ),
            )
        ).fetchone()
    assert row is not None
    return _record(row)


async def delete_assistant(pool: Pool, user: UUID, assistant_id: str) -> None:
    rid = _owned_row(assistant_id)
    async with user_db(pool, user) as db:
        gone = await (
            await db.conn.execute("DELETE FROM assistants WHERE id = %s RETURNING id", (rid,))
        ).fetchone()
    if gone is None:
        raise AssistantNotFound()


async def list_versions(
    pool: Pool,
    user: UUID,
    assistant_id: str,
    metadata: dict[str, Any] | None,
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    rid = row_uuid(assistant_id)
    if rid is None:
        found = await find_assistant(pool, user, assistant_id)  # 404 unless the default
        record = {k: v for k, v in found.items() if k != "updated_at"}
        return [record] if offset == 0 and _meta_matches(record, metadata) else []
    async with user_db(pool, user) as db:
        rows = await (
            await db.conn.execute(
                f"SELECT assistant_id, version, {FIELDS}, created_at FROM assistant_versions"
                " WHERE assistant_id = %s AND metadata @> %s::jsonb"
                " ORDER BY version DESC LIMIT %s OFFSET %s",
                (rid, _json(metadata), limit, offset),
            )
        ).fetchall()
        if not rows:
            exists = await (
                await db.conn.execute("SELECT 1 FROM assistants WHERE id = %s", (rid,))
            ).fetchone()
            if exists is None:
                raise AssistantNotFound()
    return [_record(r) for r in rows]


def _meta_matches(record: dict[str, Any], metadata: dict[str, Any] | None) -> bool:
    return all(record["metadata"].get(k) == v for k, v in (metadata or {}).items())


def _default_matches(found: AssistantFilter) -> bool:
    record = assistant_record()
    if found.graph_id is not None and found.graph_id != GRAPH_ID:
        return False
    if found.name is not None and found.name.lower() not in record["name"].lower():
        return False
    return _meta_matches(record, found.metadata)


def _where(found: AssistantFilter) -> tuple[sql.Composable, list[Any]]:
    clauses: list[sql.Composable] = [sql.SQL("metadata @> %s::jsonb")]
    params: list[Any] = [_json(found.metadata)]
    if found.graph_id is not None:
        clauses.append(sql.SQL("graph_id = %s"))
        params.append(found.graph_id)
    if found.name is not None:
        clauses.append(sql.SQL("strpos(lower(name), lower(%s)) > 0"))
        params.append(found.name)
    return sql.SQL(" AND ").join(clauses), params


async def count_assistants(pool: Pool, user: UUID, found: AssistantFilter) -> int:
    where, params = _where(found)
    async with user_db(pool, user) as db:
        row = await (
            await db.conn.execute(
                sql.SQL("SELECT count(*) AS n FROM assistants WHERE {}").format(where), params
            )
        ).fetchone()
    return int((row or {}).get("n") or 0) + (1 if _default_matches(found) else 0)


async def search_assistants(
    pool: Pool,
    user: UUID,
    found: AssistantFilter,
    *,
    sort_by: str | None,
    sort_order: str | None,
    limit: int,
    offset: int,
) -> tuple[list[dict[str, Any]], int]:
    """A page of the caller's rows and the graph's default assistant (when it matches),
    all in the order asked for (newest first unless told), as LangGraph's server sorts
    them: the default sits where its fixed values place it among the rows (after any
    row it ties with); and the total that matched."""
    total = await count_assistants(pool, user, found)
    key = sort_by or "created_at"
    column = sql.Identifier(SORT_COLUMNS.get(key, "created_at"))
    descending = sort_order != "asc"
    where, params = _where(found)
    default = assistant_record() if _default_matches(found) else None
    async with user_db(pool, user) as db:
        place = 0  # rows before the default
        if default is not None:
            before = await (
                await db.conn.execute(
                    sql.SQL("SELECT count(*) AS n FROM assistants WHERE {} AND {} {} %s").format(
                        where, column, sql.SQL(">=" if descending else "<=")
                    ),
                    [*params, default[key if key in default else "created_at"]],
                )
            ).fetchone()
            place = int((before or {}).get("n") or 0)
        shows_default = default is not None and offset <= place < offset + limit
        row_offset = offset - 1 if default is not None and offset > place else offset
        row_limit = limit - 1 if shows_default else limit
        rows: list[dict[str, Any]] = []
        if row_limit > 0:
            statement = sql.SQL(
                "SELECT {cols} FROM assistants WHERE {where} ORDER BY {sort} {dir}, id"
                " LIMIT %s OFFSET %s"
            ).format(
                cols=sql.SQL(COLUMNS),
                where=where,
                sort=column,
                dir=sql.SQL("DESC" if descending else "ASC"),
            )
            rows = await (
                await db.conn.execute(statement, [*params, row_limit, row_offset])
            ).fetchall()
    page = [_record(r) for r in rows]
    if shows_default and default is not None:
        page.insert(place - offset, default)
    return page, total
