"""POST /threads/search: the caller's threads, filtered by metadata, ids, status and values,
with `extract`ed values (thread_extract.py).

Metadata and ids filter in SQL. Status and values live in graph state, so a search
that filters or sorts on them reads up to SCAN_LIMIT of the caller's threads and
filters those; anything else pages in SQL.
"""

from __future__ import annotations

import math
from typing import Any
from uuid import UUID

from starlette.exceptions import HTTPException

from server.agent_protocol.schemas import ThreadSearch
from server.agent_protocol.thread_extract import checked_extract, extracted
from server.agent_protocol.thread_store import SCAN_LIMIT, row_query, search_rows
from server.agent_protocol.thread_view import contains, stored_filter, thread_json, thread_state
from server.ratelimit import hit, retry_after_header
from server.resources import Resources
from server.runs import RunManager

# Thread states one API request may read (each a checkpoint read, ~1 ms of the server's
# CPU and ~4 ms in all); a request that reads more counts as more requests.
STATES_PER_REQUEST = 10


async def search_threads(
    resources: Resources, runs: RunManager, user: UUID, body: ThreadSearch
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """A page of thread bodies, and pagination headers as langgraph-api sends them."""
    paths = checked_extract(body.extract) if body.extract else None
    metadata = stored_filter(user, body.metadata)
    if metadata is None:
        return [], {"X-Pagination-Total": str(body.offset)}
    by_state = body.status is not None or body.values is not None or body.sort_by == "status"
    query = row_query(
        body.ids,
        metadata,
        None if body.sort_by == "status" else body.sort_by,
        body.sort_order,
        limit=SCAN_LIMIT if by_state else body.limit + 1,  # one more: is there a next page?
        offset=0 if by_state else body.offset,
    )
    rows = await search_rows(resources, user, query)
    await charge_state_reads(resources, user, len(rows))
    if not by_state:
        matches = body.offset + len(rows)
        rows = rows[: body.limit]
    found = []
    for row in rows:
        state = await thread_state(resources, row)
        busy = await runs.busy(row.key)  # on any instance
        found.append(thread_json(row, user, state, busy=busy))
    if by_state:
        found = [t for t in found if _wanted(t, body)]
        if body.sort_by == "status":
            found.sort(key=lambda t: str(t["status"]), reverse=body.sort_order != "asc")
        matches = len(found)
        found = found[body.offset : body.offset + body.limit]
    if body.select:
        chosen = [{k: v for k, v in t.items() if k in body.select} for t in found]
    else:
        chosen = found
    if paths is not None:
        for thread, whole in zip(chosen, found, strict=True):
            thread["extracted"] = extracted(whole, paths)
    found = chosen
    headers = {"X-Pagination-Total": str(matches)}
    if matches > body.offset + body.limit:
        headers["X-Pagination-Next"] = str(body.offset + body.limit)
    return found, headers


async def charge_state_reads(resources: Resources, user: UUID, states: int) -> None:
    """Every STATES_PER_REQUEST thread states read count as one request against the
    caller's API budget (the middleware counted the first): 429 when over it, before
    any is read (redteam 9: one request read up to 1,000)."""
    rate = resources.settings.rate_limit_api
    for _ in range(math.ceil(states / STATES_PER_REQUEST) - 1):
        wait = await hit(resources, f"api:user:{user}", rate)
        if wait is not None:
            seconds = retry_after_header(wait)
            raise HTTPException(
                429,
                f"Reading {states} threads' state counts as"
                f" {math.ceil(states / STATES_PER_REQUEST)} requests; too many just now:"
                f" try again in {seconds} s, or ask for fewer.",
                headers={"Retry-After": seconds},
            )


def _wanted(thread: dict[str, Any], body: ThreadSearch) -> bool:
    if body.status is not None and thread["status"] != body.status:
        return False
    return body.values is None or contains(thread["values"] or {}, body.values)
