"""Words for things people buy at the shops, to read a list typed without commas ("milk
bread and eggs" is three items; "tomato sauce and bread rolls" is two): a run of words
that are each an item on their own is split, unless two of them name one thing."""

from __future__ import annotations

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
