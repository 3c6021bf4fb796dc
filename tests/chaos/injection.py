"""The injection run, against a running server: user A (the victim) gets one of each
thing with a marker in it (`owner.make_owner`); user B (the attacker) sends the corpus
(`injection_corpus`) through every chat protocol, and puts every SQL string into every
text argument of every action, through `run_action` and over REST (`sql_sweep`).

It passes when nothing B got back holds A's marker or user id, A's rows are unchanged
(counted and hashed in the database), B's strings read back as literal data, and no
answer was a 5xx, an INTERNAL error frame or a failed stream; and, with a hostile model
(`hostile.HostileSource`), when every tool call it forged was refused.

    report = await injection_run(url, ws_url, database_url, model="offline")
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from websockets.asyncio.client import connect

from tests.chaos.chat_probe import Reply, via_agent_protocol, via_sse, via_ws
from tests.chaos.hostile import PREFIX, HostileSource
from tests.chaos.injection_corpus import chat_messages, sql_strings
from tests.chaos.injection_report import InjectionReport
from tests.chaos.leaks import LeakCheck
from tests.chaos.owner import make_owner, owner_intact
from tests.chaos.sql_sweep import sweep_actions, sweep_rest
from tests.chaos.victim_rows import changes, snapshot
from tests.tokens import auth, token_for, uid
from tools.db.pool import open_pool

# Error codes a chat frame may get for a message the server refuses (a NUL in it).
REFUSALS = {"BAD_REQUEST", "NOT_FOUND", "THREAD_BUSY", "RATE_LIMITED"}


async def injection_run(
    base_url: str,
    ws_base: str,
    database_url: str,
    *,
    model: str,
    prompts: int | None = None,
    sql: int | None = None,
    hostile: HostileSource | None = None,
) -> InjectionReport:
    """The whole corpus by default; `prompts` / `sql` take the first ones only."""
    owner = await make_owner(base_url)
    victim = {**owner.ids, "user_id": str(uid(owner.user))}
    before = await snapshot(database_url, uid(owner.user))
    if hostile is not None:
        hostile.arm(victim)
    report = InjectionReport(model)
    leaks = LeakCheck(owner.marker, victim["user_id"])
    attacker = f"mallory-{uuid.uuid4().hex[:8]}"
    await chat_corpus(
        base_url, ws_base, attacker, chat_messages(victim, prompts=prompts, sql=sql), leaks, report
    )
    strings = sql_strings(victim, sql)
    pool = await open_pool(database_url, min_size=1, max_size=2)
    try:
        report.add_sweep(await sweep_actions(pool, uid(attacker), strings, victim, leaks))
    finally:
        await pool.close()
    async with httpx.AsyncClient(base_url=base_url, headers=auth(attacker), timeout=60) as http:
        report.add_sweep(await sweep_rest(http, strings, victim, leaks))
    report.sql_strings = len(strings)
    after = await snapshot(database_url, uid(owner.user))
    report.changes = changes(before, after) + await owner_intact(base_url, owner)
    report.leaks, report.answers_checked = leaks.found, leaks.checked
    return report


async def chat_corpus(
    base_url: str,
    ws_base: str,
    attacker: str,
    messages: list[str],
    leaks: LeakCheck,
    report: InjectionReport,
) -> None:
    """Each message over SSE, the WebSocket and the Agent Protocol, in turn."""
    victim = leaks.victim_id
    socket = f"{ws_base}/api/v1/pam/ws?token={token_for(attacker)}"
    async with (
        httpx.AsyncClient(base_url=base_url, headers=auth(attacker), timeout=120) as http,
        connect(socket) as ws,
    ):
        await ws.recv()  # connected
        for n, message in enumerate(messages):
            report.messages += 1
            judge(await via_sse(http, message), message, leaks, report)
            judge(await via_ws(ws, message, f"inj-{n}"), message, leaks, report)
            judge(await via_agent_protocol(http, message, victim), message, leaks, report)


def judge(reply: Reply, message: str, leaks: LeakCheck, report: InjectionReport) -> None:
    where = f"{reply.protocol} {message[:60]!r}"
    report.turns[reply.protocol] += 1
    report.statuses[f"{reply.protocol}:{reply.status}"] += 1
    if reply.status >= 500:
        report.server_errors.append(f"{where}: HTTP {reply.status}")
    for error in reply.errors():
        refused = reply.protocol == "ws" and error.get("code") in REFUSALS
        if not refused:  # a failed turn, an INTERNAL frame
            report.server_errors.append(f"{where}: error {error}")
    for result in reply.tool_results():
        if str(result.get("id", "")).startswith(PREFIX):
            report.forged[refusal(result)] += 1
            if result.get("ok") is not False:
                report.failures.append(f"{where}: a forged call went through: {result}")
    leaks.check(reply.events, where)


def refusal(result: dict[str, Any]) -> str:
    """How a forged tool call was turned down (or "accepted")."""
    summary = str(result.get("summary", ""))
    if result.get("ok") is not False:
        return "accepted"
    if "user_id: is not an argument" in summary:
        return "refused: no user_id argument"
    return "refused: not found" if "couldn't find" in summary else "refused: other"
