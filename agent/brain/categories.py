"""Expense categories (TOOLS.md) from everyday words: "servo", "Woolies", "caravan park".

What was bought outranks where it was bought ("groceries at the servo" is groceries), and
a repair outranks routine maintenance ("fixed the tyre" is repairs).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

# (category, weight, words): weight 3 = what was bought, 1 = where it was bought.
_TABLE: list[tuple[str, int, str]] = [
    (
        "gas_lpg",
        3,
        r"gas bottles?|lpg|gas refill|gas swap|swap ?(?:and|n|&) ?go|bbq gas|propane"
        r"|gas cylinders?|bottle of gas|\bgas\b(?! station)",
    ),
    (
        "repairs",
        4,
        # ("blown on eating out", "blew 200 on": money blown is spent, not a blown tyre)
        r"repairs?|repaired|fix(?:ed|ing)?|broke(?:n)?|busted"
        r"|blown(?!\s+(?:on|it|all|heaps|a (?:fortune|lot|bomb|packet)|so much|way|\$?\d)\b)"
        r"|puncture|flat tyre"
        r"|windscreen|tow truck|towing|panel beat\w*|cracked",
    ),
    (
        "maintenance",
        3,
        r"service|serviced|servicing|oil change|oil|tyres?|tires?|filters?|wipers?"
        r"|grease|wheel alignment|alignment|rotation|brake pads?|brakes|bearings|coolant|cambelt"
        r"|timing belt|maintenance|roadworthy|rwc|battery",
    ),
    ("maintenance", 1, r"mechanic|garage|auto electrician|tyre shop|tyreright|bob jane"),
    (
        "fuel",
        3,
        r"diesel|petrol|gasoline|unleaded|fuel|premium unleaded|e10|u91|u95|u98|ulp|adblue"
        r"|fill(?:ed)? up|top(?:ped)? up the tank|a tank of"
        # the fill said without "up": "we filled at crystal brook", "filled her for 90"
        r"|filled (?:at|her|it|the tank|the (?:car|ute|van|truck|rig|bus))\b"
        # what petrol is called in the languages of many travellers: "the benzine", "benzin"
        r"|benzine|benzin|benzina|gasolina",
    ),
    ("fuel", 1, r"servo|bowser|service station|gas station|caltex|ampol|bp|shell|puma|united"),
    ("registration", 3, r"rego|registration|re-?registration|registering"),
    ("insurance", 3, r"insurance|insure[d]?|ctp|green slip|roadside assist\w*|nrma|racv|racq|rac"),
    (
        "camping",
        3,
        r"caravan park|campsite|camp site|camping|campground|camp ground|powered site"
        r"|unpowered site|site fees?|camp fees?|park fees?|national parks?|np fees?|big ?4"
        r"|discovery parks?|tourist park|holiday park|showers?|a night at|nights? at|overnight stay"
        r"|bush camp|station stay|farm stay|camp(?:ing)? permits?|park pass(?:es)?|park entry"
        r"|camp(?:ing)? fees?|permit to camp"
        # "paid 48 for the camp tonight": a night's camp, not camp gear ("camp chairs")
        r"|(?:the|a|our|tonight's|last night's) camp(?!\s*(?:chairs?|ovens?|tables?|kitchen"
        r"|stoves?|fires?|gear|lights?|beds?|mats?|showers?|toilets?|cook\w*|fridges?|chef))"
        r"|camp(?=\s+(?:tonight|last night|for (?:the|a|\d+|one|two|three) nights?))",
    ),
    # a night's stay paid: "add $45 for the night there", "38 for two nights" (what was
    # bought for the night, "pizza for the night", names its own category more strongly)
    ("camping", 2, r"for (?:the|a|one|two|three|\d+) nights?(?! (?:out|off|in)\b)"),
    # ("the big shop", "the weekly shop": the run to the supermarket for the week's food)
    (
        "groceries",
        4,
        r"food shopping|food shop|grocery shop|(?:big|weekly|fortnightly|monthly) shop",
    ),
    (
        "groceries",
        3,
        r"groceries|grocery|supplies|fruit and veg|veggies|vegetables"
        r"|fruit|milk|bread|eggs|meat|butcher",
    ),
    (
        "groceries",
        1,
        r"supermarket|coles|woolies|woolworths|aldi|iga|foodworks|spar|drakes|foodland|friendlies"
        r"|romeo'?s|harris farm|costco|nqr|cornetts|supa ?iga|ritchies",
    ),
    (
        "food",
        3,
        r"eating out|dining out|meals? out|lunch|dinner|breakfast|brekkie|brunch|coffees?"
        r"|takeaway|take away|takeout|meals?|fish (?:and|n|&) chips|pizza|burgers?|pies?"
        r"|snacks?|ice creams?|drinks|beers?"
        r"|wine|maccas|mcdonald'?s|kfc|hungry jacks|subway|a feed|tea and scones|cake"
        r"|chippy|chipper|chip shop|(?:our|the|a|chippy|fish and chip) tea(?! ?bags?| towels?)",
    ),
    ("food", 1, r"pub|cafe|café|restaurant|bakery|bistro|roadhouse|hotel"),
    (
        "health",
        3,
        r"pharmacy|chemist|doctor|gp|medicine|medication|meds|prescription|script"
        r"|dentist|dental|physio|hospital|optometrist|glasses|vet|health|first aid|sunscreen"
        r"|chiropractor|chiro|podiatrist|osteo(?:path)?|optician|audiologist|hearing aids?"
        r"|pathology|blood tests?|x-?rays?|specialist|skin check|acupunctur\w*|naturopath"
        r"|psychologist|counsell?or|massage therapist|remedial massage",
    ),
    (
        "phone_internet",
        3,
        r"phone|mobile|data|internet|starlink|telstra|optus|vodafone|wi-?fi"
        r"|sim card|sim|recharge|prepaid|nbn",
    ),
    (
        "entertainment",
        3,
        r"movies?|cinema|tour|tours|entry|entrance|tickets?|museum|zoo"
        r"|concert|gig|festival|cruise|boat trip|golf|fishing charter|scenic flight|attraction"
        r"|admission|gallery|a show|the show|shows|theme park|aquarium|mini golf|bowling",
    ),
    (
        "shopping",
        3,
        r"clothes|clothing|shoes|boots|hat|gear|gifts?|souvenirs?|hardware|tools"
        r"|camping gear|fishing gear|bedding|towels|homewares|shopping|appliances?|electronics"
        r"|fridge|inverter|solar panels?|solar blanket|generator|awning|camp chairs?|kettle",
    ),
    (
        "shopping",
        1,
        r"bunnings|kmart|big ?w|target|anaconda|bcf|myer|supercheap|op shop"
        r"|jaycar|harvey norman|officeworks|mitre 10|esky|eskies",
    ),
    # a part of the fuel system is work on the vehicle, not a fill ("a new fuel filter");
    # last, so a misspelt "desiel" is still the fuel of the entries above
    (
        "maintenance",
        4,
        r"(?:fuel|diesel|petrol) (?:filters?|pumps?|injectors?|lines?|caps?|gauges?|senders?"
        r"|hoses?|tank caps?)",
    ),
]
# Brands and phrases of North American, New Zealand, British, tradie and family spending.
# Read only as written: their words alone mean other things ("school", "water", "check",
# "world"), so they stay out of the typo table below.
_AS_WRITTEN: list[tuple[str, int, str]] = [
    ("gas_lpg", 3, r"lp gas|lp tank|propane tanks?"),
    ("repairs", 4, r"mended|welding|welded"),
    ("repairs", 1, r"sparky|electrician|plumber"),
    ("maintenance", 3, r"tune-?up|lube|smog check|wof|mot|oil and filter"),
    ("maintenance", 1, r"jiffy lube"),
    ("fuel", 3, r"refuel(?:led|ed|ling)?|fill-?ups?|tank of gas"),
    (
        "fuel",
        1,
        r"chevron|exxon|mobil|sunoco|valero|conoco|phillips 66|citgo|pilot|flying j|circle k"
        r"|kwik trip|buc-?ee'?s|petro-?canada|esso|z energy|truck stop|7-eleven|7 eleven",
    ),
    (
        "registration",
        3,
        r"dmv|tags renewal|plates? renewal|licen[cs]e plates?|vehicle licen[cs]e|tax disc",
    ),
    (
        "camping",
        3,
        r"rv parks?|rv resorts?|rv sites?|koa|state parks?|campgrounds|campsites|hook-?ups?"
        r"|thousand trails|harvest hosts|doc camp\w*|freedom camp\w*|(?:a|our|the) site"
        r"|site (?:for|fee)|dump fees?|dump station fees?",
    ),
    (
        "groceries",
        1,
        r"walmart|kroger|safeway|whole foods|trader joe'?s|h-?e-?b|publix|albertsons|loblaws"
        r"|sobeys|no frills|save-on-foods|countdown|pak ?'?n'? ?save|new world|tesco"
        r"|sainsbury'?s|asda|lidl|morrisons|grocery store|farmers'? market|farm gate",
    ),
    (
        "food",
        3,
        r"smoko|sandwich(?:es)?|sangas?|sausage rolls?|kebabs?|sushi|donuts?|doughnuts?"
        r"|hot dogs?|food truck|dinners|lunches|breakfasts|takeaways"
        # dishes and drinks of the world's kitchens, bought ready to eat
        r"|chai|masala tea|samosas?|curry|curries|biryani|dosas?|thali|momos?|roti|parathas?"
        r"|dumplings?|dim sum|yum cha|noodle soup|ramen|pho|laksa|banh mi|bao|satay"
        r"|nasi goreng|mee goreng|pad thai|tacos?|burritos?|nachos|quesadillas?|empanadas?"
        r"|falafel|shawarma|gyros?|souvlaki|crepes?|croissants?|gelato|bubble tea|boba"
        r"|smoothies?|milkshakes?|cappuccinos?|lattes?|flat whites?|espresso",
    ),
    (
        "food",
        1,
        r"diner|starbucks|tim hortons|wendy'?s|taco bell|chipotle|domino'?s",
    ),
    (
        "health",
        3,
        r"prescriptions|drugstore|walgreens|cvs|rite aid|urgent care|clinic|panadol|nurofen"
        r"|ibuprofen|paracetamol|band-?aids|bandages|doctors|vets|vet bill",
    ),
    (
        "phone_internet",
        3,
        r"cell phone|cell plan|hotspot|verizon|at&t|t-mobile|telus|2degrees|one nz|phone bill",
    ),
    (
        "entertainment",
        3,
        r"netflix|spotify|disney\+?|streaming|water ?park|rodeo|footy tickets",
    ),
    (
        "shopping",
        3,
        r"toys?|school uniforms?|uniforms?|stationery|school supplies|backpacks?|jacket|jumper"
        r"|sweater|thongs|sandals|sneakers",
    ),
    (
        "shopping",
        1,
        r"amazon|ebay|best buy|home depot|lowe'?s|canadian tire|cabela'?s|bass pro"
        r"|camping world|the warehouse",
    ),
]
_COMPILED = [
    (cat, w, re.compile(rf"\b(?:{words})\b", re.IGNORECASE))
    for cat, w, words in (*_TABLE, *_AS_WRITTEN)
]
_NEGATED = re.compile(r"\bnot (?:the |a |for )?\w+(?: \w+)?\b", re.IGNORECASE)
CATEGORIES = (
    "fuel", "food", "groceries", "camping", "maintenance", "insurance", "registration",
    "repairs", "entertainment", "shopping", "health", "phone_internet", "gas_lpg", "other",
)  # fmt: skip


@lru_cache(maxsize=4096)
def find_category(
    text: str, *, min_weight: int = 0, near: int | None = None
) -> tuple[str, int, int] | None:
    """(category, start, end) of the strongest category word, earliest on ties (the sentence
    of `near`, the amount, first when given: "… sitting under the annex with a wet towel. …
    went to the chiropractor today which was $65" is health); with `min_weight` 3, only words
    that say what was bought (not where). Remembered: a write turn reads its message's
    category six times (the classifier's features, the expense's slots in each model call)."""
    clean = _NEGATED.sub(lambda m: " " * len(m[0]), text)
    # the sentence of the amount, when given: its words outrank the other sentences' (a
    # letter tells of other things), earliest first within it
    opening, closing = 0, len(clean)
    if near is not None:
        ends = list(re.finditer(r"[.!?]\s|\n", clean))
        opening = max((e.end() for e in ends if e.end() <= near), default=0)
        closing = min((e.start() for e in ends if e.start() >= near), default=len(clean))
    best: tuple[int, int, int, str, int] | None = None
    for category, weight, pattern in _COMPILED:
        if weight < min_weight:
            continue
        for m in pattern.finditer(clean):
            outside = near is not None and not (opening <= m.start() < closing)
            key = (-weight, int(outside), m.start(), category, m.end())
            if best is None or key < best:
                best = key
    if best is not None:
        return best[3], best[2], best[4]
    names = "|".join(c.replace("_", "[ _/]") for c in CATEGORIES)
    if named := re.search(rf"\b({names})\b", clean, re.I):
        return re.sub(r"[ /]", "_", named[1].lower()), named.start(), named.end()
    return _misspelt(clean, _STRONG_WORDS if min_weight >= 3 else _WORDS)


# Single words of the table, for typos ("grocries", "desiel"): long enough to be safe.
# Counts in a pattern's context ("for three nights") name no category: taken as words,
# "there" (the letters of "three") was read as camping.
_COUNT_WORDS = frozenset(
    ("three", "seven", "eight", "eleven", "twelve", "twenty", "thirty", "forty", "fifty")
)
_WORDS = {
    word: category
    for category, _weight, words in reversed(_TABLE)
    for word in re.findall(r"(?<![\\?(])\b[a-z]{5,}\b(?![?(\\])", words)
    if word not in _COUNT_WORDS
}
_STRONG_WORDS = {
    word: category
    for category, weight, words in reversed(_TABLE)
    if weight >= 3
    for word in re.findall(r"(?<![\\?(])\b[a-z]{5,}\b(?![?(\\])", words)
    if word not in _COUNT_WORDS
}
FUZZY_CUTOFF = 85


# Swapped letters ("desiel", "petorl") keep a word's letters: the same letters, in another
# order, with the same first letter, is the same word typed in a hurry.
_LETTERS = {(w[0], "".join(sorted(w))): c for w, c in _WORDS.items()}
_STRONG_LETTERS = {(w[0], "".join(sorted(w))): c for w, c in _STRONG_WORDS.items()}


# Words spelt right that a typo table would take for a category word: of when ("last
# night" is not "nights at" a park, "the first quarter" no first aid), and vehicles.
_WHEN_WORDS = frozenset(
    ("night", "nights", "tonight", "today", "morning", "evening", "afternoon", "weekend",
     "yesterday", "fortnight", "month", "months", "weeks",
     # (an order in time: "the first quarter" is no first aid)
     "first", "second", "third", "fourth", "quarter",
     # (a vehicle named by its model: "the cruiser" is no cruise)
     "cruiser", "cruisers", "landcruiser")
)  # fmt: skip


# Four-letter category words whose neighbours by one swap of two letters are no words
# ("fule", "feul", "reog", "tyer", "mlik"): shorter words are only put right when the
# letters are all there, swapped side by side (Damerau-Levenshtein 1 with the same letters).
_SHORT_WORDS = {"fuel": "fuel", "rego": "registration", "tyre": "repairs", "milk": "groceries",
                "meds": "health", "eggs": "groceries", "food": "groceries"}  # fmt: skip


def _swapped_short(word: str) -> str | None:
    for right, category in _SHORT_WORDS.items():
        if (
            word != right
            and word[0] == right[0]
            and sorted(word) == sorted(right)
            and DamerauLevenshtein.distance(word, right) == 1
        ):
            return category
    return None


def _misspelt(text: str, words: dict[str, str]) -> tuple[str, int, int] | None:
    if words is _WORDS:
        for m in re.finditer(r"\b[a-z]{4}\b", text.lower()):
            if short := _swapped_short(m[0]):
                return short, m.start(), m.end()
    for m in re.finditer(r"[a-z]{5,}", text.lower()):
        if m[0] in _WHEN_WORDS:
            continue
        found = process.extractOne(m[0], words.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if found:
            return words[found[0]], m.start(), m.end()
        letters = _LETTERS if words is _WORDS else _STRONG_LETTERS
        if swapped := letters.get((m[0][0], "".join(sorted(m[0])))):
            return swapped, m.start(), m.end()
    return None


# In American English "gas" is petrol; propane comes in bottles and tanks for the stove.
_US_GAS = re.compile(
    r"\bgas\b(?!\s*(?:bottles?|cylinders?|refill|swap|tanks?|for the (?:bbq|stove)))", re.I
)
_PROPANE = re.compile(r"\b(?:propane|lpg|bbq|barbecue|stove|heater|swap ?(?:and|n|&) ?go)\b", re.I)


def american_words(text: str) -> str:
    """A US user's words as the table reads them: "gas was 71.20" is fuel."""
    return text if _PROPANE.search(text) else _US_GAS.sub("gasoline", text)


def category_of(
    text: str, *, american: bool = False, min_weight: int = 0, near: int | None = None
) -> str | None:
    said = american_words(text) if american else text
    hit = find_category(said, min_weight=min_weight, near=near)
    return hit[0] if hit else None
