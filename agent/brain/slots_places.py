"""Arguments of save_place and find_places."""

from __future__ import annotations

import re

from agent.brain import figures
from agent.brain.convo import Env
from agent.brain.draft import Draft, blank, tidy
from agent.brain.places import place_after
from agent.brain.textutil import title_case

_I = re.IGNORECASE
_KINDS = [
    ("dump_point", r"dump ?points?|dump ?stations?|dump spots?|dumps?|black water|grey water dump"),
    ("water", r"water(?: points?| taps?)?|taps?|drinking water|potable"),
    ("mechanic", r"mechanics?|garage|auto electrician|tyre shop"),
    ("fuel", r"fuel(?: stations?| stops?)?|servos?|service stations?|diesel|petrol"),
    (
        "campsite",
        r"camp ?sites?|camps?|free ?camps?|camping(?: spots?)?|camp ?grounds?"
        r"|caravan parks?|rest areas?|bush camps?|places to (?:camp|stay)|overnight",
    ),
    ("shop", r"shops?|stores?|supermarkets?|bakery|butcher|market"),
]


def place_kind(text: str) -> str | None:
    m = re.search(r"\bas an? ([\w ]+?)(?:,|\.|$| with| rated| and)", text, _I)
    for scope in ([m[1]] if m else []) + [text]:
        for kind, words in _KINDS:
            if re.search(rf"\b(?:{words})\b", scope, _I):
                return kind
    return None


_SHARED = re.compile(
    r"\b(?:share it|shared|share (?:it )?with (?:everyone|others|the community)|make it public|"
    r"public|let others see|share this|and share)\b",
    _I,
)
_PRIVATE = re.compile(r"\b(?:don'?t share|private|just for me|keep it to myself|not shared)\b", _I)
_LEAD = (
    r"save|bookmark|pin|store|keep|add|remember|this|that|the|a|an|new|my|our|great|nice|good"
    r"|awesome|lovely|spot|place|location|site|called|named|as|to|places|spots|saved"
)


def save_place(text: str, env: Env) -> Draft:
    draft = Draft("save_place")
    kind = place_kind(text)
    rating = figures.rating(text)
    cut = blank(text, [(rating.start, rating.end)]) if rating else text
    notes = re.search(r"\b(?:notes?|says?|comment)\s*[:-]\s*(.+)$", cut, _I)
    if notes:
        draft.put("notes", tidy(notes[1])[:500])
        cut = cut[: notes.start()]
    head = re.split(
        r"\s*(?:,|;|\bas an?\b|\brated\b|\bwith\b|\band share|\bshare\b|\s-\s|\.)\s*",
        cut,
        maxsplit=1,
        flags=_I,
    )[0]
    words = r"|".join(w for _, w in _KINDS)
    head = re.sub(rf"\b(?:{words})\b", " ", head, count=1, flags=_I)
    where = place_after(head, "in|at|near|outside|north of|south of|east of|west of")
    name_text = head[: where[1]] if where and where[1] > 0 else head
    name = tidy(name_text, _LEAD)
    if not name and where:
        name = where[0]
    draft.put("name", title_case(name) if name and name.islower() else name)
    draft.put("location", where[0] if where else draft.args.get("name"))
    draft.put("kind", kind or "other")
    draft.put("rating", int(rating.value) if rating else None)
    if _SHARED.search(text) and not _PRIVATE.search(text):
        draft.put("shared", True)
    draft.missing = None if draft.args.get("name") else "name"
    return draft


def find_places(text: str, env: Env) -> Draft:
    draft = Draft("find_places")
    radius = figures.radius_km(text)
    cut = blank(text, [(radius.start, radius.end)]) if radius else text
    where = place_after(cut, "near|around|close to|in|at|by|outside|of")
    near = where[0] if where else env.location
    draft.put("near", near)
    if radius:
        draft.put("radius_km", radius.value)
    draft.put("kind", place_kind(cut))
    draft.missing = None if near else "near"
    return draft
