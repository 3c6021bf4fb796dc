"""A sentence of small talk before the request ("Bit of a scorcher today, phew." is no
weather question; "The kids loved it." is no record): it asks for nothing and names
nothing the request needs, yet its words pull the reading elsewhere (the wind to the
weather, the drive to trips). It is set aside before reading when it holds no figure, no
day or time, no name (a capital past its first word), no money or record verb, no question
and no request, and the request after it does not point back at it ("… fix it").

Only leading sentences are looked at, so a request's own details after it stay."""

from __future__ import annotations

import re

MAX_ASIDE = 2  # leading sentences looked at
_SENTENCE = re.compile(r"(?<=[a-z'][.!])\s+(?=\S)|(?<=[a-z'])\s*[.!]\s*\n\s*")
_DIGIT = re.compile(r"\d|\$")
_NUMBER_WORD = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|half|couple|few)\b",
    re.IGNORECASE,
)
_WHEN = re.compile(
    r"\b(?:today|tonight|tomorrow|tmrw|yesterday|morning|arvo|afternoon|evening|night|noon"
    r"|midday|midnight|week|weekend|wknd|fortnight|month|year|ago|o'?clock|[ap]\.?m"
    r"|(?:mon|tues|tue|wednes|wed|thurs|thu|fri|satur|sat|sun)(?:day)?s?"
    r"|jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|christmas|easter|birthday|anniversary)\b",
    re.IGNORECASE,
)
# What makes a statement a record or a request by itself: money, work done, a need.
_ASKS = re.compile(
    r"\b(?:spent|spend|paid|pay|bought|buy|cost|costs|charged|earned|got paid|sold|owe|owed"
    r"|filled|fuelled|refuell?ed|topped up|serviced|service|fixed|replaced|fitted|repaired"
    r"|done|new|broke|broken"
    r"|booked|book|need|needs|needed|want|wants|wanna|gotta|have to|has to|must|should we"
    r"|out of|ran out|run out|running low|remind|remember|forgot|forget|please|pls|plz"
    r"|can you|could you|would you|will you|let me|tell me|show me|add|log|save|post|share"
    r"|delete|cancel|change|move|plan|help|list|budget|tyres?|odo|kms?|litres?|miles?"
    r"|psi|kpa|rego|insurance|income|expense|shopping|pantry|calendar|task|to-?do|group"
    r"|feed|profile|trip|leg|heading|going|leaving|staying|arrive|arriving|off to"
    # a job's weight, said only of a job: "low priority one, no rush."
    r"|priority|prio)\b",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"^\s*(?:what|when|where|which|who|how|why|is|are|do|does|did|any)\b", re.I)
_CLAUSE = re.compile(r"[,;:]\s|\s(?:and|then|[-–—])\s", re.IGNORECASE)
_SELF = {"I", "I'm", "I've", "I'd", "I'll", "PAM", "Pam"}
# A request that points at what was said before it: "… can you fix it", "… log that"
# (not a subject, "it was $52", nor "made it to", nor naming: "call it Lake Bell").
_POINTS_BACK = re.compile(
    r"(?<!\bmade )(?<!\bmake )(?<!\bmaking )(?<!\bcall )(?<!\bname )"
    r"\b(?:it|them|those|these|him|her)\b"
    r"(?!\s+(?:was|is|'s|were|are|will|would|has|had|being)\b)"
    r"|(?<!\bbefore )(?<!\bafter )(?<!\bthan )"
    r"(?<!\blike )\b(?:that|this)\b(?!\s+(?:one|month|week|year|time|morning|arvo|evening)\b)"
    r"(?=\s*(?:[.!?,]|$|\s+(?:in|on|down|up|to|for|as|please)\b))",
    re.IGNORECASE,
)


def _asks_nothing(sentence: str) -> bool:
    words = sentence.split()
    if len(words) < 2 or "?" in sentence or _QUESTION.match(sentence):
        return False
    if any(w[:1].isupper() and w.strip(".,!;'") not in _SELF for w in words[1:]):
        return False  # a name: a place, a person, a thing called so
    return not (
        _DIGIT.search(sentence)
        or _NUMBER_WORD.search(sentence)
        or _WHEN.search(sentence)
        or _ASKS.search(sentence)
    )


def set_aside_preamble(text: str) -> str:
    """The message without the small talk that opens it, when a request follows that does
    not point back at it; else as it is."""
    parts = _SENTENCE.split(text, maxsplit=MAX_ASIDE)
    kept = 0
    while kept < min(MAX_ASIDE, len(parts) - 1) and _asks_nothing(parts[kept]):
        kept += 1
    if not kept:
        return text
    rest = " ".join(parts[kept:])
    # (in its first clause: "save X as a campsite, and share it" points at its own X)
    if _POINTS_BACK.search(_CLAUSE.split(rest, maxsplit=1)[0]):
        return text
    return rest
