"""The WebSocket fuzzer: a seeded set of hostile frames (`ws_cases`) against a running
server, each answer checked against PROTOCOLS.md — a documented error code (never
INTERNAL, never a traceback, the `message_id` echoed) or the documented close code —
with a `ping` after each frame proving the socket still answers.

    report = await fuzz_ws(url, ws_url, token_for, count=300, seed=1)
    assert report.ok, report.failures

`token_for(name)` signs a token for a user of that name: every socket is a fresh user,
so the per-user frame rate limit (60/minute by default) is only met by the flood.
"""

from __future__ import annotations

import itertools
import json
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from server.settings import Settings
from server.ws.flood import FLOODING
from tests.chaos import ws_sessions as s
from tests.chaos.ws_case import Case, before_sign_in
from tests.chaos.ws_cases import cases

DOCUMENTED = {"BAD_REQUEST", "UNAUTHORIZED", "RATE_LIMITED", "THREAD_BUSY", "NOT_FOUND"}
REFUSED_MAX = Settings.model_fields["ws_refused_frames_max"].default  # the servers' default
AUTH_CLOSE_S = 1.5  # PROTOCOLS.md: 4001 within 1 s (the silent client: 1 s of silence)


@dataclass
class FuzzReport:
    frames_sent: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    health_live: int | None = None

    @property
    def ok(self) -> bool:
        return not self.failures and self.health_live == 200 and self.frames_sent > 0

    def judge(self, case: Case, answer: s.Answer, within_s: float | None = None) -> None:
        self.frames_sent += case.payload is not None
        self.categories[case.category] += 1
        outcome = answer.outcome()
        self.outcomes[outcome] += 1
        problems = [] if outcome in case.expect else [f"expected {sorted(case.expect)}"]
        problems += [p for text in answer.frames for p in frame_problems(text, case.echo)]
        if within_s is not None and answer.took_s > within_s:
            problems.append(f"took {answer.took_s:.2f}s")
        if problems:
            sent = repr(case.payload)[:80]
            self.failures.append(f"{case.category} {sent} -> {outcome}: {'; '.join(problems)}")

    def as_dict(self) -> dict[str, Any]:
        return {
            "frames_sent": self.frames_sent,
            "outcomes": dict(self.outcomes.most_common()),
            "categories": dict(sorted(self.categories.items())),
            "failures": len(self.failures),
            "first_failures": self.failures[:20],
            "health_live": self.health_live,
            "ok": self.ok,
        }


def frame_problems(text: str, echo: str | None) -> list[str]:
    """What is wrong with one frame the server sent back."""
    if "Traceback" in text or 'File "' in text:
        return ["a traceback reached the client"]
    frame = json.loads(text)
    if frame.get("type") != "error":
        return []
    problems = [] if frame.get("code") in DOCUMENTED else [f"code {frame.get('code')}"]
    if not isinstance(frame.get("message"), str) or not frame["message"]:
        problems.append("an error without a message")
    if echo is not None and frame.get("message_id") != echo:
        problems.append(f"message_id {echo!r} not echoed")
    return problems


async def fuzz_ws(
    base_url: str,
    ws_base: str,
    token_for: Callable[[str], str],
    *,
    count: int = 300,
    seed: int = 0,
    max_frame_bytes: int = 64_000,
    per_socket: int = 20,
    flood_frames: int = 200,
    pre_auth: int = 8,
) -> FuzzReport:
    """`count` generated frames, then `pre_auth` frames sent before signing in, then a
    flood of `flood_frames` pings (more than the server's per-user frame rate limit)."""
    report, run = FuzzReport(), f"fuzz-{seed}-{uuid.uuid4().hex[:8]}"
    users = (f"{run}-{n}" for n in itertools.count())
    drawn = cases(seed, count, max_frame_bytes)
    pending = [c for c in drawn if not c.alone]
    while pending:  # a fresh socket (and user) per batch, and after any unplanned close
        batch = pending[:per_socket]
        async with await s.signed_in(ws_base, token_for(next(users))) as ws:
            answers = await s.probed(ws, [c.payload for c in batch])
        for case, answer in zip(batch, answers, strict=False):
            report.judge(case, answer)
        pending = pending[len(answers) :]
    for case in (c for c in drawn if c.alone):
        report.judge(case, await s.closing(ws_base, token_for(next(users)), case.payload))
    for case in before_sign_in(seed, pre_auth, drawn):
        report.judge(case, await s.closing(ws_base, None, case.payload), AUTH_CLOSE_S)
    await flood(report, ws_base, token_for(next(users)), flood_frames)
    async with httpx.AsyncClient(timeout=10) as http:
        report.health_live = (await http.get(f"{base_url}/health/live")).status_code
    return report


async def flood(report: FuzzReport, ws_base: str, token: str, frames: int) -> None:
    """Past the frame limit, each frame is refused with `retry_after`; a client that
    keeps sending is closed with 1008 after at most REFUSED_MAX refusals (R11-2)."""
    answer = await s.flood(ws_base, token, frames)
    report.frames_sent += frames
    kinds = Counter(s.kind(text) for text in answer.frames)
    report.categories["flood"] += frames
    report.outcomes.update({f"flood:{k}": n for k, n in kinds.items()})
    if answer.close is not None:
        report.outcomes[f"flood:close:{answer.close}"] += 1
    limited = [json.loads(t) for t in answer.frames if s.kind(t) == "error:RATE_LIMITED"]
    if not limited:
        report.failures.append(f"flood of {frames} frames: never RATE_LIMITED ({dict(kinds)})")
    if set(kinds) - {"pong", "error:RATE_LIMITED"}:
        report.failures.append(f"flood: unexpected answers {dict(kinds)}")
    if any(not (f.get("retry_after", 0) > 0) for f in limited):
        report.failures.append("flood: a RATE_LIMITED frame without retry_after")
    if answer.close != FLOODING or len(limited) > REFUSED_MAX:
        report.failures.append(
            f"flood: {len(limited)} refused, then {answer.outcome()[-40:]}: not closed with"
            f" {FLOODING} after at most {REFUSED_MAX} refusals"
        )
