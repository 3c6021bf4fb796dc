"""What makes two servers' answers comparable: ids and times replaced by placeholders.

Ids (run, thread, checkpoint, message, task, interrupt ids and the `<node>:<task id>`
namespaces that carry them) become `<id1>`, `<id2>`, ... in order of first appearance
in the answer written as JSON with sorted keys, so "the same id appears here and there"
survives while the values themselves do not. Timestamps become `<time>`. Keys that only
one server sets by design are dropped by name (differences.py says why for each).
"""

from __future__ import annotations

import re
from typing import Any

import orjson

from tests.conformance.differences import IGNORED_KEYS

# UUIDs, interrupt ids (32 hex digits) and the offline brain's tool-call ids (`call_`
# and 12 hex digits).
UUID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|\b[0-9a-f]{32}\b|call_[0-9a-f]{12}",
    re.I,
)
# Whole timestamps and those inside text (the turn's "Current time: ...T09:05+11:00").
TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?")


def _without_ignored(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _without_ignored(v) for k, v in value.items() if k not in IGNORED_KEYS}
    if isinstance(value, list | tuple):
        return [_without_ignored(v) for v in value]
    return value


def normalise(value: Any) -> Any:
    text = orjson.dumps(_without_ignored(value), option=orjson.OPT_SORT_KEYS, default=str)
    ids: dict[str, str] = {}

    def placeholder(match: re.Match[str]) -> str:
        return ids.setdefault(match.group(0).lower(), f"<id{len(ids) + 1}>")

    written = TIME.sub("<time>", UUID.sub(placeholder, text.decode()))
    return orjson.loads(written)
