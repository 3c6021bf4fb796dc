"""Arguments of the task tools. "Remind me to X" without a date or time is a task."""

from __future__ import annotations

import re

from agent.brain import repeats, values
from agent.brain.convo import Env
from agent.brain.draft import Draft, Ref, blank, tidy
from agent.brain.pick import explicit_id, ordinal, ref_words
from agent.brain.textutil import capitalise, squash
from agent.brain.times import find_time

_I = re.IGNORECASE
_TASK_LEAD = (
    r"remind me to|remind us to|remind me|don't let me forget to|dont let me forget to|remember to"
    r"|add|put|create|new|make|a|an|the|task|tasks|to-?do|todo|to do|to|on|my|our|list|i need to"
    r"|we need to|i have to|we have to|i must|i should|need to|have to|called|please|due|by"
    r"|jobs? list|job|before|until|till|no later than"  # "…before the end of May": its day
    r"|as|i need|we need|need|gotta|i gotta|we gotta|got to|i've got to|we've got to"
    # "I must not forget to …", "we mustn't forget to …", "I should not forget to …"
    r"|(?:i|we) (?:must|should|need to|have to)(?: not|n't) forget to|(?:i|we) mustn't forget to"
    r"|(?:i|we) (?:must|should|need to|have to) remember to|must not forget to|mustn't forget to"
    # "put down 'call the insurance' for tomorrow", "jot down ring the bank"
    r"|(?:put|jot|write|pencil|note|scribble) (?:down|in)|down"
)


# "…, stick that on my jobs list as urgent": the ask after what to do, which points back
_POINTER_ASK = re.compile(
    r"[,;.]?\s*(?:and\s+)?(?:can you\s+|could you\s+|please\s+)?"
    r"(?:stick|put|pop|chuck|add|whack|throw|bung|jot|note|write|make)\s+(?:that|it|this)\b.*$",
    _I,
)
# The words that lead into a day ("sometime in the next month", "within the week").
_LEAD_IN = re.compile(
    r"(?:\b(?:sometime|some time|anytime|any time|in|within|during|over|by|on|before|of"
    r"|the|this)\s+)+$",
    _I,
)


_DEGREE = r"(?:fairly|pretty|quite|very|really|rather|kinda|kind of|a bit|somewhat|super)"


def add_task(text: str, env: Env) -> Draft:
    draft = Draft("add_task")
    if (ask := _POINTER_ASK.search(text)) and tidy(text[: ask.start()], _TASK_LEAD):
        after = re.sub(r"^.*?\b(?:that|it|this)\b", "", ask[0], count=1, flags=_I)
        text = text[: ask.start()] + " " + after  # "… on my jobs list as urgent" still says how
    day = values.day(text, env.today, future=True)
    start = day.start if day else 0
    if day and (lead_in := _LEAD_IN.search(text[: day.start])):
        start = lead_in.start()
    rest = blank(text, [(start, day.end)]) if day else text
    if repeat := repeats.said(rest):
        rest = blank(rest, [repeat.span()])  # one task, said so (no tool repeats a row)
        draft.note = repeats.note(None, task=True)
    if day:
        draft.put("due_date", day.day.isoformat())
        # a task keeps a day, not a time (TOOLS.md): "due friday around 9" leaves no "around 9"
        if clock := find_time(rest, loose=True):
            rest = blank(rest, [(clock.start, clock.end)])
    if said := values.priority(text):
        draft.put("priority", said[0])
        # ("fairly urgent", "pretty important": the word of degree goes with it)
        rest = re.sub(rf"\b{_DEGREE}\s+(?={said[1].pattern})", " ", rest, flags=_I)
        rest = said[1].sub(" ", rest)
    rest = re.sub(
        r"\b(?:to|on|in)\s+(?:my|the|our)\s+(?:to[- ]?do|todo|task|jobs?)\s*(?:list)?",
        " ",
        rest,
        flags=_I,
    )
    rest = re.sub(
        r"(?:[\s,]+(?:fr|pls|plz|please|thanks|thx|ta|lol|mate|ok))+[\s.!]*$", "", rest, flags=_I
    )
    # "…, don't log any money yet": what not to do is no part of what to do
    rest = re.sub(
        r"[,;]\s*(?:but\s+)?(?:don'?t|do not|no need to|never mind)\b.*$", "", rest, flags=_I
    )
    # "… for tmrw": the day is read, the word that led to it is left dangling
    # ("…, until 20.10., it is important": the deadline's word and the priority's "it is"
    # are left dangling once the day and the priority are read)
    rest = re.sub(
        r"(?:[\s,]+(?:for|by|on|due|until|till|til|it is|it's|its|that's|this is))+[\s,.!]*$",
        "",
        rest.rstrip(),
        flags=_I,
    )
    # "put a task in to check the tyres", "pop a to-do in for the gutters": a row put in,
    # then what it is for (the particle "in" would otherwise open the title)
    rest = re.sub(
        r"^\W*(?:(?:please|pls|and|also|just|can you|could you)\s+)*"
        r"(?:(?:put|pop|stick|chuck|bung|throw|slot|whack|add|make)\s+)?"
        r"(?:a|an|new|another)\s+(?:to-?do|todo|task|job|reminder)\s+in\s+(?:to|for)\s+",
        "",
        rest,
        flags=_I,
    )
    # "and another one to check the struts": another row of the kind just made, then what
    rest = re.sub(
        r"^\W*(?:(?:and|also|oh|ok|okay)\s+)*(?:another(?: one)?|one more)\s*(?:to|for|:|-|,)\s*",
        "",
        rest,
        flags=_I,
    )
    lead = _TASK_LEAD
    if re.match(
        r"\W*(?:add\s+|put\s+|make\s+)?(?:a|an|new)\s+(?:to-?do|todo|task|job)\s+for\b", rest, _I
    ):
        lead += r"|for"  # "a to-do for the rego": the rego is what it is about
    title = tidy(re.sub(r"\s+", " ", rest), lead)
    if quoted := re.search(r"(?:^|\s)['\"](.+?)['\"](?=\s|$|[,.!?])", rest):
        title = capitalise(squash(quoted[1]))  # "chuck 'fix the step' on the list": its words
    draft.put("title", title[:200] or None)
    draft.missing = None if title else "title"
    return draft


def list_tasks(text: str, env: Env) -> Draft:
    draft = Draft("list_tasks")
    if re.search(r"\b(?:all|everything|including|as well as|both)\b", text, _I):
        draft.put("status", "all")  # "everything, including the done stuff"
    elif re.search(r"\b(?:done|completed|finished|(?:ticked|knocked|crossed) off)\b", text, _I):
        draft.put("status", "done")
    return draft


def complete_task(text: str, env: Env) -> Draft:
    extra = r"tasks?|to-?dos?|jobs?|tick|check|cross|finished|completed|did|i've|we've|with"
    ref = Ref("task", "task_id", ordinal(text), ref_words(text, extra), explicit=explicit_id(text))
    return Draft("complete_task", ref=ref)
