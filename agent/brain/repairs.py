"""A request put right inside its own message: "add the camper - 2019 Jayco? no wait, the
ute I mean, Isuzu D-Max 2021 diesel". What follows the words that take back ("no wait",
"I mean", "scratch that", "or rather" …) is what was meant: its values are put over the
ones said before them, and what it leaves unsaid keeps the earlier words' value.

One mechanism for every tool the brain fills (the figures and days said again at once,
"20, sorry 25", are put right earlier by textutil; a request said twice over two clauses by
dialogue.corrected_in_message)."""

from __future__ import annotations

import re
from collections.abc import Callable

from agent.brain.clock import keep_the_time
from agent.brain.convo import Env
from agent.brain.draft import Draft
from agent.brain.places import known_town
from agent.brain.textutil import title_case

# The words that take back what was just said, at the start of a clause after other words
# (not the message's first words: "sorry, can you …" takes back nothing).
_TAKE_BACK = re.compile(
    r"(?:[,.;:?!…]|\s[-–—])\s*(?:(?:oh|um+|er+|ah)\s+)?"
    r"(?:(?:no wait|wait no|no no|no sorry|sorry no|nah wait|wait|hang on|hold on|oops|whoops"
    r"|scratch that|strike that|or rather|i mean|i meant|correction|my mistake|my bad|sorry"
    r"|actually)\b[\s,.!:;…-]*)+"
    # ("no wait, it's thursday", "sorry, make that 7"): how the right value is said
    r"(?:(?:it'?s|it is|it was|that'?s|that is|make (?:it|that)|should be)\b\s*)?",
    re.IGNORECASE,
)
# Slots whose value is the user's words around the values (a title, an item, a name): read
# from words after a take-back alone they pick up the rest of the clause, so the earlier
# words keep them unless they said none.
_WORDS = {
    "title", "description", "notes", "text", "content", "item", "items", "name", "query",
    "question", "message", "comment",
}  # fmt: skip

# The value a kind or category falls back to when no word names one: never said instead.
_CATCH_ALL = "other"
# Where a town said alone goes, by tool.
_PLACE_SLOT = {
    "weather_forecast": "location", "find_places": "near", "plan_trip": "destination",
    "log_fuel": "location", "save_place": "location",
}  # fmt: skip

Extractor = Callable[[str, Env], Draft]


def taken_back(text: str) -> tuple[int, int] | None:
    """Where a take-back starts and where the words after it start, when it follows words
    of the request and has words of its own after it."""
    for m in _TAKE_BACK.finditer(text):
        if m.start() > 0 and re.search(r"\w", text[m.end() :]):
            return m.start(), m.end()
    return None


def repaired(extract: Extractor, text: str, env: Env) -> Draft:
    """The draft of `text`, with the values said after a take-back put over the earlier."""
    whole = extract(text, env)
    found = taken_back(text)
    if found is None or whole.ref is not None:
        return whole
    cut, at = found
    before, after = extract(text[:cut], env), extract(text[at:], env)
    unsaid = extract("", env).args  # what the extractor gives of itself (today, a default)
    said = {
        key: value
        for key, value in after.args.items()
        if key not in _WORDS
        and not (key in before.args and (unsaid.get(key) == value or value == _CATCH_ALL))
    }
    slot = _PLACE_SLOT.get(whole.tool)
    if slot and slot not in said and (town := _town_first(text[at:])):
        said[slot] = town  # "… to Broome, sorry I mean Exmouth": the town said instead
    if not said or all(before.args.get(k) == v for k, v in said.items()):
        return whole
    keep_the_time(said, before.args, env.tz)  # ("friday at 3, no wait, thursday": at 3)
    if said.get("start") and "all_day" in whole.args and "all_day" not in said:
        del whole.args["all_day"]
    # (the user's words of a slot keep the earlier words' when the whole read took in the
    # take-back: "Dentist on No wait")
    marker = re.search(r"[a-z]+", text[cut:at].lower())
    took_in = re.compile(rf"\b{marker[0]}\b", re.IGNORECASE) if marker else None
    words = {
        key: before.args[key]
        for key, value in whole.args.items()
        if key in _WORDS and key in before.args and took_in and took_in.search(str(value))
    }
    whole.args = {**whole.args, **words, **said}
    if whole.missing is not None and whole.missing in whole.args:
        whole.missing = None
    return whole


def _town_first(text: str) -> str | None:
    """A town the words open with ("Exmouth, leaving monday"; "orange"), as the map names it."""
    words = re.findall(r"[A-Za-z][\w'-]*", text)[:4]
    town = known_town(title_case(" ".join(words))) if words else None
    return title_case(town) if town else None
