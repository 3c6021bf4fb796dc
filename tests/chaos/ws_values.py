"""The raw material of the WebSocket fuzzer's frames: texts that are not JSON or not an
object, types no one handles, and per field the values its frame must refuse."""

from __future__ import annotations

from typing import Any

GARBAGE = [
    "{not json",
    "",
    " ",
    "{",
    "}",
    '{"type": "ping"',
    "{'type': 'ping'}",
    '{"type": "ping",}',
    '{"type": "ping"}}',
    '{"type": ping}',
    "NaN",
    "undefined",
    "\ufeff{}",
    "\x00",
    '{"type": "ping", "timestamp": 1e400}',
]
NOT_OBJECTS = ["[1, 2, 3]", '"chat"', "null", "5", "true", '[{"type": "ping"}]', "-0", '""', "[]"]
UNKNOWN_TYPES: list[Any] = [
    "shout",
    "",
    None,  # no `type` at all
    5,
    True,
    ["chat"],
    {"t": "chat"},
    "CHAT",
    "chat ",
    "ping\u200b",
    "__proto__",
]
# Fields the client must not set: the user comes from the token, never from a frame.
EXTRA: list[tuple[str, Any]] = [
    ("user_id", "00000000-0000-0000-0000-000000000001"),
    ("role", "admin"),
    ("__proto__", {"admin": True}),
    ("sql", "' OR 1=1 --"),
    ("is_admin", True),
    ("run_id", "r-1"),
]
# Per field, values of the wrong type or out of its documented bounds.
WRONG: dict[str, list[Any]] = {
    "token": [5, [], {"t": 1}, "", "x" * 9000],
    "timestamp": [{"a": 1}, [1], [], {}],
    "message": [5, [], {}, True, "", "   ", "x" * 4001, ["hello"]],
    "thread_id": ["nope", 5, [], {}, "00000000-0000", True, "' OR 1=1 --"],
    "message_id": ["", 5, "x" * 201, {}, ["m"]],
    "context": [
        "here",
        [1],
        5,
        {"location": {"lat": 500, "lng": 0}},
        {"location": {"lat": "north", "lng": 0}},
        {"timezone": "Mars/Olympus"},
        {"user_id": "00000000-0000-0000-0000-000000000001"},
    ],
    "decisions": [
        [],
        "approve",
        {"type": "approve"},
        [{"type": "maybe"}],
        [5],
        [{"type": "edit"}],
        [{"type": "approve"}] * 21,
    ],
}
SNEAKY = ["' OR 1=1 --", "<script>alert(1)</script>", "\u202eevil", "$$;", "{{7*7}}", "%s%n"]
BIG_NUMBERS: list[Any] = [10**30, -(10**25), 2**64, 1e300, -1e200]
LONE_SURROGATES = ["\ud800", "\udfff", "a\udc00b"]
FORGED_TOKENS = ["forged", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "a.b.c"]
