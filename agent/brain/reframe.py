"""A terse turn read as the previous request with the slots it names changed.

People answer a request PAM did not carry out, or a question it answered, with only what
is different: "put it in the Gulf Travellers group instead" after a public post was
declined, "and albany?" after a forecast. Such a turn holds no request of its own, or one
that lacks what the previous one said (the post's words, the days). Its frame is the
previous request's: the previous message's arguments, read by the same tool's extractor,
with the values this turn gives put over them. One mechanism for every tool, not a list
of phrases; `agent/brain/dialogue.py` keeps the cases that need the previous call's
results (corrections of a written row, periods beside the previous one).
"""

from __future__ import annotations

import re
from typing import Any

from agent.brain.clock import keep_the_time
from agent.brain.convo import Env
from agent.brain.dialogue import bare_town
from agent.brain.draft import Draft
from agent.brain.families import GROUP
from agent.brain.slots import EXTRACT, OWN_WORDS
from agent.brain.textutil import title_case
from tools.registry import ACTIONS_BY_NAME

MAX_WORDS = 12  # a turn that only changes slots is short
# Words that say this turn changes the previous request rather than asking anew.
# (what is said before the change: a sound, or that the refusal was fine: "nah all good, …")
_BEFORE = (
    r"^\W*(?:(?:ok(?:ay)?|oh|right|nah|no|hmm+|well|wait|sorry|oops|all good|no worries|fair enough"
    r"|that's fine|thats fine|fine|no probs|no problem)\b[\s,.!]*)*"
)
CARRY = re.compile(
    _BEFORE + r"(?:and|what about|how about|same|ditto|likewise|then|just|only"
    r"|instead|rather|actually"
    # the same thing put somewhere else as well: "also put it on the public feed" (not "also
    # rotated the tyres": a new thing done, told after)
    r"|(?:also|plus)\s+(?:put|post|share|stick|pop|send|chuck)\s+(?:it|that|this)"
    r"|make (?:it|that)"
    r"|i mean|i meant)\b"
    r"|\b(?:instead|then|rather)\W*$",
    re.IGNORECASE,
)
# "no wait, I mean …": how a change is said, no value of it; "not katherine": the old one.
_SAYING = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|oh|right|nah|no|hmm+|well|wait|sorry|oops|actually)\b[\s,.!]*)*"
    r"(?:i mean|i meant)\b\s*",
    re.IGNORECASE,
)
_NOT_THAT = re.compile(r"[,;]?\s*\bnot\s+[\w' ]+?\s*[.!?]*$", re.IGNORECASE)
# A read asked again stays a read: the turn saves only when it says so.
_SAVES = re.compile(r"\b(?:save|keep|book|plan|add|put)\b", re.IGNORECASE)
# Words that ask for the write once more ("and tell the X group too"), not for a change.
AGAIN = re.compile(r"\b(?:too|also|as well|again)\b", re.IGNORECASE)
# The previous write once more for another thing: "same for Tassie Fishing" after a join,
# "ditto with the eggs" after an add, "the same goes for Bob". The thing stands in for the
# previous request's own value, in the previous request's words (`_swapped`).
SAME_FOR = re.compile(
    _BEFORE + r"(?:and\s+)?(?:(?:the\s+)?same(?:\s+thing)?(?:\s+goes)?|ditto|likewise|do the same)"
    r"\s+(?:for|with|to)\s+(?:the\s+)?(?P<what>\w.*?)(?:\s+(?:too|also|as well|please|pls))?"
    r"[\s.!]*$",
    re.IGNORECASE,
)
# Writes that set a value kept whole rather than add a row: a setting said after one was set
# ("and the timezone to Perth" after the currency) is one more setting, not a correction.
SETTINGS = frozenset({"update_profile"})
# A post's audience narrowed to a group said by itself ("only the Kimberley Crew mob", "just
# the Solar group"; the words are the declined post's). "mob", "crew" … read as "group".
_ONLY_GROUP = re.compile(
    r"\b(?:only|just)\s+(?:to\s+|in\s+|for\s+)?(?:the|our|my)\s+"
    rf"(?P<name>[A-Z][\w'&-]*(?:\s+[\w'&-]+){{0,4}}?)\s+(?:{GROUP})\b"
)
# Where a place is the whole change ("and albany?"): the slot each tool reads it into.
PLACE_SLOT = {"weather_forecast": "location", "find_places": "near", "plan_trip": "destination"}


def _draft(tool: str, text: str, raw: str, env: Env) -> Draft:
    return EXTRACT[tool](raw if tool in OWN_WORDS else text, env)


def reframed(
    tool: str, before: tuple[str, str], now: tuple[str, str], carried_out: bool, env: Env
) -> dict[str, Any] | None:
    """The arguments of the previous request (`before`: its text and raw words) with the
    values this turn (`now`) gives put over them, or None when this turn is no such change.

    A write the previous turn carried out is made again only when this turn says so ("too",
    "again"); a change to it is a correction (dialogue.py). A read may be asked again."""
    text, raw = now
    action = ACTIONS_BY_NAME.get(tool)
    said_words = re.sub(_BEFORE, "", text, flags=re.IGNORECASE).split()  # ("nah all good," aside)
    if action is None or len(said_words) > MAX_WORDS or not CARRY.search(text):
        return None
    if action.writes and (same := SAME_FOR.match(text)) is not None:
        return _swapped(tool, before, same["what"], env)
    if action.writes and carried_out and not AGAIN.search(text):
        if tool in SETTINGS:
            return _further_setting(tool, before, now, env)
        return None
    said = _NOT_THAT.sub("", _SAYING.sub("", text))
    said_raw = _NOT_THAT.sub("", _SAYING.sub("", raw))
    old, new = _draft(tool, *before, env), _draft(tool, said, said_raw, env)
    if old.ref is not None or new.ref is not None or old.missing is not None:
        return None  # rows named need the results they were shown in; an unfinished request
    changed = {k: v for k, v in new.args.items() if v is not None and old.args.get(k) != v}
    if "save" in changed and not _SAVES.search(text):
        del changed["save"]
    slot = PLACE_SLOT.get(tool)
    town = bare_town(text) if slot and slot not in changed else None
    if slot and town and town.lower() != str(old.args.get(slot, "")).lower():
        changed[slot] = title_case(town)
    if tool == "create_post" and "group" not in changed and (only := _ONLY_GROUP.search(said)):
        # "nah, only the Kimberley Crew mob": that group's members
        changed |= {"group": only["name"], "visibility": "group"}
    if not changed:
        return None
    if "group" in changed and "visibility" in old.args and "visibility" not in changed:
        changed["visibility"] = new.args.get("visibility", "group")  # a group post is members'
    keep_the_time(changed, old.args, env.tz)
    if tool == "create_post" and changed.get("visibility") == "public" and "group" not in new.args:
        # "also put it on the public feed" after a group's post: the public feed, no group
        return {k: v for k, v in {**old.args, **changed}.items() if k != "group"}
    return {**old.args, **changed}


def _old_values(args: dict[str, Any]) -> list[str]:
    values: list[str] = []
    for value in args.values():
        if isinstance(value, str):
            values.append(value)
        elif isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
            values.append(value[0])
    return values


def _swapped(tool: str, before: tuple[str, str], what: str, env: Env) -> dict[str, Any] | None:
    """ "same for X": the previous request's words with its one named thing (the value of
    its own that the words hold, a group's or an item's name) replaced by X, read again by
    the tool's extractor. None when no value of the old request stands in its words, or the
    words read anew give nothing new."""
    text, raw = before
    old = _draft(tool, text, raw, env)
    if old.ref is not None or old.missing is not None or len(what.split()) > MAX_WORDS // 2:
        return None
    for value in sorted(_old_values(old.args), key=len, reverse=True):
        found = re.search(rf"(?<!\w){re.escape(value)}(?!\w)", raw, re.IGNORECASE)
        if found is None or len(value) < 2:
            continue
        swapped_raw = raw[: found.start()] + what + raw[found.end() :]
        found_text = re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text, re.IGNORECASE)
        swapped = (
            text[: found_text.start()] + what + text[found_text.end() :]
            if found_text
            else swapped_raw
        )
        new = _draft(tool, swapped, swapped_raw, env)
        if new.missing is not None or new.ref is not None or new.args == old.args:
            return None
        return dict(new.args)
    return None


def _further_setting(
    tool: str, before: tuple[str, str], now: tuple[str, str], env: Env
) -> dict[str, Any] | None:
    """ "and the timezone to Perth" right after the currency was set: the settings this turn
    names, when none of them is one the previous request set (that would be a correction,
    dialogue.py's)."""
    old, new = _draft(tool, *before, env), _draft(tool, *now, env)
    said = {k: v for k, v in new.args.items() if v is not None}
    if not said or new.missing is not None or any(k in old.args for k in said):
        return None
    return said
