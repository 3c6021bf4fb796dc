"""Places the conversation already named: "ok, plan a trip there" after a question about
Broome goes to Broome; after "how far from Dubbo to Bourke?", "the weather there" is
Bourke's (the previous turn's place, from the dialogue state). The earlier messages and
the dialogue state are in the checkpointed thread, so this holds across restarts."""

from __future__ import annotations

import re
from collections.abc import Sequence

from langchain_core.messages import BaseMessage, HumanMessage

from agent.brain.convo import text_of
from agent.brain.places import named_town, town_after_word, trip_places
from agent.brain.textutil import title_case

PLACE_TOOLS = {"plan_trip", "weather_forecast", "find_places"}
# "there" as a place, not "is there ..." / "there's" / "there are".
THERE = re.compile(
    r"(?<!\bis )(?<!\bare )(?<!\bany )\b(?:over )?there\b(?!'s| is| are| was| were)", re.IGNORECASE
)


# Where something is: the town after these words outranks a name in a compound ("Jerusalem
# Creek free camp at Eildon" is at Eildon; "on the Murray just out of Mannum", Mannum).
LOCATIVE = "at|in|near|out of|outside|of"


# A town's name, then a landform: another place ("Carnarvon Gorge" is not Carnarvon).
LANDFORM = re.compile(
    r"\s+(?:gorge|creek|falls|gap|ranges?|national park|np|springs?|bay|beach|point|heads?"
    r"|island|lakes?|pound|canyon|rock|river|dam|crossing|cape|hills?|valley|waterhole|lookout"
    r"|forest|reserve|bluff|caves?|dunes?|lagoon|inlet|harbour|peninsula)\b",
    re.IGNORECASE,
)


def _whole_place(text: str, town: str) -> str:
    """The town as named, or the landform it names when a landform word follows it."""
    at = text.lower().find(town.lower())
    if at >= 0 and (m := LANDFORM.match(text, at + len(town))):
        return title_case(text[at : m.end()])
    return town


def last_town(history: Sequence[BaseMessage], before: int) -> str | None:
    """The place the newest earlier user message named."""
    for message in reversed(history[:before]):
        if not isinstance(message, HumanMessage):
            continue
        text = text_of(message)
        origin, destination, _stops = trip_places(text)
        if origin and destination:
            # "the trip from Adelaide to Wilpena Pound": there is where it goes, a place
            # the map may not know (the trip then failed, so no state names it)
            return destination
        if town := town_after_word(text, LOCATIVE) or named_town(text):
            return _whole_place(text, town)
    return None


# The argument "there" fills, per tool.
THERE_SLOT = {"plan_trip": "destination", "weather_forecast": "location", "find_places": "near"}


def there_town(
    tool: str, text: str, history: Sequence[BaseMessage], index: int, place: str | None = None
) -> str | None:
    """The town "there" means in `text`: `place`, the one the previous turn was about (the
    dialogue state), else the newest one named; None when `text` says no "there"."""
    if tool not in PLACE_TOOLS or not THERE.search(text):
        return None
    return place or last_town(history, index)


def resolve_there(
    tool: str, text: str, history: Sequence[BaseMessage], index: int, place: str | None = None
) -> str:
    """`text` with "there" replaced by the town it means, when it means one."""
    town = there_town(tool, text, history, index, place)
    if town is None:
        return text
    words = f"to {town}" if tool == "plan_trip" else f"in {town}"
    return THERE.sub(words, text, count=1)
