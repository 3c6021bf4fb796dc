"""All trigger phrases, scored: the highest score wins, the earlier rule on a tie. Feature
rules (an amount, litres, a date) live in intents.py."""

from __future__ import annotations

import re

from agent.brain.triggers_social import SOCIAL
from agent.brain.triggers_wheels import WHEELS
from agent.brain.triggers_wins import WINS
from agent.brain.triggers_you import YOU

_I = re.IGNORECASE
COMPILED = [(tool, score, re.compile(p, _I)) for tool, score, p in (*SOCIAL, *WINS, *WHEELS, *YOU)]

_MAINT = (
    r"service|serviced|servicing|oil change|oil and filter|oil|tyres?|tires?|filters?|brake pads?"
    r"|brakes|wheel bearings?|bearings|timing belt|cambelt|coolant|transmission|grease|wipers?"
    r"|wheel alignment|alignment|rotation|battery|batteries|shocks|suspension|diff oil"
    r"|spark plugs|belts?"
    r"|roadworthy|inspection|rotated|balanced"
    # the periodic checks a vehicle must pass, as other countries name them (NZ, UK, US, NSW)
    r"|wof|warrant of fitness|mot|cof|rwc|smog check|safety check|pink slip|blue slip"
)
MAINT_ITEM = re.compile(rf"\b(?:{_MAINT})\b", _I)
MAINT_DONE = re.compile(
    r"\b(?:done|did|had|got|changed|replaced|fitted|completed|log|logged|record|serviced|"
    r"rotated|balanced|aligned|topped|put on|maintenance)\b|\bnext (?:one )?(?:is )?due\b",
    _I,
)
REF = re.compile(
    r"\b(?:that|it|this|the last one|that one|this one|the one|last one|previous one|the last)\b"
    r"|\b(?:the|that|this)\s+(?:[\w$.']+\s+){0,2}one\b"
    r"|\bthe (?:first|second|third|fourth|fifth|last|latest|previous|newest|top)\b"
    # one row of those just shown: "ditch one of them", "the other one", "the duplicate"
    r"|\bone of (?:them|those|these|'?em|the two)\b|\b(?:either|the other) one\b"
    r"|\bthe (?:duplicate|double|extra one|copy)\b",
    _I,
)
SPEND = re.compile(
    r"\b(?:spent|spend|paid|pay|bought|buy|purchased|purchase|cost|costs|costing|charged|forked"
    r" out|splurged|shelled out|blew|dropped|splashed out|expense|log|add|record|put)\b",
    _I,
)
FILL = re.compile(
    r"\b(?:filled|fuelled|fueled|topped) (?:up|her up|it up|the tank)\b|\bfill(?:ed)? (?:up )?the "
    r"tank\b|\bfuel ?up\b|\blog (?:a )?(?:fuel|fill)|\b(?:put|got|bought) .{0,15}\b(?:in(?:to)? "
    r"the tank|of (?:diesel|petrol|fuel|unleaded))\b|\bfill[- ]?up\b",
    _I,
)
