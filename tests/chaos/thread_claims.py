"""The isolation matrix's thread-id oracle rows (issue 14): every door that lets a client
choose a thread id, driven by user B with an id user A already has, must answer exactly
as it answers B for an unused id (B's own new thread), show none of A's, and leave A's
thread as it was. Each door is driven twice, with a fresh id then with A's."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.chaos.owner import Owner
from tests.chaos.probes import Probe
from tests.tokens import auth

RUN = {"assistant_id": "pam", "input": {"messages": [{"role": "user", "content": "hi"}]}}
# (what is tried, method, path, body): "{id}" is the thread id.
CLAIMS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("POST /threads", "POST", "/threads", {"thread_id": "{id}"}),
    (
        "POST /threads if_exists=raise",
        "POST",
        "/threads",
        {"thread_id": "{id}", "if_exists": "raise"},
    ),
    (
        "POST /threads if_exists=do_nothing",
        "POST",
        "/threads",
        {"thread_id": "{id}", "if_exists": "do_nothing"},
    ),
    (
        "POST /threads/{id}/runs/wait if_not_exists=create",
        "POST",
        "/threads/{id}/runs/wait",
        {**RUN, "if_not_exists": "create"},
    ),
    (
        "POST /threads/{id}/runs/stream if_not_exists=create",
        "POST",
        "/threads/{id}/runs/stream",
        {**RUN, "if_not_exists": "create", "stream_mode": ["values"]},
    ),
    (
        "POST /threads/{id}/commands run.start (the v3 thread stream)",
        "POST",
        "/threads/{id}/commands",
        {"id": 1, "method": "run.start", "params": RUN},
    ),
]


def _with(value: Any, thread_id: str) -> Any:
    if isinstance(value, str):
        return value.replace("{id}", thread_id)
    if isinstance(value, dict):
        return {k: _with(v, thread_id) for k, v in value.items()}
    return value


async def claim_probes(base_url: str, owner: Owner, intruder: str) -> list[Probe]:
    probes = []
    async with (
        httpx.AsyncClient(base_url=base_url, headers=auth(owner.user), timeout=60) as a,
        httpx.AsyncClient(base_url=base_url, headers=auth(intruder), timeout=60) as b,
    ):
        before = {}
        for _ in CLAIMS:  # one of A's threads per door, named with A's marker
            made = await a.post("/threads", json={"metadata": {"note": owner.marker}})
            made.raise_for_status()
            before[made.json()["thread_id"]] = made.json()
        for (tried, method, path, body), taken in zip(CLAIMS, before, strict=True):
            fresh = str(uuid.uuid4())
            unused = await b.request(method, _with(path, fresh), json=_with(body, fresh))
            other = await b.request(method, _with(path, taken), json=_with(body, taken))
            probes.append(
                Probe(
                    "Agent Protocol",
                    f"{tried} with A's thread_id (expected: as for an unused id)",
                    str(unused.status_code),
                    str(other.status_code),
                    owner.marker in other.text,
                )
            )
        after = {tid: (await a.get(f"/threads/{tid}")).json() for tid in before}
    probes.append(
        Probe(
            "Agent Protocol",
            "A's threads after B claimed their ids",
            "unchanged",
            "unchanged" if after == before else "changed",
        )
    )
    return probes
