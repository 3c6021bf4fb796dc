"""The command-line tally the generated batteries share (`python -m tests.unit.brain.<name>
[kind ...]`): each case checked, a line for each miss, then the count read as meant by kind."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar


class Kinded(Protocol):
    @property
    def kind(self) -> str: ...


C = TypeVar("C", bound=Kinded)


def tally(
    cases: Iterable[C],
    check: Callable[[C], tuple[bool, Any]],
    miss: Callable[[C, Any], str],
    kinds: list[str],
) -> None:
    read: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for case in cases:
        if kinds and case.kind not in kinds:
            continue
        ok, got = check(case)
        total[case.kind] += 1
        read[case.kind] += ok
        if not ok:
            print(miss(case, got))
    for kind in total:
        print(f"{kind}: {read[kind]}/{total[kind]}")
    print(f"all: {sum(read.values())}/{sum(total.values())}")
