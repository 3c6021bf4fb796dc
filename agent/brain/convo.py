"""What the brain reads from a call: the system block's `Key: value` lines and the turn.

The system message starts with lines like `Domain: wins`, `Current time: <ISO>`,
`Time zone: Australia/Sydney`, `Currency: AUD`, `Units: metric` (plus profile, vehicle,
client location and memories). Anything else in it is ignored.
"""

from __future__ import annotations

import json
import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from agent.brain.previous import Previous, read_previous

DEFAULT_TZ = "Australia/Sydney"


def text_of(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    parts = [p if isinstance(p, str) else str(p.get("text", "")) for p in content]
    return "".join(parts)


@dataclass(frozen=True)
class Env:
    """The run's settings: clock, zone, currency, units, and a few profile facts."""

    domain: str | None
    now: datetime
    tz: ZoneInfo
    currency: str = "AUD"
    units: str = "metric"
    location: str | None = None
    vehicle: str | None = None
    name: str | None = None
    previous: Previous | None = None  # what the previous turn did (the dialogue state)
    home_base: str | None = None
    # The names of the groups the user is in or asked to join, and of those their message
    # names (agent/context_block.py): a group's words are matched against these.
    groups: tuple[str, ...] = ()
    # The user's vehicles: (name, year, make, model), "" where not known.
    vehicles: tuple[tuple[str, str, str, str], ...] = ()
    # The profile's lines as the context block gives them ((label, value): Name, Home base,
    # Travel style, Pets, Currency, Units, Time zone) and the memories kept ("- …" lines
    # under "Memories:"): what "what do you know about me" is answered from.
    profile: tuple[tuple[str, str], ...] = ()
    memories: tuple[str, ...] = ()

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def american(self) -> bool:
        """A North American user (an America/ zone, US or Canadian dollars): "gas" is what
        the car runs on."""
        return (
            self.currency in ("USD", "CAD")
            or str(self.tz.key).startswith("America/")
            or bool(self.home_base and _NORTH_AMERICA.search(self.home_base))
        )


# A home base in the US or Canada: a North American touring elsewhere still says "gas" for
# fuel and writes the month first.
_NORTH_AMERICA = re.compile(
    r"\b(?:usa|u\.s\.a?\.?|united states|america|canada|alberta|british columbia|ontario|quebec"
    r"|manitoba|saskatchewan|nova scotia|new brunswick|newfoundland|yukon|alabama|alaska|arizona"
    r"|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|illinois"
    r"|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota"
    r"|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico"
    r"|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island"
    r"|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington"
    r"|west virginia|wisconsin|wyoming)\b",
    re.IGNORECASE,
)


# A `Key: value` line of the system block (compiled once: every model call reads every
# line of its prompt).
_KEY_LINE = re.compile(r"^([A-Z][A-Za-z ]{1,30}):\s*(.+?)\s*$")


def _lines(prompt: tuple[str, ...]) -> dict[str, str]:
    """The `Key: value` lines of the system messages' texts (the first of each key)."""
    found: dict[str, str] = {}
    for text in prompt:
        for line in text.splitlines():
            m = _KEY_LINE.match(line)
            if m and m[1] not in found:
                found[m[1]] = m[2]
    return found


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or DEFAULT_TZ)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TZ)


def _listed(value: str | None) -> list[object]:
    """The JSON list a `Key: [...] (note)` line starts with; [] when there is none."""
    if not value or not value.startswith("["):
        return []
    try:
        found, _ = json.JSONDecoder().raw_decode(value)
    except ValueError:
        return []
    return found if isinstance(found, list) else []


def _groups(lines: dict[str, str]) -> tuple[str, ...]:
    names = [*_listed(lines.get("Your groups")), *_listed(lines.get("Groups your message names"))]
    return tuple(dict.fromkeys(n for n in names if isinstance(n, str) and n.strip()))


def _vehicles(lines: dict[str, str]) -> tuple[tuple[str, str, str, str], ...]:
    return tuple(
        (
            str(v["name"]),
            str(v.get("year") or ""),
            str(v.get("make") or ""),
            str(v.get("model") or ""),
        )
        for v in _listed(lines.get("Vehicles"))
        if isinstance(v, dict) and v.get("name")
    )


PROFILE_LINES = ("Name", "Home base", "Travel style", "Pets", "Currency", "Units", "Time zone")


def _memories(prompt: tuple[str, ...]) -> tuple[str, ...]:
    """The "- note" lines right under a "Memories:" line of the system block."""
    for text in prompt:
        lines = text.splitlines()
        for i, line in enumerate(lines):
            if line.strip() == "Memories:":
                notes = []
                for note in lines[i + 1 :]:
                    if not note.startswith("- "):
                        break
                    notes.append(note[2:].strip())
                return tuple(n for n in notes if n)
    return ()


def read_env(messages: list[BaseMessage], fallback_now: datetime | None = None) -> Env:
    prompt = tuple(text_of(m) for m in messages if isinstance(m, SystemMessage))
    return _remembered_env(prompt) or _env(_lines(prompt), fallback_now, _memories(prompt))


# A turn's domain calls its model twice with the same prompt (before and after its tools),
# and the prompt is the env's only source once it carries its clock: each prompt's env is
# read once. Shared between calls, so it is never changed (a frozen dataclass; nothing
# writes into its `previous`). A prompt without a valid clock is read anew each call (its
# time is the fallback's, or now).
@lru_cache(maxsize=1024)
def _remembered_env(prompt: tuple[str, ...]) -> Env | None:
    lines = _lines(prompt)
    if _stamp(lines) is None:
        return None
    return _env(lines, None, _memories(prompt))


def _stamp(lines: dict[str, str]) -> datetime | None:
    if stamp := lines.get("Current time"):
        with suppress(ValueError):
            return datetime.fromisoformat(stamp)
    return None


def _env(
    lines: dict[str, str], fallback_now: datetime | None, memories: tuple[str, ...] = ()
) -> Env:
    tz = _zone(lines.get("Time zone"))
    now = _stamp(lines) or fallback_now or datetime.now(UTC)
    now = now.replace(tzinfo=tz) if now.tzinfo is None else now.astimezone(tz)
    location = lines.get("User location")
    town = location.split(",")[0].split("(")[0].strip() if location else None
    vehicle = lines.get("Vehicle")
    return Env(
        domain=(lines.get("Domain") or "").strip().lower() or None,
        now=now,
        tz=tz,
        currency=(lines.get("Currency") or "AUD").upper(),
        units=(lines.get("Units") or "metric").lower(),
        location=None if not town or town == "unknown place" else town,
        vehicle=vehicle.split("(")[0].strip() if vehicle else None,
        name=lines.get("Name"),
        previous=read_previous(lines),
        home_base=lines.get("Home base"),
        groups=_groups(lines),
        vehicles=_vehicles(lines),
        profile=tuple((k, lines[k]) for k in PROFILE_LINES if lines.get(k)),
        memories=memories,
    )


@dataclass
class Convo:
    """The conversation around the user's last message."""

    env: Env
    history: list[BaseMessage]  # everything but system messages
    last: int  # index of the last human message in history, -1 if none
    tools: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return text_of(self.history[self.last]) if self.last >= 0 else ""

    @property
    def turn(self) -> list[BaseMessage]:
        return self.history[self.last + 1 :]

    @property
    def earlier(self) -> list[BaseMessage]:
        return self.history[: max(self.last, 0)]

    def previous_human(self) -> tuple[int, str] | None:
        for i in range(self.last - 1, -1, -1):
            if isinstance(self.history[i], HumanMessage):
                return i, text_of(self.history[i])
        return None

    def previous_replies(self) -> list[str]:
        """PAM's text replies between the previous human message and the last one."""
        prev = self.previous_human()
        start = prev[0] + 1 if prev else 0
        return [
            text_of(m)
            for m in self.history[start : max(self.last, 0)]
            if isinstance(m, AIMessage) and not m.tool_calls and text_of(m).strip()
        ]


def read_convo(messages: list[BaseMessage], env: Env, tools: list[str]) -> Convo:
    history = [m for m in messages if not isinstance(m, SystemMessage)]
    last = max((i for i, m in enumerate(history) if isinstance(m, HumanMessage)), default=-1)
    return Convo(env=env, history=history, last=last, tools=tools)
