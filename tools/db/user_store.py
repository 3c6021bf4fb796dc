"""LangGraph's BaseStore on the `store_items` table, one user's items at a time.

Every operation runs in the user's RLS scope (user_db): the owner column, set from who
the caller is, separates users, so the same namespace of two users are two different
places and no namespace reaches another user's items. Which user: the one the store was
bound to (`for_user`, the Agent Protocol's /store routes, from the verified token), or
inside a graph run the run's own (`runtime.context.user_id`, set by the server from the
token, never by the model) — the graph is compiled with an unbound store.

Search filters on values (exact, or $eq/$ne/$gt/$gte/$lt/$lte) in SQL. There is no
embedding index: a `query` is ignored, as LangGraph's own stores ignore it without one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar
from uuid import UUID

import orjson
from langgraph.config import get_config
from langgraph.store.base import (
    BaseStore,
    GetOp,
    Item,
    ListNamespacesOp,
    MatchCondition,
    Op,
    PutOp,
    Result,
    SearchItem,
    SearchOp,
)
from psycopg import sql

from tools.db.pool import Pool
from tools.db.scope import UserDb, one_writer, user_db

LIVE = "(expires_at IS NULL OR expires_at > now())"
COLUMNS = "namespace, key, value, created_at, updated_at"
OPERATORS = {"$eq": "=", "$ne": "<>", "$gt": ">", "$gte": ">=", "$lt": "<", "$lte": "<="}
ItemT = TypeVar("ItemT", bound=Item)
MAX_NAMESPACES = 10_000  # distinct namespaces read for one listing
MAX_ITEMS = 10_000  # items one user may keep (STORE_MAX_ITEMS_PER_USER)


class StoreFull(ValueError):
    """A new key past the user's item limit (redteam 9: the store took any number)."""

    def __init__(self, max_items: int) -> None:
        super().__init__(
            f"The store holds at most {max_items} items per user; delete some to add more."
        )


class NoStoreUser(RuntimeError):
    """The store was used outside a run and without a user: there is no one to scope to."""


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()


def _run_user() -> UUID:
    try:
        runtime = get_config().get("configurable", {}).get("__pregel_runtime")
    except RuntimeError:
        runtime = None
    user_id = getattr(getattr(runtime, "context", None), "user_id", None)
    if user_id is None:
        raise NoStoreUser("the store is scoped to a user: use it inside a run, or for_user()")
    return UUID(str(user_id))


def value_filter(filter: dict[str, Any] | None) -> tuple[list[sql.Composable], list[Any]]:
    """SQL conditions on `value` for a BaseStore filter; ValueError for an unknown operator."""
    clauses: list[sql.Composable] = []
    params: list[Any] = []
    for field, wanted in (filter or {}).items():
        conditions = wanted if isinstance(wanted, dict) and wanted else {"$eq": wanted}
        if isinstance(wanted, dict) and not all(k.startswith("$") for k in wanted):
            conditions = {"$eq": wanted}  # a nested value to match exactly
        for op, operand in conditions.items():
            if op not in OPERATORS:
                raise ValueError(f"filter.{field}: unknown operator {op!r}")
            clauses.append(sql.SQL("value -> %s {} %s::jsonb").format(sql.SQL(OPERATORS[op])))
            params += [field, _json(operand)]
    return clauses, params


def _item(row: dict[str, Any], kind: type[ItemT]) -> ItemT:
    return kind(
        namespace=tuple(row["namespace"]),
        key=row["key"],
        value=row["value"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _matches(namespace: tuple[str, ...], condition: MatchCondition) -> bool:
    path = tuple(condition.path)
    if len(path) > len(namespace):
        return False
    part = namespace[: len(path)] if condition.match_type == "prefix" else namespace[-len(path) :]
    return all(p == "*" or p == n for p, n in zip(path, part, strict=True))


class UserStore(BaseStore):
    supports_ttl = True

    def __init__(
        self, pool: Pool, user_id: UUID | None = None, *, max_items: int = MAX_ITEMS
    ) -> None:
        self._pool = pool
        self._user = user_id
        self._max_items = max_items

    def for_user(self, user_id: UUID) -> UserStore:
        return UserStore(self._pool, user_id, max_items=self._max_items)

    def batch(self, ops: Iterable[Op]) -> list[Result]:
        raise NotImplementedError("UserStore is async only: use the a* methods (abatch)")

    async def abatch(self, ops: Iterable[Op]) -> list[Result]:
        user = self._user or _run_user()
        async with user_db(self._pool, user) as db:
            return [await self._one(db, op) for op in ops]

    async def _one(self, db: UserDb, op: Op) -> Result:
        if isinstance(op, GetOp):
            return await self._get(db, op)
        if isinstance(op, PutOp):
            await self._put(db, op)
            return None
        if isinstance(op, SearchOp):
            return await self._search(db, op)
        if isinstance(op, ListNamespacesOp):
            return await self._namespaces(db, op)
        raise ValueError(f"unknown store operation {type(op).__name__}")

    async def _get(self, db: UserDb, op: GetOp) -> Item | None:
        row = await (
            await db.conn.execute(
                f"SELECT {COLUMNS}, ttl_minutes FROM store_items"
                f" WHERE namespace = %s AND key = %s AND {LIVE}",
                (list(op.namespace), op.key),
            )
        ).fetchone()
        if row is None:
            return None
        if op.refresh_ttl:
            await self._refresh(db, [row])
        return _item(row, Item)

    @staticmethod
    async def _refresh(db: UserDb, rows: list[dict[str, Any]]) -> None:
        """Items read with refresh_ttl live another TTL from now (only those with one:
        a read of the rest writes nothing)."""
        for row in rows:
            if row["ttl_minutes"] is not None:
                await db.conn.execute(
                    "UPDATE store_items SET expires_at = now() + ttl_minutes * interval"
                    " '1 minute' WHERE namespace = %s AND key = %s",
                    (row["namespace"], row["key"]),
                )

    async def _put(self, db: UserDb, op: PutOp) -> None:
        namespace = list(op.namespace)
        if op.value is None:
            await db.conn.execute(
                "DELETE FROM store_items WHERE namespace = %s AND key = %s", (namespace, op.key)
            )
            return
        ttl = op.ttl if isinstance(op.ttl, int | float) else None
        await self._room_for(db, namespace, op.key)
        await db.conn.execute(
            "INSERT INTO store_items (user_id, namespace, key, value, ttl_minutes, expires_at)"
            " VALUES (%s, %s, %s, %s::jsonb, %s, now() + %s * interval '1 minute')"
            " ON CONFLICT (user_id, namespace, key) DO UPDATE SET value = excluded.value,"
            " ttl_minutes = excluded.ttl_minutes, expires_at = excluded.expires_at,"
            " updated_at = now()",
            (db.user_id, namespace, op.key, _json(dict(op.value)), ttl, ttl),
        )

    async def _room_for(self, db: UserDb, namespace: list[str], key: str) -> None:
        """StoreFull when the key is new and the user already holds max_items (their new
        keys are counted one at a time, so racing puts cannot pass the limit)."""
        held = "SELECT 1 FROM store_items WHERE namespace = %s AND key = %s"
        if await (await db.conn.execute(held, (namespace, key))).fetchone() is not None:
            return  # a replacement
        await one_writer(db, "store")
        count = "SELECT count(*) AS n FROM (SELECT 1 FROM store_items LIMIT %s) AS held"
        row = await (await db.conn.execute(count, (self._max_items,))).fetchone()
        if row is not None and row["n"] >= self._max_items:
            raise StoreFull(self._max_items)

    async def _search(self, db: UserDb, op: SearchOp) -> list[SearchItem]:
        clauses, params = value_filter(op.filter)
        prefix = list(op.namespace_prefix)
        where = sql.SQL(" AND ").join(
            [
                sql.SQL("namespace[1:%s] = %s::text[]"),
                sql.SQL(LIVE),
                *clauses,
            ]
        )
        statement = sql.SQL(
            "SELECT {cols}, ttl_minutes FROM store_items WHERE {where}"
            " ORDER BY updated_at DESC, namespace, key LIMIT %s OFFSET %s"
        ).format(cols=sql.SQL(COLUMNS), where=where)
        rows = await (
            await db.conn.execute(statement, [len(prefix), prefix, *params, op.limit, op.offset])
        ).fetchall()
        if op.refresh_ttl:
            await self._refresh(db, rows)
        return [_item(r, SearchItem) for r in rows]

    async def _namespaces(self, db: UserDb, op: ListNamespacesOp) -> list[tuple[str, ...]]:
        rows = await (
            await db.conn.execute(
                f"SELECT DISTINCT namespace FROM store_items WHERE {LIVE} LIMIT %s",
                (MAX_NAMESPACES,),
            )
        ).fetchall()
        found: set[tuple[str, ...]] = set()
        for row in rows:
            namespace = tuple(row["namespace"])
            if all(_matches(namespace, c) for c in op.match_conditions or ()):
                found.add(namespace[: op.max_depth] if op.max_depth else namespace)
        return sorted(found)[op.offset : op.offset + op.limit]
