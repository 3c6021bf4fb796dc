"""Arguments of add_vehicle: a nickname, make, model, year, fuel type and figures."""

from __future__ import annotations

import re

from agent.brain import measures
from agent.brain.convo import Env
from agent.brain.draft import Draft
from agent.brain.textutil import title_case

_I = re.IGNORECASE
_FUELS = r"diesel|petrol|unleaded|ulp|lpg|electric|ev|hybrid"
_FUEL_TYPES = {"diesel": "diesel", "petrol": "petrol", "unleaded": "petrol", "lpg": "lpg"}
_FUEL_TYPES |= {"electric": "electric", "ev": "electric", "gas": "lpg", "ulp": "petrol"}
_MAKES = (
    r"toyota|ford|nissan|mitsubishi|isuzu|mazda|holden|jeep|land rover|mercedes(?:-benz)?"
    r"|volkswagen|vw|fiat|iveco|hyundai|kia|subaru|suzuki|ram|chevrolet|jayco|avan|winnebago|ldv"
    r"|great wall|gwm|tesla|byd|renault|peugeot|kea|apollo|britz|maui|airstream|coachmen"
    r"|forest river|keystone|grand design|tiffin|fleetwood|thor|dodge|gmc|chevy|honda"
    # and of quads, bikes and the cars a second driver brings
    r"|yamaha|kawasaki|polaris|can-am|ktm|harley(?:-davidson)?|triumph|ducati|royal enfield"
    r"|bmw|audi|volvo|lexus|skoda|mg|haval|chery|mahindra|tata|jaguar|porsche|alfa romeo"
)
_MODELS = (
    r"land ?cruiser(?: \d+)?|troop ?carrier|hilux|prado|hiace|coaster|ranger|everest|transit"
    r"|patrol|navara|pajero|triton|d-?max|mu-?x|bt-?50|sprinter|ducato|crafter|transporter"
    r"|master|trafic|outback|forester|x-?trail|defender|discovery|wrangler|model [3ysx]|atto 3"
    r"|starcraft|expanda|journey|conquest|rosa|canter|daily|boxer"
)
_GENERIC = r"vehicle|car|ute|van|truck|rig|motorhome|campervan|camper|caravan|new|4wd|4x4|wagon"
_ORDER = r"new|second|2nd|other|another|spare|extra|third|next|\d{4}"
_NICKNAMES = (
    r"troopy|troop ?carrier|land ?cruiser|cruiser|hilux|prado|patrol|pajero|ranger|everest"
    r"|d-?max|mu-?x|bt-?50|navara|triton|sprinter|ducato|hiace|coaster|transit|defender|jimny"
    r"|kluger|fortuner|colorado|amarok|pathfinder|x-?trail|crafter"
)


_SUBJECT_VERB = r"(?:had|has|got|gets|just|needed|needs|went|was|is|finally)\b"


def _known_names(env: Env) -> list[str]:
    """Vehicle names the conversation has shown: the default one and any the recent turns
    wrote or listed ("call it Dougal", then "filled Dougal at Geraldton")."""
    prev = env.previous
    rows = [*(prev.rows if prev else []), *(prev.written if prev else [])]
    named = [str(r["name"]) for r in rows if r.get("kind") == "vehicle" and r.get("name")]
    mine = [v[0] for v in env.vehicles]  # the user's vehicles (agent/context_block.py)
    return [n for n in dict.fromkeys([*([env.vehicle] if env.vehicle else []), *named, *mine]) if n]


def _made(env: Env) -> dict[str, str]:
    """The user's vehicles by their make, model, or make and model ("hilux", "toyota
    hilux" for the one called Dolly), in lower case; a word two vehicles share names
    neither."""
    out: dict[str, str] = {}
    shared: set[str] = set()
    for name, _year, make, model in env.vehicles:
        for alias in {make, model, f"{make} {model}".strip()} - {""}:
            key = alias.lower()
            if key in out and out[key] != name:
                shared.add(key)
            out[key] = name
    names = {v[0].lower() for v in env.vehicles}
    return {k: v for k, v in out.items() if k not in shared and k not in names}


# Makers of caravans and camper trailers: "the caravan" is the user's vehicle of one of
# these makes when they have one ("wheel bearings repacked on the caravan": the Jayco).
_CARAVAN_MAKES = (
    r"jayco|avan|coromal|windsor|roadstar|kedron|lotus|bushtracker|crusader|sunland|supreme"
    r"|new age|royal flair|snowy river|goldstream|trakmaster|evernew|concept|kokoda|millard"
    r"|viscount|regent|palomino|ezytrail|cub|mdc|black series|retreat|franklin|nova|swift"
    r"|bailey|elddis|airstream|adria|hobby|knaus|dethleffs|fleetwood|forest river|keystone"
)
_TOWED = re.compile(
    r"\b(?:the|my|our)\s+(?:caravan|van|camper(?: trailer)?|trailer|pop[- ]?top|5th wheeler"
    r"|fifth wheeler|off[- ]?roader)(?:'s)?(?![\w-])",
    _I,
)


def _towed(text: str, env: Env) -> tuple[str, int, int] | None:
    """ "on the caravan": the one vehicle of the user's a caravan maker made."""
    m = _TOWED.search(text)
    if not m or re.search(r"\bnot\s*$", text[: m.start()], _I):
        return None
    made = [v[0] for v in env.vehicles if re.fullmatch(_CARAVAN_MAKES, v[2], _I)]
    return (made[0], m.start(), m.end()) if len(made) == 1 else None


def _loose(alias: str) -> str:
    """A make or model as typed: "land cruiser" and "landcruiser", "d-max" and "dmax"."""
    return r"[\s-]?".join(re.escape(c) for c in alias.replace(" ", "").replace("-", ""))


# What people call a second vehicle by its kind ("the ute", "the quad", "the bus"): passed as
# its name, since many are named so; the planner calls again without it when the user has
# no vehicle of that name (agent/brain/planner.py). Not the words for whatever one drives
# ("the car", "the van"), which name the default vehicle.
_KINDS = (
    r"ute|quad|bus|truck|tractor|boat|tinny|bike|motorbike|trike|scooter|buggy|jeep|landy"
    r"|4wd|4x4|troopie"
)


_ANSWERED = re.compile(r"\(vehicle: ([^)]+)\)", _I)


_TAKEN_BACK = re.compile(
    r"\s*[-,.;\u2026]*\s*(?:(?:no|nah|sorry|wait|oops|i mean|i meant|actually|or rather"
    r"|scratch that|make (?:that|it))\b[\s,.!\u2026]*)+",
    _I,
)


def vehicle_named(text: str, env: Env) -> tuple[str, int, int] | None:
    """The vehicle a request is about, with its span: "in the Pajero", "the Troopy's",
    "on the Hilux" (model nicknames, or the name of one of the user's vehicles the
    conversation has shown, with or without "the"); not one the message rules out ("in
    the Falcon, not the Cruiser")."""
    if given := _ANSWERED.search(text):
        # the answer to "which vehicle …?" (agent/brain/questions.py joins it so)
        name = re.sub(
            r"^(?:the|my|our)\s+|\s+(?:one|please|pls)$", "", given[1].strip(" .!"), flags=_I
        )
        return name, given.start(), given.end()
    known = sorted(_known_names(env), key=len, reverse=True)
    bare = [re.sub(r"^the\s+", "", n, flags=_I) for n in known]
    said = "|".join(re.escape(n) for n in bare)
    hits = [
        *re.finditer(rf"\b(?:the|my|our)\s+({_NICKNAMES})(?:'s)?(?![\w-])", text, _I),
        # the model opening a statement as its subject ("ranger had an oil change", "hilux
        # got new tyres"): the vehicle the work was done on, without "the"
        *re.finditer(rf"^\W*({_NICKNAMES})(?:'s)?\s+(?={_SUBJECT_VERB})", text, _I),
        *(
            re.finditer(rf"\b(?:(?:the|my|our)\s+)?({said})(?:'s)?(?![\w-])", text, _I)
            if said
            else ()
        ),
    ]
    made = _made(env)
    if made:
        aliases = "|".join(_loose(a) for a in sorted(made, key=len, reverse=True))
        hits += re.finditer(rf"\b(?:the|my|our)\s+({aliases})(?:'s)?(?![\w-])", text, _I)
    hits = [m for m in hits if not re.search(r"\bnot\s*$", text[: m.start()], _I)]
    # "for the Prado - no, the other car, the Hilux": a vehicle taken back for one said later
    hits = [
        m
        for m in hits
        if not (_TAKEN_BACK.match(text, m.end()) and any(h.start() >= m.end() for h in hits))
    ]
    if not hits:
        return _by_position(text, env) or _towed(text, env) or vehicle_kind(text)
    m = min(hits, key=lambda h: (h.start(), -h.end()))
    typed = re.sub(r"[\s-]", "", m[1].lower())
    for alias, name in made.items():
        if typed == re.sub(r"[\s-]", "", alias) and m[1].lower() not in map(str.lower, bare):
            return name, m.start(), m.end()  # "the hilux" when the Hilux is called Dolly
    for name, plain in zip(known, bare, strict=True):
        if m[1].lower() == plain.lower():
            return name, m.start(), m.end()
    return (title_case(m[1]) if m[1].islower() else m[1]), m.start(), m.end()


# A vehicle named by its place among the user's ("in the second one", "the other car", "for
# the first ute"): "one" or a word for a vehicle after "the" and a place word.
_PLACED = re.compile(
    r"\b(?:in|on|for|with|into|of|to|from|take|use|using)\s+(?:the|my|our)\s+"
    r"(first|1st|second|2nd|third|3rd|other|last)\s+"
    rf"(one|{_GENERIC.replace('|new', '')}|motorbike|bike|quad)\b(?!\s+of\b)",
    _I,
)


def _by_position(text: str, env: Env) -> tuple[str, int, int] | None:
    """ "the second one" right after the vehicles were listed: that row of the list; "the
    other one" with two vehicles: the one that is not the default. "one" alone names a
    vehicle only when the turn before listed the vehicles (else it is a row of another
    kind); a word for a vehicle ("the other car") needs no list."""
    m = _PLACED.search(text)
    if not m:
        return None
    prev = env.previous
    listed = [
        str(r["name"])
        for r in (prev.rows if prev and prev.turns_ago <= 2 else [])
        if r.get("kind") == "vehicle" and r.get("name")
    ]
    if m[2].lower() == "one" and not listed:
        return None
    names = listed or [v[0] for v in env.vehicles]
    word = m[1].lower()
    if word == "other":
        default = env.vehicle or (names[0] if names else None)
        others = [n for n in names if n != default]
        return (others[0], m.start(), m.end()) if len(names) == 2 and len(others) == 1 else None
    place = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "last": -1}[word]
    if len(names) < 2 or place >= len(names):
        return None
    return names[place], m.start(), m.end()


def vehicle_kind(text: str) -> tuple[str, int, int] | None:
    """ "the ute", "our quad's": a vehicle named by its kind, as a name to try."""
    hits = [
        m
        for m in re.finditer(rf"\b(?:the|my|our|his|her)\s+({_KINDS})(?:'s)?(?![\w-])", text, _I)
        if not re.search(r"\bnot\s*$", text[: m.start()], _I)
    ]
    if not hits:
        return None
    word = hits[0][1]
    return (
        (word.upper() if word[0].isdigit() else word.capitalize()),
        hits[0].start(),
        hits[0].end(),
    )


_PRONOUNS = r"it|her|him|them|this|that|one|these|those|she|he"
# A name of capitalised words (one to three, the later ones capitalised too): "Big Bertha"
_CAPS = r"(?-i:[A-Z][\w'-]*)(?:\s+(?-i:[A-Z])[\w'-]*){0,2}"
# A name said first and what it is after: "Rusty is our new rig, …", "meet Millie, a 2020
# Everest", "this is Big Bertha: …", "Ziggy, a 2014 Coaster, …". A sentence's first capital
# is a name only so framed: introduced, or followed by "is our/my" or by a described vehicle.
_NAME_FIRST = re.compile(
    # (after a label too: "new vehicle: Rusty the 2008 Landcruiser")
    r"(?:^|[.!?]\s+|:\s*|\s-\s)\W*(?:(?:meet|introducing|say (?:hi|hello) to|this is|here'?s)\s+)?"
    rf"(?:the\s+)?({_CAPS})"
    r"(?=\s*(?:[,:]|\s-\s|\s(?:the|our|my)\s)\s*(?:(?:an?|our|my|the)\s+)?"
    r"(?:(?:new|old|trusty)\s+)?(?:\d{4}\b|(?i:"
    + _MAKES
    + "|"
    + _MODELS
    + r")\b)|\s+is\s+(?:our|my|the)\b)",
    _I,
)
# Words that open a message or name what it is, never a vehicle's own name
_NOT_A_NAME = re.compile(
    rf"(?:{_MAKES}|{_MODELS}|{_GENERIC}|{_FUELS}|{_PRONOUNS}|add|please|pls|hi|hey|ok|okay|so"
    r"|and|also|just|right|righto|yes|yeah|yep|we|i|got|bought|new|our|my|the|a|an|this|that"
    r"|here|there|meet)",
    _I,
)


def _named_first(text: str) -> re.Match[str] | None:
    """A name said before what the vehicle is (`_NAME_FIRST`), not an opening word."""
    for m in _NAME_FIRST.finditer(text):
        if not any(_NOT_A_NAME.fullmatch(w) for w in m[1].split()[:1]):
            return m
    return None


# A name after the words that give it: "call it Dusty", "she's called Jimmy", "nickname
# Rusty", "her name's Gerty", "we affectionately call her The Tortoise"
NAME_CUE = re.compile(
    r"\b(?:(?:called|named|nicknamed|calling|naming|dubbed|christened)(?: (?:it|her|him|them))?"
    r"|nick ?name(?:\s+is|\s*:)?"
    r"|name (?:it|her|him)|call (?:it|her|him)|known as"
    # (an adverb between: "we affectionately call", "we just call her")
    r"|(?:we|i|they|he|she|mum|dad|nan|pop)(?: \w+ly| just| all| always)? calls?"
    r"(?: it| her| him)?|goes by"
    r"|(?:(?:her|his|its|the|our|my) )?name(?:'s| is)"  # (a learner's "name is Bulli")
    # a capital "The" is the name's own ("The Tortoise"); a lower-case one is not
    r"|name\s*:"
    # ("add the bike as 'Red Bike'": a quoted, capitalised name after "as")
    r"|as(?=\s+['\"‘“](?-i:[A-Z]))"
    # ("add vehicle: name Blue, …": the word "name" then a capitalised name)
    r"|name(?=\s+(?-i:[A-Z])))\s+(?:(?-i:the)\s+)?"
    r"([\w'-]+(?:\s+(?!\d)(?-i:[A-Z])[\w'-]*)?)",
    _I,
)


def add_vehicle(text: str, env: Env) -> Draft:
    draft = Draft("add_vehicle")
    year, cons, tank = measures.year(text), measures.consumption(text), measures.tank_litres(text)
    # ("…, diesel, 180L, 15L/100km": litres said alone of a vehicle are what its tank holds)
    tank = tank or measures.litres(text)
    draft.put("year", int(year.value) if year else None)
    draft.put("consumption_l_per_100km", cons.value if cons else None)
    draft.put("tank_litres", tank.value if tank else None)
    fuel = re.search(r"\b(diesel|petrol|unleaded|ulp|lpg|electric|ev)\b", text, _I)
    draft.put("fuel_type", _FUEL_TYPES[fuel[1].lower()] if fuel else None)
    make = re.search(rf"\b({_MAKES})\b", text, _I)
    model = re.search(rf"\b({_MODELS})\b", text, _I)
    draft.put("make", title_case(make[1]) if make else None)
    draft.put("model", title_case(model[1]) if model else None)
    if (
        make
        and not model
        and (
            after := re.match(
                r"\s+(?!(?:diesel|petrol|unleaded|ulp|lpg|electric|ev|hybrid|ute|car|wagon|van|truck"
                r"|with|and|for|that|which|is|in|on|the|a|we|i|she|he|they|called|named"
                r"|too|also|as|please|pls|now|then)\b)"
                r"([A-Za-z][\w-]*[A-Za-z0-9])\b(?!')",
                text[make.end() :],
                _I,
            )
        )
    ):
        draft.put(
            "model", title_case(after[1])
        )  # a model the lexicon lacks: the word after the make
    named = NAME_CUE.search(text)
    # "add the missus's Corolla": whose it is, then what it is
    owned = re.search(
        rf"\b(?:add|register|save)\s+(?:(?:my|our|the|a)\s+)?(?:[\w-]+'s\s+)?(?:(?:{_ORDER})\s+)*"
        r"(?!(?:my|our|the|a)\b)([A-Za-z][\w'-]*)"
        # a name of capitalised words, said before the details ("add the Land Cruiser, 2016
        # Toyota LC200", "add the Big Red, 2019 Isuzu D-Max")
        rf"((?:\s+(?!(?:{_MAKES}|{_MODELS}|{_FUELS})\b)(?-i:[A-Z])[\w'-]*){{0,3}})",
        text,
        _I,
    )
    if owned and (owned[1].lower().endswith("'s") or re.fullmatch(_PRONOUNS, owned[1], _I)):
        owned = None  # "add her", "add it to my vehicles": the vehicle said elsewhere
    owned_name = (
        f"{owned[1]}{owned[2]}"
        if owned and owned[2] and re.match(r"\s*[,(]|\s*$", text[owned.end() :])
        else owned[1]
        if owned
        else ""
    )
    the = re.search(rf"\b(?:{_GENERIC}),?\s+the\s+([A-Z][\w'-]*)", text)  # "a vehicle, the Pajero"
    # "add our van Moby": the kind of vehicle, then its name (capitalised, no make or model)
    kind_then_name = re.search(
        rf"\b(?:add|register|save)\s+(?:my|our|the|a)\s+(?:new\s+)?(?i:{_GENERIC})\s+({_CAPS})\b",
        text,
    )
    if kind_then_name and not re.fullmatch(f"{_MAKES}|{_MODELS}", kind_then_name[1], _I):
        the = the or kind_then_name
    # "new veh: Bluey, 2012 Hilux …": a label typed first, before the details, is the name
    # ("add a vehicle pls: Ranger, ford, 2021": a model said alone, its make apart, is the name)
    label = re.search(
        rf"\b(?:new|add\s+(?:a|my|our|another)(?:\s+new)?)\s+(?:{_GENERIC}|veh|vehicle)"
        r"(?:\s+(?:pls|plz|please))?\s*:\s*(?:(?:my|our|the)\s+)?([A-Z][\w'-]*)\s*,",
        text,
        _I,
    )
    if label and re.fullmatch(_MAKES, label[1], _I):
        label = None
    name = (
        named[1]
        if named
        else the[1]
        if the
        else label[1]
        if label
        else first[1]
        if (first := _named_first(text))
        else None
    )
    if (
        named
        and re.fullmatch(f"{_GENERIC}|{_KINDS}", named[1], _I)
        and re.search(r"\bthe\s+$", text[: named.start(1)], _I)
        # (a capital makes the kind word a name of its own: "call it the Ute" is Ute)
        and named[1].islower()
    ):
        name = f"the {named[1]}"  # "call it the ute": a kind word is no name without its "the"
    if not name and (
        labelled := re.search(
            # "add a camper trailer: 2019 Ultimate Camper trailer": what it is after the colon,
            # its year cut off, though the lexicon knows neither make nor model
            r"\b(?:add|register|save|new)\b[^:]{0,40}:\s*(?:(?:19|20)\d\d\s+)?"
            r"((?-i:[A-Z])[\w'-]*(?:\s+(?!(?:diesel|petrol|with|and|for)\b)[A-Za-z][\w'-]*){0,3})",
            text,
            _I,
        )
    ):
        name = labelled[1]
    if not name and owned and not re.fullmatch(_GENERIC, owned[1], _I):
        name = owned_name if not re.fullmatch(_MAKES, owned[1], _I) else None
    if not name:
        name = " ".join(str(draft.args[k]) for k in ("make", "model") if k in draft.args) or None
    if name and (quoted := re.fullmatch(r"['\"‘“](.+?)['\"’”]?", name)):
        name = quoted[1]  # "as 'Red Bike'": the name inside its quotes
    draft.put("name", title_case(name) if name and name.islower() else name)
    draft.missing = None if draft.args.get("name") else "name"
    return draft


def list_vehicles(text: str, env: Env) -> Draft:
    return Draft("list_vehicles")  # it takes no arguments
