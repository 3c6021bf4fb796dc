"""One fuzz case: what it sends and the outcomes PROTOCOLS.md allows for it; the
well-formed frames of each type that the generators start from; the frames sent before
signing in; and what any frame over the size limit gets."""

from __future__ import annotations

import dataclasses
import json
import random
import uuid
from dataclasses import dataclass
from typing import Any

BAD = frozenset({"error:BAD_REQUEST"})
REQUIRED = {
    "auth": ["token"],
    "ping": [],
    "chat": ["message"],
    "resume": ["thread_id", "decisions"],
    "cancel": ["thread_id"],
    "context_update": ["context"],
}


@dataclass(frozen=True)
class Case:
    category: str
    payload: str | bytes | None  # None: send nothing at all
    expect: frozenset[str]
    echo: str | None = None  # the message_id the error frame must carry back
    alone: bool = False  # the socket closes after it: give it a socket of its own


def valid_frame(rng: random.Random, kind: str) -> dict[str, Any]:
    """A well-formed frame of `kind`; its thread ids belong to no one."""
    tid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    mid = f"m-{rng.getrandbits(32):08x}"
    frames: dict[str, dict[str, Any]] = {
        "auth": {"type": "auth", "token": "x.y.z"},
        "ping": {"type": "ping", "timestamp": 1.5},
        "chat": {"type": "chat", "message": "hello", "thread_id": tid, "message_id": mid},
        "resume": {"type": "resume", "thread_id": tid, "decisions": [{"type": "approve"}]},
        "cancel": {"type": "cancel", "thread_id": tid},
        "context_update": {"type": "context_update", "context": {"timezone": "Australia/Perth"}},
    }
    if kind == "resume":
        frames[kind]["message_id"] = mid
    return frames[kind]


def framed(category: str, frame: dict[str, Any], expect: frozenset[str] = BAD) -> Case:
    mid = frame.get("message_id")
    usable = isinstance(mid, str) and 0 < len(mid) <= 200 and "\x00" not in mid
    usable = usable and category != "lone_surrogate"  # the whole frame is unreadable
    # stdlib json: big integers and lone surrogates go out exactly as written
    return Case(category, json.dumps(frame), expect, mid if usable else None)


def before_sign_in(seed: int, n: int, drawn: list[Case]) -> list[Case]:
    """Frames sent first, with no token: a close with 4001, and nothing run."""
    rng = random.Random(seed)
    firsts: list[str | bytes | None] = [
        None,  # silence
        json.dumps(valid_frame(rng, "chat")),
        json.dumps({"type": "auth", "token": "forged"}),
        json.dumps({"type": "ping"}),
    ]
    shared = [c for c in drawn if not c.alone]
    firsts += [c.payload for c in rng.sample(shared, min(len(shared), max(0, n - len(firsts))))]
    closed = frozenset({"close:4001"})
    return [Case("before_sign_in", payload, closed) for payload in firsts[:n]]


def too_big(case: Case) -> Case:
    """Over the server's frame limit, whatever else is wrong with it: closed with 1009."""
    return dataclasses.replace(case, expect=frozenset({"close:1009"}), echo=None, alone=True)
