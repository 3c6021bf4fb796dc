"""The cyclic garbage collector as `pam serve` runs it.

Start-up's objects (modules, schemas, the compiled graph) live as long as the process:
frozen, no collection walks them again. And the young generation is collected after
`YOUNG` net allocations of container objects, not CPython's 700: a served turn makes
thousands that live across its awaits (configs, callback managers, messages, stream
chunks), so with 700 a young collection finds the turns in flight alive, promotes what
they hold and walks it again in the older generations; with a larger young generation
most of a turn's objects are freed by reference counting before any collection sees
them. The cost is memory held by unreachable cycles until the next young collection,
bounded by `YOUNG` objects (bench/README.md, issue 19's sixth round, i19-own8).
"""

from __future__ import annotations

import gc

YOUNG = 20_000  # net container allocations between young collections
OLDER = 20  # young collections per middle one, middle ones per full one (CPython: 10)


def tune_for_serving() -> None:
    """Freeze what exists now and set the serving thresholds (once, after start-up)."""
    gc.freeze()
    gc.set_threshold(YOUNG, OLDER, OLDER)
