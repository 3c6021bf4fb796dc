"""Arguments of the task tools. "Remind me to X" without a date or time is a task."""

from __future__ import annotations

import re

from agent.brain import values
from agent.brain.convo import Env
from agent.brain.draft import Draft, Ref, blank, tidy
from agent.brain.pick import explicit_id, ordinal, ref_words
from agent.brain.textutil import capitalise, squash

_I = re.IGNORECASE
_TASK_LEAD = (
    r"remind me to|remind us to|remind me|don't let me forget to|dont let me forget to|remember to"
    r"|add|put|create|new|make|a|an|the|task|tasks|to-?do|todo|to do|to|on|my|our|list|i need to"
    r"|we need to|i have to|we have to|i must|i should|need to|have to|called|please|due|by"
    r"|jobs? list|job|before|until|till|no later than"  # "…before the end of May": its day
    # "I must not forget to …", "we mustn't forget to …", "I should not forget to …"
    r"|(?:i|we) (?:must|should|need to|have to)(?: not|n't) forget to|(?:i|we) mustn't forget to"
    r"|(?:i|we) (?:must|should|need to|have to) remember to|must not forget to|mustn't forget to"
)


def add_task(text: str, env: Env) -> Draft:
    draft = Draft("add_task")
    day = values.day(text, env.today, future=True)
    rest = blank(text, [(day.start, day.end)]) if day else text
    if day:
        draft.put("due_date", day.day.isoformat())
    # "priority" as typed in a hurry ("priortiy", "prio"); "no hurry" is "no rush"
    prio = r"(?:pr\w*rit\w*|prio\w*)"
    # "!high", "!urgent", "!low": a priority tagged as in a to-do app
    high = (
        rf"\b(?<!not )(?<!not very )(?<!not that )"
        rf"(?:urgent|asap|important|(?:high|top) {prio}|critical|(?<=!)high)\b"
    )
    # ("not urgent", "not important", "not a priority": said of the job, low)
    low = (
        rf"\b(?:low {prio}|no (?:rush|hurry)(?: at all)?|whenever|someday|eventually|(?<=!)low"
        rf"|not (?:very |that |too |super )?(?:urgent|important|critical|a {prio}))\b"
    )
    if re.search(high, text, _I):
        draft.put("priority", "high")
        rest = re.sub(high, " ", rest, flags=_I)
    elif re.search(low, text, _I):
        draft.put("priority", "low")
        rest = re.sub(low, " ", rest, flags=_I)
    rest = re.sub(
        r"\b(?:to|on|in)\s+(?:my|the|our)\s+(?:to-?do|todo|task|jobs?)\s*(?:list)?",
        " ",
        rest,
        flags=_I,
    )
    rest = re.sub(
        r"(?:[\s,]+(?:fr|pls|plz|please|thanks|thx|ta|lol|mate|ok))+[\s.!]*$", "", rest, flags=_I
    )
    title = tidy(re.sub(r"\s+", " ", rest), _TASK_LEAD)
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
