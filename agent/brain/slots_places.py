"""Arguments of save_place and find_places."""

from __future__ import annotations

import re

from agent.brain import figures
from agent.brain.convo import Env
from agent.brain.draft import Draft, blank, tidy
from agent.brain.places import a_facility, known_town, named_town, place_after, town_of
from agent.brain.textutil import title_case

_I = re.IGNORECASE
_KINDS = [
    (
        "dump_point",
        r"dump ?points?|dump ?stations?|dump spots?|dumps?|black ?water|grey water dump"
        r"|empty (?:the |our )?(?:toilet|cassette|loo|dunny|tanks?)|toilet cassettes?",
    ),
    ("water", r"water(?: points?| taps?)?|taps?|drinking water|potable"),
    ("mechanic", r"mechanics?|garage|auto electrician|tyre shop"),
    # "a diesel mechanic": the fuel word then names the trade, not a place to fill up
    (
        "fuel",
        r"fuel(?: stations?| stops?)?|servos?|service stations?"
        r"|(?:diesel|petrol)(?!\s+(?:mechanics?|garage|fitters?|specialists?))",
    ),
    (
        "campsite",
        r"camp ?sites?|camps?|free ?camps?|campings?(?: spots?| places?| grounds?)?|camp ?grounds?"
        r"|caravan parks?|rest areas?|bush camps?|places to (?:camp|stay)|overnight",
    ),
    ("shop", r"shops?|stores?|supermarkets?|bakery|butcher|market"),
]


_KIND_WORDS = r"|".join(w for _, w in _KINDS)


def place_kind(text: str) -> str | None:
    """The kind said with "as a …", else the kind of the first thing named: "a free camp
    by the river, there's a water tap" is a campsite (what it has comes after)."""
    m = re.search(r"\bas an? ([\w ]+?)(?:,|\.|$| with| rated| and)", text, _I)
    for scope in ([m[1]] if m else []) + [text]:
        found = [
            (hit.start(), order, kind)
            for order, (kind, words) in enumerate(_KINDS)
            if (hit := re.search(rf"\b(?:{words})\b", scope, _I))
        ]
        if found:
            return min(found)[2]
    return None


_SHARED = re.compile(
    r"\b(?:share it|shared|(?:share|sharing) (?:it )?with (?:everyone|everybody|others|other"
    r" (?:travellers|travelers)|the community)"
    r"|with (?:everyone|everybody|the community|other (?:travellers|travelers))"
    r"|(?:share|sharing) (?:it |this |that )?with (?:the lot|all|the public|other (?:campers"
    r"|people))"
    r"|make it public|"
    r"public|let others see|share this|and share)\b",
    _I,
)
_PRIVATE = re.compile(
    r"\b(?:don'?t share|do not share|private|just for (?:me|us)|only for (?:me|us)"
    r"|keep (?:it|this|that) (?:to (?:myself|ourselves)|private|just for (?:me|us))|not shared"
    r"|for my eyes only|not public)\b",
    _I,
)
_GENERIC = r"taps?|spot|place|site|one|point|station|stop|location"
_LEAD = (
    r"save|bookmark|pin|store|keep|add|mark|remember|this|that|the|a|an|new|my|our|great|nice|good"
    r"|awesome|lovely|spot|place|location|site|called|named|as|to|places|spots|saved"
    # how a find is told: "we've found a beaut …", "just came across a ripper …"
    r"|we've|we|we have|i've|i|i have|have|just|found|came across|come across|beaut|ripper"
    r"|cracker|top|decent|right|um|umm|uh|er|ok|okay|so|oh"
    # the verbs of putting it on the map ("pop the … on my map"), and who found it
    r"|pop|put|stick|chuck|whack|drop|note|log|record|ourselves|myself|one ourselves"
    r"|there is|there's|theres|there was|is|was|for us|for me|for next time|for later"
    r"|tonight|for the night"  # ("parked up at X tonight": when, not the name)
    r"|share|sharing"  # ("sharing our camp spot at X with …": how it is kept)
    # asked politely or by the words of keeping: "is it possible to save this spot?", "could
    # you keep track of a good water tap at Derby"
    r"|is it possible to|possible to|is there a way to|any way to|can you|could you|would you"
    r"|please|track of|keep track of|hang on to|hold on to|keep hold of"
)
# Who a place is shared with, before its name and a colon: "share this campsite with the
# community: …", "add this dump point to the map - …".
_SHARED_WITH = (
    r"|with|everyone|everybody|the community|community|others|other (?:travellers|travelers)|all"
    r"|the public|public|the map|map|on|to"
)
# A brand alone names no one place: its kind word stays in the name ("the Liberty servo",
# "the BP roadhouse", "the IGA supermarket"), where "the Apex Park campsite" is Apex Park.
_BRAND_BEFORE = re.compile(
    r"\b(?:liberty|shell|bp|caltex|ampol|puma|united|mobil|7-eleven|metro|coles|woolies"
    r"|woolworths|iga|aldi|foodworks|spar|nrma)\s+$",
    _I,
)
# Where the traveller is stopped tells of the spot, it is no part of its name ("we're camped
# at X", "parked up at X tonight", "staying at X"): the words before the place are cut.
_STOPPED_AT = re.compile(
    r"^\W*(?:(?:we'?re|we are|i'?m|i am|we|i)\s+)?(?:(?:currently|now|just|still)\s+)?"
    r"(?P<how>camped|camping|parked(?:\s+up)?|staying|stayed|stopped|stopping|pulled\s+(?:up|in)"
    r"|set\s+up|overnighting|sleeping)\s+(?:at|in|on)\s+",
    _I,
)
# (how one stops there says what it is when no kind word does: camped, staying, overnighting)
_STOPPED_KIND = re.compile(r"camp|stay|overnight|sleep|park", _I)
# "on my map", "to my places": where it is kept, no part of its name
_KEPT_ON = re.compile(
    r"\s*\b(?:on|to|in|into)\s+(?:my|our|the)\s+(?:map|places|spots|saved places|list)\b", _I
)


# "share" as the message's verb: the place is saved for everyone ("share the water tap at
# the Longreach showgrounds with everyone"), its name is what follows.
_SHARE_FIRST = re.compile(
    r"^\s*(?:(?:please|pls|can you|could you|would you|and|also|oh)\s+)*share\s+(?=\S)", _I
)


# A spot said by where it is, not by a name: "behind the visitor centre", "by the river".
_WHERE_NOT_NAME = re.compile(
    r"(?:behind|by|beside|next to|near|opposite|across from|across the road from|out the back of"
    r"|at the back of|round the back of|down (?:near|by)|along|off|just off|on the edge of)\s",
    _I,
)


# Coordinates typed as "lat,lng" ("-29.45,120.7", "-12.46, 130.84"): the spot itself.
_POINTED = re.compile(r"(?:it|that|this|them|these|those|there|here)(?:\s+(?:one|place|spot))?", _I)
_COORDS = re.compile(r"(?<![\w.])(-?\d{1,2}\.\d+)\s*,\s*(-?\d{1,3}\.\d+)(?![\w.])")


# A place's own name after "called"/"named", as written (capitalised).
_CALLED = re.compile(
    r"\b(?:called|named|known as)\s+['\"]?((?-i:[A-Z][\w'&.-]*(?:\s+(?:(?:of|on|the|and|&)\s+)?"
    r"[A-Z][\w'&.-]*){0,4}))",
    _I,
)


def _town_at_end(name: str) -> str | None:
    """A town the map knows as the last words of a name typed with no "at"/"in" ("bitter
    springs mataranka"), when words come before it."""
    words = name.split()
    for n in (3, 2, 1):
        if len(words) > n and (town := known_town(" ".join(words[-n:]))) and len(town.split()) == n:
            return " ".join(words[-n:])
    return None


_JOINS = frozenset({"the", "on", "at", "of", "by", "near", "in", "up", "down", "over", "a", "an"})


def _capitalised(name: str, text: str) -> str:
    """A name typed with capitals starts at its first capital: "we loved Apex Park",
    "favourite Outback Auto", "saev Bitter Springs" (lower-case words before it are how it
    was told, not its name). A message typed all in lower case says nothing by its case."""
    typed = re.search(re.escape(name), text, _I)  # (tidy capitalised its first word)
    words = typed[0].split() if typed else []
    if text.islower() or len(words) < 2 or not words[0].isalpha() or not words[0].islower():
        return name
    first = next((i for i, w in enumerate(words) if w[:1].isupper()), None)
    if first is None or not all(w.isalpha() and w.islower() for w in words[:first]):
        return name
    if words[first - 1].lower() in _JOINS:
        return name  # "on the Darling River": a name that says where it is, whole
    rest = words[first:]
    if all(w[:1].isupper() or w.lower() in ("of", "on", "the", "and", "&") for w in rest):
        return " ".join(rest)
    return name


# A clause of what a place is like, after the place: the rest of the message from it.
_PRAISE = re.compile(
    r"[,;.!-]\s*((?:(?:really|very|super|so|pretty|nice and)\s+)?(?:great|good|lovely|nice"
    r"|awesome|amazing|beautiful|perfect|quiet|peaceful|shady|flat|clean|free|dog[- ]friendly"
    r"|pet[- ]friendly|best|excellent|handy|ideal|top spot|stunning|gorgeous|spacious|cheap)\b.*)$",
    _I,
)


def _rated_words(text: str) -> str:
    """A clause without the praise said after the place ("great sunsets", "5 stars")."""
    return re.split(r"\s+(?:great|good|lovely|nice|awesome|amazing|beautiful|\d\s*stars?)\b",
                    text, maxsplit=1, flags=_I)[0]  # fmt: skip


# "as one too", "as another one": of the kind just talked about.
_ONE_TOO = re.compile(
    r"\bas (?:one|another(?: one)?)\b|\banother one\b|\bone (?:too|as well)\b", _I
)


def save_place(text: str, env: Env) -> Draft:
    draft = Draft("save_place")
    kind = place_kind(text)
    if stopped := _STOPPED_AT.match(text):
        text = text[stopped.end() :]
        kind = kind or ("campsite" if _STOPPED_KIND.match(stopped["how"]) else None)
    rating = figures.rating(text)
    cut = blank(text, [(rating.start, rating.end)]) if rating else text
    cut = _KEPT_ON.sub(" ", cut)
    coords = _COORDS.search(cut)
    if coords:
        cut = blank(cut, [coords.span()])
    notes = re.search(r"\b(?:notes?|says?|comment)\s*[:-]\s*(.+)$", cut, _I)
    if notes:
        draft.put("notes", tidy(notes[1])[:500])
        cut = cut[: notes.start()]
    if shared_first := _SHARE_FIRST.match(cut):
        cut = cut[shared_first.end() :]  # "share the dump point at X with everyone": save it shared
    # ("save this spot? Free camp at Lake Moogerah": the place told after the asking)
    mark = re.search(r":|\s-\s|\?\s+(?=\S)", cut)
    if mark and not tidy(cut[: mark.start()], _LEAD + r"|as an?|" + _KIND_WORDS + _SHARED_WITH):
        cut = cut[mark.end() :]  # "save this spot as a campsite: Lake Ballard near Menzies"
    head = re.split(
        r"\s*(?:,|;|\bas an?\b|\bas (?:one|another)\b|\brated\b|\bwith\b|\band share|\bshare\b"
        r"|\s-\s|\.)\s*",
        cut,
        maxsplit=1,
        flags=_I,
    )[0]
    whole_head = head
    # The kind word is no part of the name ("this campsite Lake Eyre", "the Apex Park
    # campsite") unless the kind is said after it ("Riba's Underground Camping as a campsite").
    kind_word = re.search(rf"\b(?:{_KIND_WORDS})\b", head, _I)
    as_kind = re.search(r"\bas an?\b", cut, _I)
    branded = kind_word and _BRAND_BEFORE.search(head[: kind_word.start()])
    if kind_word and not branded and (not as_kind or not tidy(head[: kind_word.start()], _LEAD)):
        head = blank(head, [kind_word.span()])
    # "just out of Mannum", "not far from Bourke", "past Tailem Bend": the town it is by
    near = (
        "in|at|near|outside|outside of|north of|south of|east of|west of|out of|just out of"
        "|out from|not far from|close to|past|up the road from|down the road from"
    )
    where_in_head = place_after(head, near)
    name_text = head[: where_in_head[1]] if where_in_head and where_in_head[1] > 0 else head
    where = where_in_head or place_after(cut[len(head) :], near)  # "..., near Mildura"
    name = tidy(name_text, _LEAD)
    bracketed = re.search(r"\s*\(([^()]+)\)\s*$", name)
    if bracketed:  # "Lions Park tap (Bourke)": the town it is in, no part of its name
        name = name[: bracketed.start()]
    name = _capitalised(name, text)
    after = re.match(r"\s*,\s*([A-Za-z][\w' ]*?)\s*(?:[,;.]|\s-\s|$)", cut[len(head) :])
    # "Lake Cullulleraine, Mildura - campsite": the town after the name's comma
    town_after = known_town(after[1]) if after else None
    town_after = (
        town_after if town_after and after and town_after.lower() == after[1].lower() else None
    )
    if bracketed and (in_brackets := known_town(bracketed[1])):
        town_after = town_after or in_brackets
    if re.fullmatch(_GENERIC, name, _I) or _POINTED.fullmatch(name):
        name = ""  # "save it", "keep that one": what is meant is asked, never saved as "It"
    if not name and where_in_head and re.match(r"(?:in|at)\b", head[where_in_head[1] :], _I):
        # "the dump point at the Roma showgrounds": that's the spot
        name = where_in_head[0]
    if (not name or (where and name == where[0])) and (
        called := re.match(
            r"\s*,\s*((?-i:[A-Z][\w'&.-]*(?:\s+[A-Z][\w'&.-]*){0,4}))\s*(?:,|\.|$"
            # (or where it is: "…, Mambray Creek near Port Germein")
            r"|(?=\s+(?:near|in|at|outside|out of|just out of|north of|south of|east of"
            r"|west of)\s))",
            cut[len(head) :],
        )
    ):
        name = called[1]  # "the mechanic in Tennant Creek, Barkly Auto, ...": its own name
    its = re.search(
        r"[,;]\s*(?:it'?s|it is|that'?s|thats|this is)\s+(?:the\s+|a\s+)?([^,;.!?]+)", cut, _I
    )
    if not name and its and (said_it := tidy(_rated_words(its[1]), _LEAD)):
        # "save this spot as a campsite, its the free camp at cape range, …": what it is
        name = title_case(said_it) if its[1].islower() else said_it
        where = where or place_after(its[1], near)
    if titled := _CALLED.search(text):
        name = titled[1]  # "the mechanic in Katherine called Top End Auto": its own name
    elif name and re.fullmatch(r"\d+(?:\.\d+)?\s*(?:k|km|kms|kilomet\w+|mins?|minutes?)", name, _I):
        # "the free camp 20km north of Longreach": no name but what and where it is
        said = re.sub(
            r"\s+(?:in|into|to|on|with)\s+(?:my|our|the)\s+\w+.*$", "", whole_head, flags=_I
        )
        name = tidy(said, _LEAD)
    trailing = None
    if (
        name
        and not where
        and not town_after
        # (a name that only opens with a town's or a landmark's: "cobbold gorge georgetown")
        and (known_town(name) or "").lower() != name.lower()
        and (trailing := _town_at_end(name))
    ):
        name = name[: -len(trailing)].strip(" ,")  # "bitter springs mataranka": at Mataranka
    typed_low = name and (name.islower() or (trailing is not None and name[1:].islower()))
    name = title_case(name) if name and typed_low else name
    town = _town(cut, near) or town_after or (
        town_of(where[0]) if where else title_case(trailing) if trailing else
        known_town(name) if name else None
    )  # fmt: skip
    place = town or name
    if (
        not (town and known_town(town))
        and where_in_head
        and a_facility(where_in_head[0])
        and (inside := place_after(head[where_in_head[2] :], "in"))
    ):
        # "the one at the visitor centre in moab": the facility's town, though the map may
        # not know it (a town abroad)
        place = town = abroad = inside[0]
    else:
        abroad = None
    if place and not known_town(place) and not abroad and (here := _talked_about(env)):
        # "at the showground tap" after a search near Cobar: a spot in the town talked about
        # (the map knows no town called that, so the save would fail)
        place = here
    if name and where_in_head and name == where_in_head[0] and not known_town(name):
        # "at the showgrounds in Cloncurry": the spot is the town's ("Cloncurry Showgrounds")
        town_said = town if town and (known_town(town) or town == abroad) else None
        if town_said and town_said.lower() not in name.lower():
            name = f"{town_said} {name}"
    if name and kind_word and town and _WHERE_NOT_NAME.match(name):
        # "the dump point behind the visitor centre in tennant creek": where it is, no name
        draft.put("notes", name[0].lower() + name[1:])
        name = f"{town} {kind_word[0].lower()}"
    draft.put("name", name)
    # "the Nyngan Riverside caravan park": Nyngan; coordinates say it best
    draft.put("location", f"{coords[1]},{coords[2]}" if coords else place)
    if kind is None and _ONE_TOO.search(text) and env.previous and env.previous.turns_ago <= 2:
        kind = env.previous.filters.get("kind")  # "save X as one too" after campsites were shown
    draft.put("kind", kind or "other")
    if "notes" not in draft.args and (praise := _PRAISE.search(cut[len(whole_head) :])):
        # "…, 5 stars, great for whale watching", "…, free tap out the back": what it is
        # like, said after the place, is its notes
        draft.put("notes", tidy(praise[1])[:500] or None)
    draft.put("rating", int(rating.value) if rating else None)
    if (_SHARED.search(text) or shared_first) and not _PRIVATE.search(text):
        draft.put("shared", True)
    elif _PRIVATE.search(text):
        draft.put("shared", False)  # "keep it to myself": said private, kept so
    draft.missing = None if draft.args.get("name") else "name"
    return draft


def _talked_about(env: Env) -> str | None:
    """The town the last turns were about (a search near it, a forecast for it), else
    where the user is."""
    prev = env.previous
    if prev is not None and prev.turns_ago <= 2:
        for key in ("near", "location", "destination"):
            value = prev.filters.get(key)
            if isinstance(value, str) and known_town(value):
                return value
    return env.location


def _town(text: str, near: str) -> str | None:
    """Of the places said after "in", "at", "near" …, the first town the map knows, as
    the map names it ("the showground in Longreach": Longreach; "at hughenden great spot":
    Hughenden)."""
    rest = text
    while place := place_after(rest, near):
        if town := known_town(town_of(place[0])):
            return title_case(town)
        rest = blank(rest, [(place[1], place[2])])
    return None


def find_places(text: str, env: Env) -> Draft:
    draft = Draft("find_places")
    radius = figures.radius_km(text, env.units)
    cut = blank(text, [(radius.start, radius.end)]) if radius else text
    where = place_after(
        cut, "near|around|round|'round|close to|in|at|by|outside|of|nearby", town=True
    ) or place_after(cut, "from", town=True)  # ("15 km from cobar"; not "from the front left")
    near = where[0] if where else named_town(cut) or env.location
    draft.put("near", near)
    if radius:
        draft.put("radius_km", radius.value)
    draft.put("kind", place_kind(cut))
    draft.missing = None if near else "near"
    return draft
