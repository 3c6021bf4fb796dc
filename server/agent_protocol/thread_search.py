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

from server.agent_protocol.schemas import ThreadSearch
from server.agent_protocol.thread_extract import checked_extract, extracted
from server.agent_protocol.thread_store import SCAN_LIMIT, row_query, search_rows
from server.agent_protocol.thread_view import contains, stored_filter, thread_json, thread_state
from server.ratelimit import charge_api_requests
from server.resources import Resources
from server.runs import RunManager
from server.wire_json import dumps

# Thread states one API request may read (each a checkpoint read, ~1 ms of the server's
# CPU and ~4 ms in all); a request that reads more counts as more requests.
STATES_PER_REQUEST = 10
# A page's JSON: threads up to their state's limit each, a thousand of them, were one
# answer; the client pages on with `offset` (X-Pagination-Next says where).
MAX_PAGE_BYTES = 8 * 1024 * 1024


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
    matches = 0 if by_state else body.offset + len(rows)
    if not by_state:
        rows = rows[: body.limit]
    keep_all = body.sort_by == "status"  # sorted once every state is read
    found: list[dict[str, Any]] = []
    size = 2  # the page's JSON so far
    full = False  # it reached MAX_PAGE_BYTES: the rest of the page is left for the next
    for row in rows:
        state = await thread_state(resources, row)
        busy = await runs.busy(row.key)  # on any instance
        thread = thread_json(row, user, state, busy=busy)
        if by_state:
            if not _wanted(thread, body):
                continue
            matches += 1
            if not keep_all and not body.offset < matches <= body.offset + body.limit:
                continue  # counted, not kept: only the page's states stay in memory
        if not keep_all:
            if full or not _fits(thread, found, size):
                full = True
                if not by_state:
                    break
                continue
            size += len(dumps(thread)) + 1
        found.append(thread)
    if keep_all:
        found.sort(key=lambda t: str(t["status"]), reverse=body.sort_order != "asc")
        matches = len(found)
        found = found[body.offset : body.offset + body.limit]
        for index, thread in enumerate(found):
            if not _fits(thread, found[:index], size):
                found, full = found[:index], True
                break
            size += len(dumps(thread)) + 1
    if body.select:
        chosen = [{k: v for k, v in t.items() if k in body.select} for t in found]
    else:
        chosen = found
    if paths is not None:
        for thread, whole in zip(chosen, found, strict=True):
            thread["extracted"] = extracted(whole, paths)
    found = chosen
    headers = {"X-Pagination-Total": str(matches)}
    if full:
        headers["X-Pagination-Next"] = str(body.offset + len(found))
    elif matches > body.offset + body.limit:
        headers["X-Pagination-Next"] = str(body.offset + body.limit)
    return found, headers


def _fits(thread: dict[str, Any], page: list[dict[str, Any]], size: int) -> bool:
    """Whether the thread joins a page of `size` bytes within MAX_PAGE_BYTES (the first
    always does; redteam 9: 1,000 threads' states were one answer)."""
    return not page or size + 1 + len(dumps(thread)) <= MAX_PAGE_BYTES


async def charge_state_reads(resources: Resources, user: UUID, states: int) -> None:
    """Every STATES_PER_REQUEST thread states read count as one request against the
    caller's API budget (the middleware counted the first): 429 when over it, before
    any is read (redteam 9: one request read up to 1,000)."""
    requests = math.ceil(states / STATES_PER_REQUEST)
    await charge_api_requests(
        resources, user, requests, f"Reading {states} threads' state", ", or ask for fewer"
    )


def _wanted(thread: dict[str, Any], body: ThreadSearch) -> bool:
    if body.status is not None and thread["status"] != body.status:
        return False
    return body.values is None or contains(thread["values"] or {}, body.values)
