"""Arguments of the tyre pressure tools from a piece of a message: "FL 240 FR 240 RL 260
RR 255 kpa", "38 front 42 rear psi", "36 psi all round", "rear left is only 29, the others
are still 36", "aired down to 18 psi"."""

from __future__ import annotations

import re
from decimal import Decimal

from agent.brain.convo import Env
from agent.brain.dates import find_day
from agent.brain.draft import Draft, blank
from agent.brain.slots_vehicle import vehicle_named

_I = re.IGNORECASE
_NUM = r"(\d{1,4}(?:\.\d{1,2})?)"
_UNIT = r"(?:\s*(?:psi|kpa|bar|lbs?))?"
_FILL = r"(?:\s*(?:tyres?|tires?))?(?:\s*(?:is|was|were|are|at|on|to|=|:|-|only|still|now|just"
_FILL += r"|about|down to|up to|sitting at|reading|both|ones|pair|wheels))*\s*"  # "front both 2.4"
CORNERS = {
    "front_left": r"front left|left front|fl|f/l|driver'?s? front",
    "front_right": r"front right|right front|fr|f/r|passenger'?s? front",
    "rear_left": r"rear left|back left|left rear|left back|rl|r/l",
    "rear_right": r"rear right|back right|right rear|right back|rr|r/r",
    "spare": r"spare",
}
_ALL = (
    r"all round|all around|all 4|all four|all tyres|all the tyres|each|everywhere|across the board"
)
_AXLE = r"(front|rear|back|behind)s?"  # "36 in front and 38 behind"
_UNITS = {"psi": "psi", "lb": "psi", "lbs": "psi", "kpa": "kpa", "bar": "bar"}


def _value(text: str) -> Decimal:
    return Decimal(text)


def _corners(text: str) -> tuple[dict[str, Decimal], list[tuple[int, int]]]:
    found: dict[str, Decimal] = {}
    spans = []
    # "240kpa fl fr": a value first, then two or more corners it is for (one corner after a
    # value is the next reading's name, as in "fl 220 fr 250")
    one = "|".join(CORNERS[c] for c in _ORDER)
    for listed in re.finditer(
        rf"(?<![\w.]){_NUM}{_UNIT}\s+((?:{one})(?:\s*(?:,|&|\+|and)?\s*(?:{one}))+)\b", text, _I
    ):
        for tyre in _ORDER:
            if tyre not in found and re.search(rf"\b(?:{CORNERS[tyre]})\b", listed[2], _I):
                found[tyre] = _value(listed[1])
        spans.append((listed.start(), listed.end()))
    for tyre, names in CORNERS.items():
        if tyre in found:
            continue
        if m := re.search(rf"\b(?:{names})\b{_FILL}{_NUM}{_UNIT}", blank(text, spans), _I):
            found[tyre] = _value(m[1])
            spans.append((m.start(), m.end()))
    for tyre, names in CORNERS.items():
        # a corner told of before its reading: "front left on the van is looking low, 32
        # psi" (a few words with no figure and no other tyre between)
        if tyre in found:
            continue
        told = rf"\b(?:{names})\b([^\d;.?!]{{1,40}}?)[,:-]?\s*{_NUM}{_UNIT}"
        m = re.search(told, blank(text, spans), _I)
        # (not "2,5 bar front left and right, 2,9 …": another corner or side in between)
        between = rf"\b(?:{one}|{_AXLE}|others?|rest|all|and|both|left|right)\b|&"
        if m and not re.search(between, m[1], _I):
            found[tyre] = _value(m[2])
            spans.append((m.start(), m.end()))
    return found, spans


def _axles(text: str) -> dict[str, Decimal]:
    """ "front 38 rear 42" or "38 front 42 rear": whichever reading names both axles."""
    before = {a[0].lower(): _value(n) for a, n in _pairs(rf"\b{_AXLE}\b{_FILL}{_NUM}", text)}
    after = {
        a[0].lower(): _value(n)
        for n, a in (m.groups() for m in re.finditer(rf"{_NUM}{_UNIT}\s*(?:in |on |at |for )?"
                                                      rf"(?:both |both the |the |my )?"
                                                      rf"{_AXLE}\b", text, _I))
    }  # fmt: skip
    # "240 fl fr, 260 rears": one axle said after its value counts when none is said before
    axles = before if len(before) == 2 or (len(after) < 2 and before) else after
    out: dict[str, Decimal] = {}
    if front := axles.get("f"):
        out |= {"front_left": front, "front_right": front}
    if rear := axles.get("r") or axles.get("b"):
        out |= {"rear_left": rear, "rear_right": rear}
    return out


def _pairs(pattern: str, text: str) -> list[tuple[str, str]]:
    return [(m[1], m[2]) for m in re.finditer(pattern, text, _I)]


def _all_round(text: str) -> Decimal | None:
    if m := re.search(rf"{_NUM}{_UNIT}\s*(?:{_ALL})\b", text, _I):
        return _value(m[1])
    if m := re.search(rf"\b(?:{_ALL})\b{_FILL}{_NUM}", text, _I):
        return _value(m[1])
    if m := re.search(rf"\b(?:the )?(?:others?|rest)\b{_FILL}(?:all\s*)?{_NUM}", text, _I):
        return _value(m[1])
    return None


# Four readings in a row ("38 38 42 42", "240/240/260/255"): the corners in the order
# everyone reads them, fronts then rears, left then right.
_FOUR = re.compile(
    r"(?<![\d.])" + r"(?:[\s,/]+|\s*-\s*)".join([r"(\d{2,3}(?:\.\d)?)"] * 4) + r"(?![\d.])"
)
_ORDER = ("front_left", "front_right", "rear_left", "rear_right")


# "38 38 up front, 42 42 at the back": two readings before an axle are its left and right.
_AXLE_PAIR = re.compile(
    rf"(?<![\d.]){_NUM}{_UNIT}[\s,/]+{_NUM}{_UNIT}\s*(?:up |down |in |on |at |for )?(?:the )?"
    rf"{_AXLE}\b",
    _I,
)


def _axle_pairs(text: str) -> dict[str, Decimal] | None:
    """Left and right of both axles, each axle said after its two readings."""
    sides: dict[str, tuple[str, str]] = {}
    for m in _AXLE_PAIR.finditer(text):
        sides.setdefault("front" if m[3].lower().startswith("f") else "rear", (m[1], m[2]))
    if len(sides) < 2:
        return None
    (fl, fr), (rl, rr) = sides["front"], sides["rear"]
    return dict(zip(_ORDER, map(_value, (fl, fr, rl, rr)), strict=True))


def pressures(text: str) -> dict[str, Decimal] | None:
    """The pressures a message gives, as log_tyre_pressures' `pressures` argument."""
    if paired := _axle_pairs(text):
        return paired
    if (four := _FOUR.search(text)) and not re.search(
        rf"\b(?:{CORNERS['front_left']})\b", text, _I
    ):
        return {corner: _value(v) for corner, v in zip(_ORDER, four.groups(), strict=True)}
    corners, spans = _corners(text)
    rest = blank(text, spans)
    everywhere = _all_round(rest)
    axles = _axles(rest)
    out: dict[str, Decimal] = {**axles, **corners}
    if everywhere is not None and out.keys() - {"spare"}:
        # "front left 190, the others 240": every corner not named has the other value,
        # said outright (all_round, which fills the corners not given, is kept beside)
        out = {corner: out.get(corner, everywhere) for corner in _ORDER} | (
            {"spare": out["spare"]} if "spare" in out else {}
        )
        out["all_round"] = everywhere
    elif everywhere is not None:
        out["all_round"] = everywhere
    elif len(out.keys() - {"spare"}) < 4:
        with_unit = re.findall(rf"{_NUM}\s*(?:psi|kpa|bar)\b", rest, _I)
        if len(set(with_unit)) == 1 and not out:  # "aired down to 18 psi": one value
            out["all_round"] = _value(with_unit[0])
        else:
            return None
    return out


# Readings taken warm: after driving, "hot", "warm", "after a run".
_HOT = re.compile(
    r"\b(?:hot|warm|warmed up|heated up|after (?:the |a |our |that )?(?:drive|driving|run|trip"
    r"|day's driving|few hours|hour|highway)|(?:just )?(?:pulled|came) (?:in|off the road)"
    r"|mid[- ]?(?:drive|trip))\b",
    _I,
)


def unit_by_size(readings: list[Decimal]) -> str | None:
    """The unit tyre figures said with none are in, by their size: no tyre runs at 38 kPa or
    240 psi. Up to 8 is bar, 12-90 psi, 100 and more kPa; figures that disagree say none."""
    kinds = {
        "bar" if v <= 8 else "psi" if 12 <= v <= 90 else "kpa" if 100 <= v <= 900 else None
        for v in readings
    }
    return kinds.pop() if len(kinds) == 1 and None not in kinds else None


def log_tyre_pressures(text: str, env: Env) -> Draft:
    draft = Draft("log_tyre_pressures")
    if vehicle := vehicle_named(text, env):
        draft.put("vehicle", vehicle[0])
        text = blank(text, [vehicle[1:]])
    if m := re.search(r"(?<![a-z])(psi|kpa|bar|lbs?)\b", text, _I):  # "32psi" glued too
        draft.put("unit", _UNITS[m[1].lower()])
    if re.search(r"\b(?:not|weren't|wasn't|aren't) (?:\w+ )?cold\b", text, _I) or _HOT.search(text):
        draft.put("cold", False)
    elif re.search(r"\bcold\b", text, _I):
        draft.put("cold", True)
    if day := find_day(text, env.today, future=False):
        draft.put("date", day.day.isoformat())
    found = pressures(text)
    # "38 front, 42 rear" said to a metric profile: psi (the profile's own unit is left unsaid)
    unit = unit_by_size(list(found.values())) if found and "unit" not in draft.args else None
    if unit and unit != ("psi" if env.units == "imperial" else "kpa"):
        draft.put("unit", unit)
    draft.put("pressures", {k: float(v) for k, v in found.items()} if found else None)
    draft.missing = None if found else "pressures"
    return draft


def tyre_pressure_history(text: str, env: Env) -> Draft:
    draft = Draft("tyre_pressure_history")
    if vehicle := vehicle_named(text, env):
        draft.put("vehicle", vehicle[0])
    if m := re.search(r"\b(?:last|latest|past)\s+(\d{1,2})\b", text, _I):
        draft.put("limit", int(m[1]))
    return draft
