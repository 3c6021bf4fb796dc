"""Arguments of the calendar and task tools.

"Remind me to X" with a date or time is a calendar event with `reminder_minutes` 0 (the
reminder is due at that moment; "30 minutes before" sets 30); without one it is a task.
With a day and no time ("remind me to pay the rego on Friday") the event is at 9 am that
day, reminded then: a reminder on an all-day event would be due at midnight.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from agent.brain import families, reminders, repeats, values
from agent.brain.convo import Env
from agent.brain.draft import Draft, Ref, blank, tidy
from agent.brain.pick import explicit_id, ordinal, ref_words
from agent.brain.places import capitalised_place, town_after_word
from agent.brain.textutil import capitalise, squash
from agent.brain.times import (
    SHIFT,
    Moment,
    bare_hour,
    day_part_spans,
    either_half,
    find_moment,
    find_time,
    shift_by,
)

_I = re.IGNORECASE
_EVENT_LEAD = (
    r"remind me to|remind me about|remind me|remind us to|reminder to|reminder for|reminder"
    r"|add|put|schedule|book|create|make|set up|pencil in|pencil|new|an event|event|a|an|i have"
    r"|i've got|we have|we've got|there's|there is|got|for|to|on|at|the|my|our|please|calendar"
    r"|in|appointment for|called|about|have|have got|got a|i'd like|there's a|it"
    r"|set a reminder for|set a reminder|set reminder for|set|booked in for|booked in|booked"
    r"|i'm booked in for|we're booked in for|i'm|we're|we are|i am|" + families.PUT
)
# Parts of a day left after the date and time are read ("wed arvo at 3" -> "arvo").
_DAY_PART = re.compile(
    r"(?:\s+(?:in the|this|on|at|in|for|the))*\s+(?:arvo|morning|afternoon|evening|night"
    r"|mornin)\s*$|\s+(?:on|at|for|in)\s*$",
    _I,
)
REMINDER_HOUR = time(9)  # when "remind me … on Friday" (a day, no time) reminds
_REMIND = re.compile(r"\bremind(?:er)?\b", _I)
_CAL = re.compile(
    r"\b(?:to|in|into|on)\s+(?:my|the|our)\s+(?:calendar|diary|schedule|agenda|planner)\b"
    r"|\bcalendar\b",
    _I,
)
_END = re.compile(
    r"\b(?:until|till|til|to|-)\s*(\d{1,2}(?::\d{2})?\s*(?:am|pm)?)\b"
    r"|(?:\b(?:it'?ll|it will|it should|that'?ll|should|will|it)\s+)?"
    r"\b(?:for|takes?|took|lasts?|take|goes for|runs? for)\s+"
    r"(?:about\s+|around\s+|roughly\s+|approx\.?\s+|maybe\s+)?"
    r"(\d+(?:\.\d+)?|an?|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few)\s*(hours?|hrs?|minutes?|mins?)\b",
    _I,
)
# A length written straight after the clock time, as in a diary ("2:15pm 30m", "10am 1 hour").
_CLOCK_LENGTH = re.compile(
    r"(?:\d(?:am|pm)|\d:\d\d)\s*,?\s*(\d{1,3})\s*(m|mins?|minutes?|h|hrs?|hours?)\b"
    r"(?!\s*(?:before|b4|away|early|earlier|ahead|prior|drive|walk|out)\b)",
    _I,
)


# A length set off as a clause of its own: "2:30pm, about 45 minutes.", "(roughly 2 hours)",
# "Tue 10am - 90 mins long" (not "30 minutes before", "20 minutes away", "an hour drive").
_SET_OFF_LENGTH = re.compile(
    r"(?:^|[,;(]|\s[-–]|\.)\s*(?P<len>(?:(?:about|around|roughly|approx\.?|approximately|maybe"
    r"|say|probably|prob|just|only|~)\s*)?(?P<n>\d+(?:\.\d+)?|an?|one)\s*(?P<unit>hours?|hrs?|minutes?|mins?)"
    r"(?:\s+(?:long|or so|tops|max|ish))?)\s*(?=[,;.)!]|$|\s+(?:and|then)\b)",
    _I,
)


def _set_off_length(text: str, start: datetime) -> tuple[datetime | None, tuple[int, int] | None]:
    m = _SET_OFF_LENGTH.search(text)
    if not m:
        return None, None
    count = 1.0 if m["n"].lower() in ("a", "an", "one") else float(m["n"])
    minutes = count * (60 if m["unit"].lower().startswith("h") else 1)
    return start + timedelta(minutes=round(minutes)), m.span("len")


def _end(text: str, start: datetime) -> tuple[datetime | None, tuple[int, int] | None]:
    m = _END.search(text)
    if not m:
        return None, None
    if m[1]:
        hit = find_time("at " + m[1])
        if hit is None:
            return None, None
        end = datetime.combine(start.date(), hit.at, tzinfo=start.tzinfo)
        if end <= start and end + timedelta(hours=12) > start:
            end += timedelta(hours=12)
        return (end if end > start else None), m.span()
    said = m[2].lower()
    count = (
        1.0 if said in ("a", "an") else 2.0 if "couple" in said else 3.0 if "few" in said
        else float(said)
    )  # fmt: skip
    minutes = count * (60 if m[3].lower().startswith("h") else 1)
    return start + timedelta(minutes=round(minutes)), m.span()


_VAGUE = re.compile(
    r"\b(?:(?:put|add|stick|pop|chuck|pencil)\s+(?:something|it|that|this)(?:\s+in)?"
    r"|something|an event|a thing|stuff)\b",
    _I,
)


def _timed(text: str, env: Env, draft: Draft) -> list[tuple[int, int]] | None:
    """ "Saturday from 6 till 9pm": start and end from a time range; the spans used."""
    hours = values.clock_span(text)
    if hours is None:
        return None
    moment = find_moment(blank(text, [hours[2:]]), env.now, future=True)
    day = moment.day if moment else env.today
    draft.put("start", datetime.combine(day, hours[0], tzinfo=env.tz).isoformat())
    draft.put("end", datetime.combine(day, hours[1], tzinfo=env.tz).isoformat())
    return [hours[2:], *(moment.spans if moment else ())]


# "tomorrow arvo 2.30": a clock time right after the part of the day, read with it.
_PART_CLOCK = re.compile(
    r"\b(morning|arvo|afternoon|evening|tonight|night)\s+(?:at\s+)?(\d{1,2})[.:](\d{2})\b"
    r"(?!\s*(?:am|pm|a\.m|p\.m))",
    _I,
)


def _part_clock(text: str) -> str:
    def said(m: re.Match[str]) -> str:
        ampm = "am" if m[1].lower() == "morning" else "pm"
        return f"{m[1]} at {m[2]}:{m[3]}{ampm}"

    return _PART_CLOCK.sub(said, text)


def _remind_words(text: str, lead_start: int) -> tuple[int, int] | None:
    """The words that ask for the reminder right before its lead time ("…, and remind me"
    of "…, and remind me 2 days out"), when they come after the event."""
    for m in reminders.CLAUSE.finditer(text):
        if m.start() > 0 and (
            m.start() < lead_start <= m.end() or not text[m.end() : lead_start].strip()
        ):
            return m.start(), max(m.end(), lead_start)
    return None


# "all morning", "the whole afternoon": the part of the day from its start to its end
_WHOLE_PART = re.compile(r"\b(?:all|the whole|the entire|whole)\s+(morning|arvo|afternoon)\b", _I)
_PART_SPAN = {"morning": (time(9), time(12)), "arvo": (time(12), time(17)),
              "afternoon": (time(12), time(17))}  # fmt: skip


def _whole_part(
    text: str, env: Env, moment: Moment
) -> tuple[datetime, datetime, tuple[int, int]] | None:
    m = _WHOLE_PART.search(text)
    if m is None or find_time(blank(text, [m.span()])) is not None:
        return None  # (a clock time said with it is the start: "all morning from 8")
    first, last = _PART_SPAN[m[1].lower()]
    start = datetime.combine(moment.day, first, tzinfo=env.tz)
    return start, datetime.combine(moment.day, last, tzinfo=env.tz), m.span()


# What a day is, told, then the ask to be reminded (the day's words already cut out;
# "remind me the day before" may be cut whole as the reminder's own moment, leaving "to").
_TOLD_THEN_REMIND = re.compile(
    r"^(?P<what>.+?)\s+(?:is|are|'s|falls)\s*(?:[,;.]\s*)?"
    r"(?:(?:so|and|pls|please|can you|could you)\s+)*"
    r"(?:remind (?:me|us)\b\s*(?:to\s+)?|to\s+)(?P<do>.*?)\W*$",
    _I,
)


def create_event(text: str, env: Env) -> Draft:
    draft = Draft("create_event")
    text = _part_clock(text)
    # "…, remind me the night before": the reminder's own moment is no part of the event's
    own = reminders.said_after(text, env.today)
    read = blank(text, [(own.start, own.end)]) if own else text
    moment = find_moment(repeats.singular(read), env.now, future=True, loose=True)
    lead = None if own else values.lead_minutes(text)
    reminds = bool(_REMIND.search(text))
    spans = [*(moment.spans if moment else ()), *([(lead.start, lead.end)] if lead else [])]
    if repeat := repeats.said(text):
        spans.append(repeat.span())  # "every sunday": one event, not "Every to check …"
    if own:
        spans.append((own.start, own.end))
    elif lead and (said := _remind_words(text, lead.start)):
        spans.append(said)  # "… and remind me 2 days out": its joining words too
    if moment and moment.at is not None:
        spans += day_part_spans(text)  # "tomorrow arvo at 4": "arvo" is not the title
    elif moment and reminds and not lead:
        moment = Moment(moment.day, REMINDER_HOUR, moment.spans)
    if ranged := _timed(text, env, draft):
        spans += ranged
    elif moment and (whole := _whole_part(text, env, moment)):
        draft.put("start", whole[0].isoformat())  # "all morning": the part of the day, whole
        draft.put("end", whole[1].isoformat())
        spans.append(whole[2])
    elif moment:
        draft.put("start", moment.iso(env.tz))
        if moment.at is not None:
            start = datetime.combine(moment.day, moment.at, tzinfo=env.tz)
            end, span = _end(blank(text, spans), start)
            if end is None and (glued := _CLOCK_LENGTH.search(text)):
                minutes = int(glued[1]) * (60 if glued[2].lower().startswith("h") else 1)
                end, span = start + timedelta(minutes=minutes), (glued.start(1), glued.end())
            if end is None:
                end, span = _set_off_length(blank(text, spans), start)
            if end and span:
                draft.put("end", end.isoformat())
                spans.append(span)
    dated = str(draft.args.get("start") or "")
    if re.search(r"\ball[- ]day\b", text, _I) or (dated and "T" not in dated):
        draft.put("all_day", True)  # a day with no time of day is the whole day
        spans += [m.span() for m in re.finditer(r"\ball[- ]day\b", text, _I)]
    if lead:
        draft.put("reminder_minutes", int(lead.value))
    elif own and moment and moment.at is not None:
        start = datetime.combine(moment.day, moment.at, tzinfo=env.tz)
        before = reminders.minutes_before(own, start, env.now)
        draft.put("reminder_minutes", before if before is not None else 0)
    elif reminds and moment and moment.at is not None:
        draft.put("reminder_minutes", 0)
    rest = _CAL.sub(" ", blank(text, spans))
    place = capitalised_place(rest) or town_after_word(rest, "in|at")
    if place:
        draft.put("location", place)
        rest = re.sub(rf"\b(?:in|at)\s+{re.escape(place)}\b", " ", rest, flags=_I)
    title = tidy(re.sub(r"\s+", " ", _VAGUE.sub(" ", rest)), _EVENT_LEAD)
    title = tidy(_DAY_PART.sub("", title), _EVENT_LEAD)
    if told := _TOLD_THEN_REMIND.match(title):
        # "ray's birthday is on the 14th, remind me the day before to get a cake": the day
        # told is the event, what to do for it follows
        what, do = tidy(told["what"]), tidy(told["do"] or "").lower()
        title = f"{what}: {do}" if do else what
    # "dinner with the Smiths is on saturday": the copula before the day is no part of it
    title = re.sub(r"[\s,]+(?:is|are|was|were|falls)$", "", title, flags=_I)
    draft.put("title", title[:200] or None)
    draft.missing = "start" if "start" not in draft.args else None if title else "title"
    if repeat and moment:
        draft.note = repeats.note(moment.day, env.today, weekday=repeats.on_a_weekday(repeat))
    return draft


def list_events(text: str, env: Env) -> Draft:
    draft = Draft("list_events")
    if span := values.period(text, env.today, future=True):
        if span.end < env.today and _PAST_ASKED.search(text):
            # "what did we have on last Tuesday?": a day gone by, asked in the past tense
            draft.put("start_date", span.start.isoformat())
            draft.put("end_date", span.end.isoformat())
            return draft
        draft.put("start_date", max(span.start, env.today).isoformat())
        draft.put("end_date", max(span.end, env.today).isoformat())
    return draft


_PAST_ASKED = re.compile(r"\b(?:did|had|was|were|went)\b", _I)


def _event_ref(text: str) -> Ref:
    extra = r"events?|appointments?|meetings?|bookings?|reminders?|calendar|move|reschedule|push"
    words = ref_words(re.sub(r"(?<=\w)'s\b", "", text), extra)  # "the podiatrist's" is theirs
    return Ref("event", "event_id", ordinal(text), words, explicit=explicit_id(text))


_CHANGE = re.compile(r"\b(?:to|until|till|for|back to|forward to|instead)\b", _I)


# ("same time as …" and "same time next week" name another time: not this one)
_SAME_TIME = re.compile(r"\b(?:the\s+)?same\s+time\b(?!\s+(?:as|next|last))", _I)


# A time said with its half of the day ("7pm", "7 a.m.") or on the 24-hour clock ("07:45",
# "19:30"); any other hour of 1–12 ("7.30", "quarter past 7") may be either half.
_HALF_FIXED = re.compile(r"\d\s*(?:am|pm|a\.m|p\.m)\b|\b(?:0\d|1[3-9]|2[0-4])\b", _I)
_HALF_SAID = re.compile(
    r"\b(?:morning|mornin|arvo|afternoon|evening|tonight|night|noon|midday|midnight|am|pm"
    r"|a\.m|p\.m|brekkie|breakfast)\b",
    _I,
)


def update_event(text: str, env: Env) -> Draft:
    marks = list(_CHANGE.finditer(text))
    before, after = (text[: marks[0].start()], text[marks[0].end() :]) if marks else (text, text)
    draft = Draft("update_event", ref=_event_ref(before))
    day = values.day(after, env.today, future=True)
    at = len(text) - len(after)
    # the day's own number is no hour ("to 16 December" is not 4 pm)
    unday = blank(text, [(at + day.start, at + day.end)]) if day else text
    clock = find_time(unday[at:], loose=True)
    if day:
        draft.relative["day"] = day.day
    if _SAME_TIME.search(text):
        pass  # "… same time": the time it has now is kept
    elif shift := shift_by(text):
        draft.relative["shift"] = shift  # "push it back an hour"
    elif clock:
        draft.relative["time"] = clock.at
        said = unday[at + clock.start : at + clock.end]
        if not _HALF_FIXED.search(said) and not _HALF_SAID.search(unday[at:]):
            # "move dinner to 7.30": the half of the day the event has (planner)
            draft.relative["either_half"] = True
    elif (hour := bare_hour(unday)) is not None:
        draft.relative["time"] = hour
        # (the half said after the change, not in the event's name: "trivia night to 8")
        if either_half(unday) and not _HALF_SAID.search(unday[at:]):
            draft.relative["either_half"] = True  # ("make it 7.30": either half, planner)
    if m := re.search(r"\b(?:rename|call|title)\b.*?\b(?:to|it)\s+(.+)$", text, _I):
        draft.put("title", tidy(m[1]))
    moved = SHIFT.search(text)  # ("3 days earlier" moves it: no reminder lead)
    lead = values.lead_minutes(blank(text, [moved.span()]) if moved else text)
    if lead:
        draft.put("reminder_minutes", int(lead.value))
    if named := _NEW_PLACE.search(text):  # "change the place on that one to Cable Beach"
        draft.put("location", capitalise(squash(named[1]))[:200])
        # the event is named around the words, not after the first "to"/"for"
        said = text[: named.start()] + " " + text[named.start() : named.start(1)]
        draft.ref = _event_ref(_PLACE_WORDS.sub(" ", said))
        if not re.search(r"\b(?:move|moved|moving|shift|shifted)\b", text, _I):
            draft.relative.clear()  # the day or time said is the event's, to find it
    elif _PLACE_NOT.search(text) and (where := _venue(text)):
        draft.put("location", where)  # "... on sunday is at the showgrounds not the oval"
        draft.relative.clear()  # the day said is the event's, to find it
    elif not (day or clock or draft.relative or draft.args) and (where := _venue(text)):
        draft.put("location", where)  # "the meetup has moved to the Bourke library"
    draft.missing = None if draft.relative or draft.args else "changes"
    return draft


_VENUE = re.compile(
    r"\b(?:moved|move it|moving|shifted|relocated|changed|is now|now|is|are|'s)\s+"
    r"(?:actually\s+|really\s+)?(?:to|at|over to|in)\s+"
    r"(?:the\s+)?(.+?)(?:,?\s+not\s+(?:at\s+|in\s+)?(?:the\s+)?\S.*)?\s*[.!]*$",
    _I,
)


_PLACE_NOT = re.compile(r"\b(?:at|in)\s+\S.*\bnot\s+(?:at\s+|in\s+)?(?:the\s+)?[a-z]", _I)
_PLACE_WORDS = re.compile(
    r"\b(?:change|set|update|make|switch|place|location|venue|spot|where|to|for|on|of)\b", _I
)
_NEW_PLACE = re.compile(
    r"\b(?:change|set|update|make|switch)\s+the\s+(?:place|location|venue|spot|where)"
    # (the event named after it, in a few words: "of that one", "for fridays dinner")
    r"(?:\s+(?:on|of|for)(?:\s+[\w'-]+){1,5}?)?"
    r"\s+to\s+(?:the\s+)?(.+?)\s*[.!?]*$",
    _I,
)


def _venue(text: str) -> str | None:
    m = _VENUE.search(text)
    return capitalise(squash(m[1]))[:200] if m else None


def delete_event(text: str, env: Env) -> Draft:
    return Draft("delete_event", ref=_event_ref(text))
