"""Arguments of review_join_requests: which of the owner's groups the message names, if
any. The brain lists the pending requests; deciding one needs its id from that list,
which a person does in the app (the call takes the id, not a name)."""

from __future__ import annotations

import re

from agent.brain.convo import Env
from agent.brain.draft import Draft
from agent.brain.slots_social import previous_group
from agent.brain.textutil import squash

# "requests for the Gibb River Crew", "anyone want into my Grey Nomads group": a name as
# written (capitalised words), after a preposition or a possessive, before "group" or the end.
_NAMED = re.compile(
    r"\b(?:for|to|in|into|on|join)\s+(?:the|my|our)?\s*"
    r"((?-i:[A-Z][\w'&-]*(?:\s+(?:of\s+|the\s+|&\s+)?[A-Z0-9][\w'&-]*){0,4}))",
    re.IGNORECASE,
)
_LOWER_GROUP = re.compile(r"\b(?:the|my|our)\s+([\w'&-]+(?:\s+[\w'&-]+){0,3}?)\s+group\b", re.I)
# ... or typed in lower case to the end: "any join requests waiting on homeschool on wheels"
_LOWER_TAIL = re.compile(
    r"\b(?:requests?|waiting|asked|asking|want(?:s|ing)?)\s+(?:to join\s+|(?:for|on|in|into)\s+)"
    r"(?:the\s+|my\s+|our\s+)?([a-z][\w'&-]*(?:\s+[\w'&-]+){0,4}?)(?:\s+group)?\s*"
    r"(?:pls|please|yet|at the moment|atm)?[?.!]*$",
    re.I,
)
_VAGUE = {"a", "the", "this", "that", "it", "my", "our", "new", "private", "there", "me", "us"}
_VAGUE |= {"group", "my group", "our group", "join", "yet", "it yet"}
# A pointer at a group the conversation named ("for it", "join it", "that group").
_POINTED = re.compile(
    r"\b(?:for|to|in|into|on|join)\s+(?:it|that(?: one| group)?|this(?: one| group)?"
    r"|the (?:new )?group|there)\b",
    re.I,
)


def review_join_requests(text: str, env: Env) -> Draft:
    draft = Draft("review_join_requests")
    m = _NAMED.search(text) or _LOWER_GROUP.search(text) or _LOWER_TAIL.search(text)
    name = squash(m[1]) if m else ""
    name = re.sub(r"\s+group$", "", name, flags=re.IGNORECASE)
    if name and name.lower() not in _VAGUE:
        draft.put("group", name[:100])
    elif _POINTED.search(text):
        # "any join requests for it?" after the group was made or shown: that group
        draft.put("group", previous_group(env))
    return draft
