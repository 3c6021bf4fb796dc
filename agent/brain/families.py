"""Word families the tool choice reads by meaning, written once so that a synonym known to
one rule is known to every rule of that meaning (before, each trigger kept its own list,
and "nuke the coffee" was a delete to one rule and a purchase to another)."""

from __future__ import annotations

# Taking a row away: an expense, an event, a list item.
DELETE = (
    r"delete|remove|scrap|cancel|undo|erase|get rid of|bin|trash|drop|wipe|ditch|axe|nix"
    r"|scratch|kill|knock off|nuke|zap|toss|junk|strike|rub out|wipe out|chuck out|dump"
)
# Moving an event to another time.
MOVE = (
    r"move|reschedule|change|push|shift|bring forward|postpone|delay|update|prepone|move up"
    r"|push back|put back|pull forward|move forward|bring back|put off"
)
# The nouns a group of people goes by when it is named: "the Grey Nomads WA mob", "my crew
# in Kimberley Crew", "the quilting club".
GROUP = r"group|mob|crew|gang|bunch|tribe|club|circle"
GROUPS = r"groups?|mobs|crews|clubs|communities|circles"
# Putting something on a list, a calendar or a record: "pop a reminder in for …", "jot down
# …", "chuck … on the list".
PUT = (
    r"add|put|pop|stick|chuck|jot|whack|pencil|slot|enter|note|book|schedule|set up"
    r"|adding|putting|popping|sticking|chucking|jotting|whacking|pencilling|penciling|slotting"
    r"|entering|noting|booking|scheduling|setting up"
)
# What the shopping list goes by: "the shopping list", "the supplies list", "the shops list".
SHOPPING = r"shopping|grocery|groceries|supplies|supply|shops?|provisions|to-?buy"
# What the list of jobs goes by: "my to-do list", "the jobs list", "the chores list".
JOBS = r"tasks?|to-?dos?|todo|jobs?|chores?|errands?"
# After "what's on": a thing named that is no time nor the calendar ("what's on my feed",
# "what's on the telly tonight") says where to look; the calendar's things are bare or of a
# time ("what's on the weekend", "on my plate", "on the 14th"). A negative lookahead.
NOT_ON_A_THING = (
    r"(?!\s+(?:my|the|our|your|this|that|their|his|her)\s+(?!(?:calendar|diary|schedule"
    r"|agenda|plate|cards|radar|books|weekend|long weekend|week|fortnight|month|year|day"
    r"|days|morning|arvo|afternoon|evening|night|holidays?|school holidays|public holiday"
    r"|next|last|first|coming|rest|other|\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)\w)"
)
