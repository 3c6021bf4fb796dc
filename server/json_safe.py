"""What Postgres and orjson can store, checked at the edge: request bodies carry free
JSON (metadata, state values, client ids) that would otherwise fail deep inside a
write, as a 500. NUL characters (text and jsonb refuse them), integers past 64 bits
(orjson refuses them; so are floats that big, which jsonb hands back as integers) and
absurd nesting become a 422 naming the problem instead."""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 32
INT_RANGE = range(-(2**63), 2**63)
LIMIT = float(2**63)


def check_storable(value: Any, depth: int = 0) -> None:
    """ValueError for the first thing in `value` that could not be stored."""
    if depth > MAX_DEPTH:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("text must not contain NUL (\\u0000) characters")
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if value not in INT_RANGE:
            raise ValueError("integers must fit in 64 bits")
    elif isinstance(value, float):
        # jsonb writes 1e300 out in full, and it reads back as an integer past 64 bits.
        if not -LIMIT < value < LIMIT:
            raise ValueError("numbers must be smaller than 2**63 in magnitude")
    elif isinstance(value, dict):
        for key, item in value.items():
            check_storable(key, depth + 1)
            check_storable(item, depth + 1)
    elif isinstance(value, list | tuple):
        for item in value:
            check_storable(item, depth + 1)


def storable(data: Any) -> Any:
    """A `model_validator(mode="before")` body: the raw input, unchanged, once checked."""
    check_storable(data)
    return data
