"""`extract` in POST /threads/search: named values read out of each thread found.

A client names up to MAX_PATHS aliases, each a path into one of a thread's JSON fields
(`values.messages[-1].content`, `metadata.topic`); each thread found carries
`extracted: {alias: value}`, null where the path leads nowhere. Checked before the
search runs: a bad alias or path is a 422 naming it.
"""

from __future__ import annotations

import re
from typing import Any

from server.refusals import BadInput

MAX_PATHS = 10
ROOTS = frozenset({"values", "metadata", "config", "interrupts"})
# An alias becomes a key next to the thread's own fields, so it may not shadow one.
THREAD_FIELDS = frozenset(
    {"thread_id", "created_at", "updated_at", "state_updated_at", "metadata", "status"}
    | {"values", "interrupts", "config", "error", "extracted"}
)
ALIAS = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
ROOT = re.compile(r"[^.\[]+")
STEP = re.compile(r"\.([^.\[\]]+)|\[(-?\d+)\]")


def checked_extract(extract: dict[str, str]) -> dict[str, list[str | int]]:
    """The paths as steps (a key or a list index), or a BadInput naming what is wrong."""
    if len(extract) > MAX_PATHS:
        raise BadInput(f"extract: at most {MAX_PATHS} paths, got {len(extract)}.")
    steps: dict[str, list[str | int]] = {}
    for alias, path in extract.items():
        if not ALIAS.fullmatch(alias) or alias in THREAD_FIELDS:
            raise BadInput(f"extract.{alias}: an alias is an identifier, not a thread field.")
        steps[alias] = _steps(alias, path)
    return steps


def _steps(alias: str, path: str) -> list[str | int]:
    head = ROOT.match(path)
    root = head.group(0) if head else ""
    if root not in ROOTS:
        raise BadInput(f"extract.{alias}: a path starts with one of {', '.join(sorted(ROOTS))}.")
    tail = path[len(root) :]
    found: list[str | int] = [root]
    position = 0
    for match in STEP.finditer(tail):
        if match.start() != position:
            break
        found.append(match.group(1) if match.group(1) is not None else int(match.group(2)))
        position = match.end()
    if position != len(tail) or any(isinstance(s, str) and s.startswith("_") for s in found):
        raise BadInput(f"extract.{alias}: '{path}' is not a path of keys and [indexes].")
    return found


def extracted(thread: dict[str, Any], paths: dict[str, list[str | int]]) -> dict[str, Any]:
    return {alias: _follow(thread, steps) for alias, steps in paths.items()}


def _follow(value: Any, steps: list[str | int]) -> Any:
    for step in steps:
        if isinstance(step, int) and isinstance(value, list) and -len(value) <= step < len(value):
            value = value[step]
        elif isinstance(step, str) and isinstance(value, dict):
            value = value.get(step)
        else:
            return None
    return value
