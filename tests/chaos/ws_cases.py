"""Hostile WebSocket frames for the fuzzer, drawn from a seeded generator: each
category's maker builds cases with one documented answer (PROTOCOLS.md)."""

from __future__ import annotations

import functools
import json
import random
from collections.abc import Callable
from typing import Any

from tests.chaos import ws_values as v
from tests.chaos.ws_case import BAD, REQUIRED, Case, framed, too_big, valid_frame


def mutated(rng: random.Random, category: str) -> Case:
    kinds = [k for k in REQUIRED if category not in ("missing_field", "null_field") or REQUIRED[k]]
    frame = valid_frame(rng, rng.choice(kinds))
    kind = frame["type"]
    if category == "wrong_type":
        field = rng.choice([f for f in frame if f in v.WRONG])
        frame[field] = rng.choice(v.WRONG[field])
    elif category == "extra_field":
        name, value = rng.choice(v.EXTRA)
        frame[name] = value
    elif category == "missing_field":
        del frame[rng.choice(REQUIRED[kind])]
    else:  # null where a value is required
        frame[rng.choice(REQUIRED[kind])] = None
    return framed(category, frame)


def truncated(rng: random.Random, category: str) -> Case:
    if rng.random() < 0.5:
        return Case(category, rng.choice(v.GARBAGE), BAD)
    whole = json.dumps(valid_frame(rng, rng.choice(list(REQUIRED))))
    return Case(category, whole[: rng.randrange(len(whole))], BAD)


def unknown_type(rng: random.Random, category: str) -> Case:
    frame = valid_frame(rng, "chat")
    frame["type"] = rng.choice(v.UNKNOWN_TYPES)
    if frame["type"] is None:
        del frame["type"]
    return framed(category, frame)


def huge_number(rng: random.Random, category: str) -> Case:
    big = rng.choice(v.BIG_NUMBERS)
    where: list[dict[str, Any]] = [
        {"type": "ping", "timestamp": big},
        {"type": "chat", "message": "hi", "message_id": big},
        {"type": "context_update", "context": {"location": {"lat": big, "lng": 0}}},
    ]
    return framed(category, rng.choice(where))


def deep(rng: random.Random, category: str) -> Case:
    depth = rng.choice([40, 200, 1100])  # past the server's limit, and past orjson's
    inner = '{"a":' * depth + "1" + "}" * depth
    edit = '{"type": "edit", "edited_action": {"name": "add_expense", "args": ' + inner + "}}"
    frame = valid_frame(rng, "resume")
    resume = json.dumps(frame).replace('{"type": "approve"}', edit)
    texts = [
        '{"type": "context_update", "context": {"location": ' + inner + "}}",
        '{"type": "ping", "timestamp": ' + inner + "}",
        resume,
    ]
    text = rng.choice(texts)
    readable = text is resume and depth < 1000  # orjson stops at 1024 levels
    return Case(category, text, BAD, frame["message_id"] if readable else None)


def bad_text(rng: random.Random, category: str) -> Case:
    """A NUL, or a lone surrogate (invalid JSON), inside one of the frame's strings."""
    bad = "\x00" if category == "nul_byte" else rng.choice(v.LONE_SURROGATES)
    frame = valid_frame(rng, rng.choice(["chat", "auth", "resume", "context_update"]))
    field = rng.choice([f for f, value in frame.items() if isinstance(value, str)] + ["context"])
    frame[field] = {"current_page": f"/wins{bad}"} if field == "context" else frame[field] + bad
    return framed(category, frame)


def binary(rng: random.Random, category: str) -> Case:
    blob = rng.choice([rng.randbytes(rng.randrange(1, 300)), b'{"type": "ping"}', b""])
    return Case(category, blob, BAD)


def refused(rng: random.Random, category: str) -> Case:
    """Well-formed, on a thread that is no one's: NOT_FOUND, as for another user's."""
    frame = valid_frame(rng, rng.choice(["chat", "resume", "cancel"]))
    return framed(category, frame, frozenset({"error:NOT_FOUND"}))


def harmless(rng: random.Random, category: str) -> Case:
    """Hostile-looking text in free-form fields: taken as data and answered as usual."""
    sneaky = rng.choice(v.SNEAKY)
    if rng.random() < 0.5:
        return framed(category, {"type": "ping", "timestamp": sneaky}, frozenset({"pong"}))
    frame = {"type": "context_update", "context": {"current_page": sneaky}}
    return framed(category, frame, frozenset({"silent"}))


def oversized(max_bytes: int, rng: random.Random, category: str) -> Case:
    text = json.dumps({"type": "chat", "message": "y" * (max_bytes + rng.randrange(1, 4096))})
    payload: str | bytes = text if rng.random() < 0.5 else text.encode()
    return Case(category, payload, frozenset({"close:1009"}), alone=True)


def bad_reauth(rng: random.Random, category: str) -> Case:
    """A refreshed token that does not verify ends the session."""
    text = json.dumps({"type": "auth", "token": rng.choice(v.FORGED_TOKENS)})
    return Case(category, text, frozenset({"close:4001"}), alone=True)


SAME_SOCKET: dict[str, Callable[[random.Random, str], Case]] = {
    "malformed_json": truncated,
    "not_object": lambda rng, c: Case(c, rng.choice(v.NOT_OBJECTS), BAD),
    "unknown_type": unknown_type,
    "wrong_type": mutated,
    "missing_field": mutated,
    "extra_field": mutated,
    "null_field": mutated,
    "huge_number": huge_number,
    "deep_nesting": deep,
    "nul_byte": bad_text,
    "lone_surrogate": bad_text,
    "binary": binary,
    "documented_refusal": refused,
    "harmless": harmless,
}
# Each closing category is drawn half as often as the others: each costs a connection.
DRAW = [*SAME_SOCKET, *SAME_SOCKET, "oversized", "bad_reauth"]


def cases(seed: int, count: int, max_frame_bytes: int = 64_000) -> list[Case]:
    """`count` cases, the same ones for the same seed."""
    rng = random.Random(seed)
    makers: dict[str, Callable[[random.Random, str], Case]] = {
        **SAME_SOCKET,
        "oversized": functools.partial(oversized, max_frame_bytes),
        "bad_reauth": bad_reauth,
    }
    drawn = [makers[c](rng, c) for c in (rng.choice(DRAW) for _ in range(count))]
    return [too_big(c) if len(c.payload or "") > max_frame_bytes else c for c in drawn]
