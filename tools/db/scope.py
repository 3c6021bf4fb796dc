"""User-scoped transactions: every query of an action runs as the RLS-bound role, for one user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID

import psycopg
from psycopg.rows import DictRow
from psycopg_pool import AsyncConnectionPool

from tools.services import Services

APP_ROLE = "pam_app"
"""The role queries run under: no superuser, no BYPASSRLS, so the policies always apply."""


@dataclass(frozen=True)
class UserDb:
    """A connection inside a transaction scoped to one user, the run's clock, and the
    external services (weather, routing, cache) the action may call.

    The user id here comes from the verified token or the run's context, never from a
    model's arguments.
    """

    conn: psycopg.AsyncConnection[DictRow]
    user_id: UUID
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    services: Services = field(default_factory=Services)


@asynccontextmanager
async def user_db(
    pool: AsyncConnectionPool[psycopg.AsyncConnection[DictRow]],
    user_id: UUID,
    *,
    now: datetime | None = None,
    services: Services | None = None,
) -> AsyncIterator[UserDb]:
    """Open a transaction as `pam_app` with `pam.user_id` set; commit on success.

    Both settings are transaction-local, so a pooled connection never carries one
    user's identity into another's transaction. The user's row is created on first
    sight (users are whoever the verified token says they are).
    """
    async with pool.connection() as conn, conn.transaction():
        await conn.execute(
            "SELECT set_config('role', %s, true), set_config('pam.user_id', %s, true)",
            (APP_ROLE, str(user_id)),
        )
        await conn.execute(
            "INSERT INTO users (id) VALUES (%s) ON CONFLICT (id) DO NOTHING", (user_id,)
        )
        yield UserDb(
            conn=conn,
            user_id=user_id,
            now=now or datetime.now(UTC),
            services=services or Services(),
        )
