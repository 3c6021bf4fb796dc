"""A page of a thread's runs (`GET /threads/{id}/runs`), bounded in bytes.

Each run carries its stored input and config (up to 64 KiB of JSON each), so a page of
`limit` 1,000 runs was up to 64 MB in one answer (redteam 10; round 9 left it open).
Runs are read RUN_CHUNK at a time and a page stops before its JSON would pass
MAX_PAGE_BYTES (the first run always comes); `X-Pagination-Next` then says where the next
page starts, and the client pages on with `offset`, as for thread searches."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from server.agent_protocol.page_bytes import PageBytes
from server.agent_protocol.run_view import run_json
from server.resources import Resources
from server.runs import RunManager
from server.runs.orphans import settled
from server.runs.store import list_runs
from server.wire_json import dumps

MAX_PAGE_BYTES = 8 * 1024 * 1024
RUN_CHUNK = 50  # rows read at once: a page that stops early never held the rest


async def run_page(
    res: Resources,
    runs: RunManager,
    user: UUID,
    thread_id: str,
    *,
    limit: int,
    offset: int,
    status: str | None,
    select: list[str] | None,
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """(runs of the page, pagination headers): `X-Pagination-Next` only when the page
    stopped at MAX_PAGE_BYTES before `limit` rows."""
    found: list[dict[str, Any]] = []
    page = PageBytes(MAX_PAGE_BYTES, size=2)
    read = 0  # rows of the thread consumed from `offset` (a status filter skips some)
    while read < limit:
        chunk = min(RUN_CHUNK, limit - read)
        rows = await list_runs(res.pool, user, thread_id, limit=chunk, offset=offset + read)
        for row in rows:
            live = runs.get(str(row.id))
            run = run_json(live, row) if live else run_json(await settled(runs, res.pool, row))
            if status is not None and run["status"] != status:
                read += 1
                continue
            if select:  # the fields asked for, as LangGraph's server answers `select`
                run = {k: v for k, v in run.items() if k in select}
            if not page.take(len(dumps(run))):
                return found, {"X-Pagination-Next": str(offset + read)}
            found.append(run)
            read += 1
        if len(rows) < chunk:
            break
    return found, {}
