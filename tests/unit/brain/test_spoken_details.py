"""Details as travellers say them: a total "all up" without a currency, "the shops list",
a time with a dot ("12.30", "make it 10.15"), but a price per litre is no time."""

from __future__ import annotations

from typing import Any

import pytest

from agent.brain.times import find_time
from tests.unit.brain.support import only_call, step, subset


@pytest.mark.parametrize(
    ("domain", "text", "tool", "args"),
    [
        ("wheels", "chucked 60 litres in, eighty five all up", "log_fuel",
         {"litres": 60, "total_cost": 85}),
        ("you", "stick sunscreen and snags on the shops list", "add_to_shopping_list",
         {"items": ["sunscreen", "snags"]}),
        ("you", "pencil in lunch with Marg on the 14th at 12.30", "create_event",
         {"start": "2026-03-14T12:30:00+11:00", "title": "Lunch with Marg"}),
        ("wheels", "fuel was 2.19 a litre at Ceduna, filled 70 litres", "log_fuel",
         {"litres": 70, "price_per_litre": 2.19}),
    ],
)  # fmt: skip
def test_spoken_details_fill_the_call(
    domain: str, text: str, tool: str, args: dict[str, Any]
) -> None:
    assert subset(only_call(step(domain, text), tool), args)


def test_a_dotted_time_needs_a_word_that_asks_for_a_time() -> None:
    hit = find_time("sorry, make it 10.15")
    assert hit is not None and (hit.at.hour, hit.at.minute) == (10, 15)
    assert find_time("paid 12.30 at Coles") is None
    assert find_time("diesel at 2.19 a litre") is None
