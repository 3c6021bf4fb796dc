"""Expense categories from everyday words."""

from __future__ import annotations

import pytest

from agent.brain.categories import category_of


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("diesel", "fuel"),
        ("filled up at the servo", "fuel"),
        ("unleaded at the bowser", "fuel"),
        ("groceries at Coles", "groceries"),
        ("Woolies", "groceries"),
        ("Aldi shop", "groceries"),
        ("coffee at the servo", "food"),
        ("lunch at the pub", "food"),
        ("takeaway pizza", "food"),
        ("eating out", "food"),
        ("caravan park 2 nights", "camping"),
        ("powered site at Big4", "camping"),
        ("national park fees", "camping"),
        ("oil change", "maintenance"),
        ("new tyres", "maintenance"),
        ("fixed the puncture", "repairs"),
        ("windscreen repair", "repairs"),
        ("rego", "registration"),
        ("car insurance", "insurance"),
        ("movie tickets", "entertainment"),
        ("chemist", "health"),
        ("doctor", "health"),
        ("Starlink subscription", "phone_internet"),
        ("Telstra recharge", "phone_internet"),
        ("gas bottle refill", "gas_lpg"),
        ("LPG", "gas_lpg"),
        ("Bunnings", "shopping"),
        ("new clothes at Kmart", "shopping"),
        ("that was groceries not food", "groceries"),
        ("grocries", "groceries"),
        ("resturant", "food"),
        ("pharmcy", "health"),
        ("insurence", "insurance"),
        ("phone/internet", "phone_internet"),
    ],
)
def test_category_words(text: str, category: str) -> None:
    assert category_of(text) == category


def test_unknown_words_have_no_category() -> None:
    assert category_of("parking") is None
