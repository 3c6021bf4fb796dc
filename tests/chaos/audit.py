"""After a fault run: what the clients were told, against what the database holds.

- lost: a turn whose reply reached its client but whose expense is not stored, or a
  turn that never got any answer (no reply, no error) once the fault had passed;
- duplicated: a token stored more than once (a retry that wrote twice);
- every thread reads back (GET thread) and its state loads (no corrupt checkpoint),
  and every acknowledged turn's message is in its thread's transcript.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import httpx
import psycopg

from tests.chaos.report import FaultSummary
from tests.chaos.workload import TurnRecord
from tests.tokens import auth

TOKEN = re.compile(r"chaos-[0-9a-f]{12}")
PAGE = 200


def stored_tokens(database_url: str) -> Counter[str]:
    """How many expense rows carry each token (as the superuser: every user's rows)."""
    counts: Counter[str] = Counter()
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT description FROM expenses WHERE description LIKE %s", ("%chaos-%",)
        ).fetchall()
    for (description,) in rows:
        counts.update(TOKEN.findall(description or ""))
    return counts


def summarise(name: str, records: list[TurnRecord], stored: Counter[str]) -> FaultSummary:
    summary = FaultSummary(name)
    for record in records:
        outcome = record.outcome
        summary.attempted += 1
        summary.retried += record.attempts > 1
        copies = stored[record.token]
        if outcome.kind == "completed":
            summary.completed += 1
            summary.lost += copies == 0
        elif outcome.kind == "error":
            summary.failed_clear += 1
            summary.error_codes[str(outcome.code)] += 1
            summary.unconfirmed_writes += copies == 1
        else:
            summary.lost += 1  # nothing came back, even after the fault had passed
        summary.duplicated += copies > 1
        summary.tracebacks_to_clients += outcome.traceback
    return summary


async def threads_read_back(
    base_url: str, records: Iterable[TurnRecord]
) -> tuple[int, int, list[str]]:
    """(threads read, threads whose GET or state failed, problems). Also checks that
    each acknowledged message is in its thread's transcript."""
    by_thread: dict[tuple[str, str], list[TurnRecord]] = {}
    for record in records:
        by_thread.setdefault((record.user, record.thread_id), []).append(record)
    problems: list[str] = []
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        for (user, thread_id), turns in by_thread.items():
            headers = auth(user)
            status, transcript = await _transcript(http, thread_id, headers)
            state = await http.get(f"/threads/{thread_id}/state", headers=headers)
            if status != 200 or state.status_code != 200:
                problems.append(f"{thread_id}: GET {status}, state {state.status_code}")
                continue
            missing = [
                t.token
                for t in turns
                if t.outcome.kind == "completed" and t.token not in transcript
            ]
            if missing:
                problems.append(f"{thread_id}: acknowledged turns missing {missing[:3]}")
    return len(by_thread), len(problems), problems


async def _transcript(
    http: httpx.AsyncClient, thread_id: str, headers: dict[str, str]
) -> tuple[int, str]:
    """The whole transcript, page by page (a busy thread outgrows one page)."""
    texts: list[str] = []
    while True:
        page = await http.get(
            f"/api/v1/pam/threads/{thread_id}",
            params={"limit": PAGE, "offset": len(texts)},
            headers=headers,
        )
        if page.status_code != 200:
            return page.status_code, ""
        messages = page.json()["messages"]
        texts += [str(m["content"]) for m in messages]
        if len(messages) < PAGE:
            return 200, " ".join(texts)
