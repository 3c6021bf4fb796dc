"""The cyclic garbage collector as `pam serve` runs it.

Start-up's objects (modules, schemas, the compiled graph) live as long as the process:
frozen, no collection walks them again. And the young generation is collected after
many more net allocations of container objects than CPython's default
(`PAM_GC_THRESHOLDS`: young, middle, old): a served turn makes thousands that live
across its awaits (configs, callback managers, messages, stream chunks), so with
CPython's threshold a young collection finds the turns in flight alive, promotes what
they hold and walks it again in the older generations; with a larger young generation
most of a turn's objects are freed by reference counting before any collection sees
them. The cost is memory held by unreachable cycles until the next young collection
(bench/README.md, issue 19's sixth round, i19-own8; docs/operations.md).
"""

from __future__ import annotations

import gc

# Net container allocations between young collections; young collections per middle
# one, middle ones per full one.
Thresholds = tuple[int, int, int]


def tune_for_serving(thresholds: Thresholds) -> None:
    """Freeze what exists now and set the serving thresholds (once, after start-up)."""
    gc.freeze()
    gc.set_threshold(*thresholds)
