"""Procrastinate's tables in our database, created by whichever process gets there first.

Under the same advisory lock as our migrations, and only when absent, so any number of
instances and workers may start at once. (Upgrading procrastinate across a schema
change means applying its migration files; the version is pinned in uv.lock.)
"""

from __future__ import annotations

import psycopg
from procrastinate.schema import SchemaManager

from tools.db.migrate import LOCK_KEY


async def ensure_job_schema(url: str) -> bool:
    """True when this call created the schema."""
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        await conn.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
        try:
            cur = await conn.execute("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")
            row = await cur.fetchone()
            if row is not None and row[0]:
                return False
            async with conn.transaction():
                await conn.execute(SchemaManager.get_schema())
            return True
        finally:
            await conn.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
