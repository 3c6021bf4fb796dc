"""Words for things people buy at the shops, to read a list typed without commas ("milk
bread and eggs" is three items; "tomato sauce and bread rolls" is two): a run of words
that are each an item on their own is split, unless two of them name one thing."""

from __future__ import annotations

import re

_WORDS = """
    milk bread eggs butter cheese yoghurt yogurt cream margarine marg
    coffee tea teabags sugar flour salt pepper rice pasta noodles oats cereal weetbix muesli
    honey jam vegemite peanut nutella biscuits bikkies crackers chips crisps chocolate lollies
    apples apple bananas banana oranges lemons limes grapes mangoes avocados avos berries
    strawberries tomatoes tomato potatoes spuds onions onion garlic carrots lettuce spinach
    cucumber capsicum broccoli pumpkin mushrooms corn peas beans celery zucchini ginger
    chicken beef lamb pork mince steak sausages snags bacon ham fish prawns tuna salami
    water soda lemonade coke juice beer wine cider ice
    soap shampoo conditioner toothpaste deodorant sunscreen sunblock tissues batteries
    matches firelighters gas foil cling detergent bleach sponges dishcloths
    kitchen toilet paper towels wipes
    ketchup mayo mayonnaise mustard sauce oil vinegar stock spices herbs
    tortillas wraps rolls buns muffins crumpets
"""
ITEMS = frozenset(_WORDS.split())
# Two item words that name one thing.
PAIRS = frozenset(
    {
        ("peanut", "butter"), ("tomato", "sauce"), ("toilet", "paper"), ("paper", "towels"),
        ("kitchen", "paper"), ("olive", "oil"), ("ice", "cream"), ("sour", "cream"),
        ("cream", "cheese"), ("chicken", "stock"), ("beef", "stock"), ("fish", "sauce"),
        ("soy", "sauce"), ("bread", "rolls"), ("hot", "dogs"), ("baked", "beans"),
        ("orange", "juice"), ("apple", "juice"), ("coconut", "milk"), ("almond", "milk"),
        ("soda", "water"), ("tomato", "paste"), ("garlic", "bread"), ("chicken", "breast"),
        ("corn", "chips"), ("potato", "chips"), ("fish", "fingers"), ("cling", "wrap"),
        ("gas", "bottle"), ("sausage", "rolls"), ("ginger", "beer"), ("tea", "bags"),
        ("mayo", "sauce"), ("ham", "slices"), ("cheese", "slices"), ("salad", "mix"),
    }
)  # fmt: skip


def split_run(phrase: str) -> list[str]:
    """ "milk bread" -> ["milk", "bread"]; a phrase with any word that is no item, or one
    item of two words, stays whole."""
    words = phrase.split()
    if len(words) < 2 or any(w.lower() not in ITEMS for w in words):
        return [phrase]
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words) and (words[i].lower(), words[i + 1].lower()) in PAIRS:
            out.append(f"{words[i]} {words[i + 1]}")
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


# A list laid out rather than written in a sentence: an item a line, a bullet before each
# ("•", "*", "-", "1."), or semicolons between them.
_LAID_OUT = re.compile(r"\n|[•·▪;]")
_PIECE_BREAK = re.compile(r"\s*(?:\n+|[•·▪;])\s*")
_PIECE_MARK = re.compile(r"^(?:[-*–]|\d{1,2}[.)])\s*")
# A first line that is the request, not an item: it names the list or asks to put things on it.
_HEAD = re.compile(
    r"\b(?:list|shopping|shops|add|put|pop|chuck|stick|grab|need|get|buy|write|jot|note)\b"
    r"|:\s*$",
    re.IGNORECASE,
)
_LABELLED = re.compile(r"[:]\s*\S|\s-\s*\S")


def laid_out(text: str) -> str:
    """The items of a laid-out list as one list written with commas, its first line kept as
    the request ("pop these on the list\\nbutter\\ncheese" -> "pop these on the list:
    butter, cheese"); text that is not laid out is returned as it is."""
    if not _LAID_OUT.search(text):
        return text
    pieces = [_PIECE_MARK.sub("", p).strip() for p in _PIECE_BREAK.split(text.strip())]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2:
        return text
    head = pieces[0]
    if _HEAD.search(head) and not _LABELLED.search(head.rstrip(" :-")):
        return f"{head.rstrip(' :-')}: {', '.join(pieces[1:])}"
    return ", ".join(pieces)
