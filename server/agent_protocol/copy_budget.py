"""A thread's copy costs requests by the bytes it copies (redteam 11).

`POST /threads/{id}/copy` writes every checkpoint, blob and pending write of the thread
again, and a thread's checkpoints grow with its turns (each bounded, their number not:
`pam db prune` is the operator's): a copy of a 150-turn thread wrote 3.8 MB, so at the
API rate one user added about 1 GB a minute, the more the longer the thread. Now every
COPY_BYTES_PER_REQUEST (64 KiB, the largest free-form field one request may write)
copied counts as one request against the caller's API budget (the middleware counted the
first), before anything is written: over it, a 429 with Retry-After; a thread larger
than the whole budget is a 422.
"""

from __future__ import annotations

import math
from uuid import UUID

from server.ratelimit import charge_api_requests, rate_item
from server.refusals import BadInput
from server.resources import Resources
from server.runs.threads import ThreadRow
from tools.db.pool import Pool

COPY_BYTES_PER_REQUEST = 64 * 1024


async def stored_bytes(pool: Pool, thread: ThreadRow, tables: list[str]) -> int:
    """The bytes a copy of `thread` writes: its rows in the checkpoint `tables`."""
    parts = " + ".join(
        f"(SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM {table} t WHERE thread_id = %s)"
        for table in tables
    )
    async with pool.connection() as conn:
        row = await (
            await conn.execute(f"SELECT {parts} AS n", [thread.key] * len(tables))
        ).fetchone()
    return int(row["n"]) if row else 0


async def charge_copy(resources: Resources, user: UUID, size: int) -> None:
    requests = max(1, math.ceil(size / COPY_BYTES_PER_REQUEST))
    rate = resources.settings.rate_limit_api
    if requests > rate_item(rate).amount:
        raise BadInput(
            f"This thread is too large to copy ({size // 1024:,} KiB of checkpoints, counted"
            f" as {requests} requests against a budget of {rate}); prune it first."
        )
    await charge_api_requests(
        resources, user, requests, f"Copying this thread ({size // 1024:,} KiB)"
    )
