"""The rows of a run's checkpoint statements as multi-row INSERTs: a few statements a
flush instead of one per row.

psycopg's pipeline sends each row of an `executemany` as its own message and waits on
the socket for it (a round of the event loop and a system call or two each): a turn
under LangGraph's default durability holds ~90 rows in ~40 statements. LangGraph's
saver writes three tables with no foreign keys or triggers between them, so the rows of
one table can go together ahead of another's (each table's rows keep their order), and
`INSERT … VALUES (row), (row), … ON CONFLICT …` writes what the rows one by one would:

- `DO NOTHING`: a row whose key an earlier row took (in the table or the same
  statement) is skipped, as one by one;
- `DO UPDATE`: Postgres refuses a statement that updates a row twice, so a row whose key
  is already in the statement starts the next one: the later row updates the earlier,
  as one by one.

A statement of another shape goes as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Postgres takes at most 65,535 parameters a statement.
MAX_PARAMS = 60_000

_INSERT = re.compile(
    r"^\s*(?P<head>INSERT INTO \w+ \((?P<columns>[^()]*)\)\s*VALUES)\s*"
    r"(?P<row>\((?:\s*%s\s*,)*\s*%s\s*\))\s*"
    r"(?P<tail>ON CONFLICT \((?P<keys>[^()]*)\)\s*(?P<action>DO NOTHING|DO UPDATE SET\b.*?))"
    r"\s*;?\s*$",
    re.DOTALL | re.IGNORECASE,
)


@dataclass(frozen=True)
class InsertShape:
    head: str  # "INSERT INTO t (a, b) VALUES"
    row: str  # "(%s, %s)"
    tail: str  # "ON CONFLICT (a) DO …"
    width: int  # parameters a row
    key: tuple[int, ...] | None  # the conflict key's positions when a row may update


@lru_cache(maxsize=64)
def insert_shape(query: str) -> InsertShape | None:
    """How to write `query`'s rows together, or None when it is not a one-row INSERT
    with an ON CONFLICT clause."""
    found = _INSERT.match(query)
    if found is None:
        return None
    columns = [c.strip() for c in found["columns"].split(",")]
    width = found["row"].count("%s")
    if width != len(columns):
        return None
    key = None
    if found["action"].upper().startswith("DO UPDATE"):
        names = [k.strip() for k in found["keys"].split(",")]
        if not set(names) <= set(columns):
            return None
        key = tuple(columns.index(n) for n in names)
    return InsertShape(found["head"], found["row"], found["tail"], width, key)


Rows = list[tuple[Any, ...]]


def grouped(statements: Iterable[tuple[str, Rows]]) -> list[tuple[str, Rows]]:
    """(query, rows) with every row of one query together, queries in the order they
    first came (rows in their order)."""
    rows_of: dict[str, Rows] = {}
    for query, rows in statements:
        rows_of.setdefault(query, []).extend(rows)
    return list(rows_of.items())


def multirow(query: str, rows: Rows) -> list[tuple[str, tuple[Any, ...]]]:
    """`rows` of `query` as few statements as write the same: (statement, parameters)."""
    shape = insert_shape(query)
    if shape is None:
        return [(query, row) for row in rows]
    out: list[tuple[str, tuple[Any, ...]]] = []
    chunk: Rows = []
    keys: set[tuple[Any, ...]] = set()
    per_statement = max(1, MAX_PARAMS // shape.width)

    def close() -> None:
        if chunk:
            values = ", ".join([shape.row] * len(chunk))
            out.append((f"{shape.head} {values} {shape.tail}", sum(chunk, ())))
            chunk.clear()
            keys.clear()

    for row in rows:
        key = tuple(row[i] for i in shape.key) if shape.key is not None else None
        if len(chunk) >= per_statement or (key is not None and key in keys):
            close()
        chunk.append(tuple(row))
        if key is not None:
            keys.add(key)
    close()
    return out
