"""The previous turn as the prompt's `Previous action/filters/rows` lines tell it (written
by agent/dialogue.py from the checkpointed dialogue state)."""

from __future__ import annotations

import json
import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Previous:
    """What the previous turn did, as the prompt says it."""

    action: str
    domain: str
    wrote: bool
    turns_ago: int
    filters: dict[str, Any] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)
    day: date | None = None  # the day the conversation is about ("that day")
    written: list[dict[str, Any]] = field(default_factory=list)  # recent writes' rows, newest first


_HEAD = re.compile(r"^(\w+) \((\w+), (?:the previous turn|(\d+) turns ago)(, wrote)?\)$")


def _json(text: str | None, kind: type) -> Any:
    with suppress(ValueError, TypeError):
        value = json.loads(text or "")
        if isinstance(value, kind):
            return value
    return kind()


def read_previous(lines: dict[str, str]) -> Previous | None:
    m = _HEAD.match(lines.get("Previous action", ""))
    if not m:
        return None
    return Previous(
        action=m[1],
        domain=m[2],
        wrote=bool(m[4]),
        turns_ago=int(m[3] or 1),
        filters=_json(lines.get("Previous filters"), dict),
        rows=[r for r in _json(lines.get("Previous rows"), list) if isinstance(r, dict)],
        day=_day(lines.get("Previous day")),
        written=[r for r in _json(lines.get("Recent writes"), list) if isinstance(r, dict)],
    )


def _day(text: str | None) -> date | None:
    with suppress(ValueError, TypeError):
        return date.fromisoformat(str(text))
    return None
