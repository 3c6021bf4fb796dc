"""What Postgres and orjson can store, checked at the edge: request bodies carry free
JSON (metadata, state values, client ids) that would otherwise fail deep inside a
write, as a 500. NUL characters (text and jsonb refuse them), lone UTF-16 surrogates
("\ud800": no UTF-8 spelling, so no encoder takes them), integers past 64 bits (orjson
refuses them; so are floats that big, which jsonb hands back as integers), absurd
nesting and a field over MAX_FIELD_BYTES become a 422 naming the field instead."""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import BaseModel

MAX_DEPTH = 32
# One free-form JSON field (metadata, a run's input, state values) as stored: a thread's
# metadata is also held to it after a patch merges into it (thread_store.py).
MAX_FIELD_BYTES = 64 * 1024
INT_RANGE = range(-(2**63), 2**63)
LIMIT = float(2**63)


def check_storable(value: Any, depth: int = 0) -> None:
    """ValueError for the first thing in `value` that could not be stored."""
    if depth > MAX_DEPTH:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("text must not contain NUL (\\u0000) characters")
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(
                    "text must not contain lone UTF-16 surrogates (\\ud800-\\udfff)"
                ) from None
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


def _as_json(value: Any) -> Any:
    if isinstance(value, BaseModel):  # a request built in code (a door) holds models
        return value.model_dump(mode="json")
    raise TypeError(f"{type(value).__name__} is not JSON")


def json_bytes(value: Any) -> int:
    return len(orjson.dumps(value, default=_as_json))


def storable(data: Any) -> Any:
    """A `model_validator(mode="before")` body: the raw input, unchanged, once checked;
    a problem is named with the top-level field it is in."""
    if not isinstance(data, dict):
        check_storable(data)
        return data
    for field, value in data.items():
        try:
            check_storable(field)
            check_storable(value, 1)
        except ValueError as exc:
            raise ValueError(f"{field}: {exc}") from None
        if isinstance(value, dict | list) and json_bytes(value) > MAX_FIELD_BYTES:
            raise ValueError(f"{field}: larger than {MAX_FIELD_BYTES} bytes of JSON")
    return data
