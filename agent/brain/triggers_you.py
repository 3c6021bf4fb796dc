"""Trigger phrases of the you tools: (tool, score, pattern), see triggers.py."""

from __future__ import annotations

import re

from agent.brain.families import DELETE, JOBS, MOVE, NOT_ON_A_THING, SHOPPING

# Words that join a command to the message before it: "and remember …", "oh, also note …".
_JOINED = r"(?:(?:and|also|oh|ok|okay|plus|then|pls|please|right)\b[\s,]*)*"
_ADD = r"add|put|pop|stick|chuck|bung|whack|jot|lock in|schedule|book|set up|make|create|pencil"
_ADD += r"|block out|block off|reserve"
_CAL = r"calendar|appointment|event|meeting|booking|diary"
# ("my list of jobs", "the freezer list": "list" is a noun there, not the verb)
_NOUN_LIST = "".join(
    f"(?<!{w} )" for w in ("pantry", "freezer", "fridge", "cupboard", "shopping", "grocery", "task")
)
_LOOK = rf"what(?:'s| is)|show|check|any|{_NOUN_LIST}list(?! of)|see|view|read"
_MOVE = MOVE
_EVENTS = r"event|appointment|appt|meeting|booking|reminder|dentist|doctor'?s?|vet|physio"
_EVENTS += r"|haircut|dinner|lunch|party|flight|ferry|tour|check[- ]?in|catch[- ]up|visit"
_EVENTS += r"|meet-?up|get-?together|fitting|class|lesson|session|workshop|trivia|bingo|rally"
_EVENTS += r"|market|game|match|service booking|inspection|consult\w*|barbecue|barbie|bbq|picnic"
_EVENTS += r"|hairdresser|massage|optometrist|optician|podiatrist|chiro|audiologist|specialist"
_EVENTS += r"|drinks|sundowners|happy hour|birthday|show|concert"
_DROP = DELETE + r"|clear|call off|take out|take off"
_TASK_WORDS = r"task|to-?do|todo|jobs? list"
_TASKS = r"tasks|to-?dos?|to-?do list|jobs"
_HAVE = r"add|put|got|have|bought|stock|stocked|picked up|there's|there is|there are"
_STORE = r"pantry|cupboard|fridge|freezer"
_OFF = r"expir\w+|use[- ]by|best before|go(?:es|ing)? (?:off|bad|mouldy|stale)|out of date|spoil\w*"
# how long a thing keeps, said of it: "it is good until 1.6.2027", "they keep till Friday"
_OFF += r"|\bgood (?:until|till|til|thru|through)\b|\bkeeps? (?:good )?(?:until|till|til)\b"
# "going off" said of creatures, a crowd or a device is noise, not food spoiling: "the
# kookaburras are going off", "the pub was going off", "my phone keeps going off"
_LIVELY = (
    r"\b(?:birds?|kookaburras?|galahs?|cockatoos?|cockies|corellas?|crows?|magpies?|roosters?"
    r"|chooks?|frogs?|cicadas?|crickets?|dogs?|kids|crowd|party|pub|alarms?|phones?|fireworks"
    r"|smoke alarm|the footy)\b[^.,;!?]{0,25}?\b(?:go(?:es|ing)?|went|gone) off\b"
)
# a quantity that makes "need a …" a purchase: "need a loaf of bread", "a dozen eggs"
_MEASURE = (
    r"loaf|dozen|bag|bottle|packet|pack|tin|can|jar|box|carton|tub|block|bunch|kilo|litre"
    r"|couple|few|roll|slab|case|sack|tray"
)
# One thing wanted now, with no list named: "need a coffee", "could murder a beer", "I could
# use a nap" ask for nothing to be bought (a measure makes it a purchase: "need a dozen eggs").
A_WANT = re.compile(
    r"\b(?:need|could use|could murder|dying for|gagging for|keen for|want) an? "
    rf"(?!(?:{_MEASURE})\b)"
    r"(?!.*\b(?:list|shop|shops|shopping|supermarket|woolies|coles|aldi)\b)",
    re.IGNORECASE,
)
_LOW = r"out of|low on|running low on|running out of|nearly out of|almost out of"
_LIST = SHOPPING
_UNITS = r"miles|imperial|metric|kilomet\w*|kms|units|currency|time ?zone"
_PETS = r"dogs?|cats?|pets?|kelpie|puppy|birds?"
_BREEDS = (
    r"terriers?|poodles?|spaniels?|labradors?|retrievers?|collies?|kittens?|pups?|cavoodles?"
    r"|groodles?|jack russells?"
)
# Someone else's pet, told in a story: "Margaret next door had a spaniel called Biscuit",
# "the couple beside us have a kelpie named Red" (theirs, nothing of the user's profile).
OTHERS_PET = (
    r"(?:\b(?-i:[A-Z][a-z]+)(?:\s+next door)?|\b(?:next door|neighbou?rs?|mates?|friends?"
    r"|couple|family|bloke|lady|fella|guy|sister|brother|son|daughter|mum|dad|he|she|they))"
    rf"\s+(?:(?:next door|beside us|across the way|over the road)\s+)?(?:had|has|have|'s got"
    rf"|'ve got|owns?|owned|brought)\s+(?:a|an|two|2)\s+(?:\w+\s+){{0,3}}?(?:{_PETS}|{_BREEDS})"
    r"\s+(?:called|named)\b"
)
_DIARY = r"calendar|cal|schedule|diary|appointments|events"
_WE = r"we'?re|i'?m|we are|i am"
_MONIES = r"euros?|us dollars?|nz dollars?|pounds|usd|nzd|gbp|eur|cad|aud|aussie dollars?|yen"
_SWITCH = r"switch|set|put|change|move"
_SHOW_IN = r"show|see|prefer|switch|use|change|display|prices|amounts"
_NOTE = r"remember|note|don'?t forget|keep in mind|make a note|fyi|for future reference"
_WHEN = r"today|tonight|tomorrow|this|next|the weekend|monday|tuesday|wednesday|thursday|friday"
_WHEN += r"|saturday|sunday|the \d+\w*"
_BARE = r"\s*(?:pls|please|thanks|now)?\s*[?!.]*$"  # a list named alone: show it
_BUY = r"buy|get|grab|pick up|shop for"
# whose calendar: the user's, or one they keep for someone ("take it off nan's calendar")
_WHOSE = r"my|the|our|her|his|their|\w+'s"
_OFF_CAL = rf"off (?:{_WHOSE}) (?:calendar|cal|diary|schedule)"

YOU: list[tuple[str, int, str]] = [
    ("create_event", 8, rf"\b(?:{_ADD})\b.{{0,50}}\b(?:{_CAL})\b"),
    ("list_events", 8, rf"\b(?:{_LOOK})\b.{{0,25}}\b(?:{_DIARY})\b"),
    # (not of a thing named after it, "what's on my feed", "what's on the jobs list")
    (
        "list_events",
        8,
        r"\bwhat(?:'s| is| have i got| do i have| have we got| do we have) on\b" + NOT_ON_A_THING,
    ),
    ("list_events", 8, r"\bwhat(?:'s| is) coming up\b|\bam i (?:free|busy)\b"),
    # "what do I have on tomorrow", and as an indirect question or a learner says it: "tell
    # me what I have tomorrow", "what we have got on Friday"
    (
        "list_events",
        8,
        r"\bwhat (?:do |did |will )?(?:i|we) (?:have|'ve|have got|got)(?: got)?(?: on)?"
        r" (?:for )?(?:today|tomorrow|tonight|this|next|(?:on )?(?:the )?(?:\d+\w*|weekend"
        r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day))\b",
    ),
    # a day gone by, with "on" (which a meal never has): "what did we have on last friday",
    # "what did I have on yesterday" ("what did we have yesterday" may be a meal); explicit,
    # as the classifier reads a day gone by as money
    (
        "list_events",
        9,
        r"\bwhat (?:did|had) (?:i|we) (?:have |got |had )?(?:got )?on (?:for )?(?:yesterday"
        r"|last \w+|the day before|(?:on )?(?:the )?(?:\d+\w*|(?:mon|tues|wednes|thurs|fri|satur"
        r"|sun)day))\b",
    ),
    ("list_events", 8, r"\bmy (?:calendar|diary)\b"),
    # (and else on the day the talk is about: "is there something else on that day?")
    (
        "list_events",
        8,
        rf"\b(?:anything|something|much|what) (?:else )?on (?:{_WHEN}|that day|the same day"
        r"|that date|the day)\b",
    ),
    ("list_events", 8, r"\b(?:have|do) (?:i|we) (?:got )?(?:anything|something|much) on\b"),
    ("update_event", 8, rf"\b(?:{_MOVE})\b.{{0,30}}\b(?:{_EVENTS})\b"),
    # a reminder added to an event named as one already kept — by its day's possessive
    # ("Friday's dentist", "tomorrow's markets") — with no clock time of its own: the event
    # is changed, not made again ("for Sunday's Rotary BBQ, add a reminder an hour before")
    (
        "update_event",
        10,
        r"^(?!.*\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b)(?!.*\b\d{1,2}:\d\d\b)"
        r"(?=.*\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tonight)'s\s+\w)"
        r".*\b(?:add|set|put|give|stick|pop|attach)\s+(?:me\s+)?(?:a|an)\s+reminder\b",
    ),
    ("update_event", 8, r"\brename\b.{0,40}\bto\b"),
    # a time said to be no longer so: "the tour is not at 10 anymore", "…, they moved it to 2pm"
    (
        "update_event",
        9,
        r"\b(?:is|are|'s|'re) (?:not|no longer) (?:at|on)\b.{1,25}?\b(?:anymore|any more)\b"
        r"|\b(?:changed|moved|pushed|shifted|put) (?:it|that|this) (?:back |forward )?(?:to|till"
        r"|until) (?:\d|noon|midday)",
    ),
    # a correction of a planned event's place: "the markets on sunday is at the showgrounds
    # not the oval"
    (
        "update_event",
        9,
        rf"\b(?:{_EVENTS})s?\b.{{0,40}}\b(?:is|'s|are) (?:now |actually |really )?(?:at|in) "
        r".{1,40}?,? not (?:at |in )?\w",
    ),
    # (not "delete that £22 for the ferry": money named is an expense's)
    (
        "delete_event",
        8,
        rf"\b(?:{_DROP})\b(?![^.,;]{{0,20}}[$£€]\s?\d).{{0,30}}\b(?:{_EVENTS})s?\b"
        r"|^cancel (?:the|my)\b",
    ),
    ("delete_event", 9, rf"\b(?:take|knock|strike|cross)\b.{{0,40}}\b{_OFF_CAL}\b"),
    # a thing dropped from someone's calendar: "remove the bowls thing from her cal"
    (
        "delete_event",
        9,
        rf"\b(?:{_DROP}|take)\b.{{0,40}}\b(?:out of|off|from) (?:{_WHOSE}) (?:{_DIARY})\b",
    ),
    # A request that points at what the sentences before it describe ("… has been
    # cancelled. Could you delete it from the calendar?"): the calendar and the verb say it.
    (
        "delete_event",
        9,
        rf"\b(?:{_DROP}|take)\b\s+(?:it|that|this|them)\b.{{0,12}}\b(?:out of|off|from)\b"
        rf".{{0,10}}\b(?:{_DIARY})\b",
    ),
    (
        "update_event",
        9,
        rf"\b(?:{_MOVE}|fix|amend|edit|adjust)\b\s+(?:it|that|this)\b.{{0,20}}\b(?:{_DIARY})\b",
    ),
    (
        "update_event",
        9,
        r"\b(?:change|update|move|fix)\s+the\s+(?:place|location|venue|spot)\s+(?:on|of|for)\s+"
        r"(?:that|this|it|the)\b",
    ),
    (
        "update_event",
        8,
        r"\b(?:change|update|move|fix)\s+the\s+(?:time|day|date)\s+(?:on|of|for)\s+(?:that|this"
        r"|it|the)\b",
    ),
    ("add_task", 8, rf"\b(?:add|put|create|new|make)\b.{{0,40}}\b(?:{_TASK_WORDS})\b"),
    # the list named as where it goes: "add 'check the road report' to tasks" (a "check"
    # inside the job to add asks to see nothing)
    (
        "add_task",
        9,
        rf"^(?:(?:and|also|pls|please|then|\+)\s+)*(?:add|put|pop|stick|chuck|bung)\b.{{1,60}}"
        rf"\b(?:to|on|onto|in|into) (?:the |my |our )?(?:{_TASKS}|{_TASK_WORDS})\s*[.!]*$",
    ),
    ("add_task", 8, r"^(?:task|todo|to-?do)\b|\bdon'?t let me forget to\b"),
    # a job put down in its own words, quoted or as a command: "put down 'call the insurance'
    # for tomorrow", "jot down ring the bank for friday" (money put down is an expense)
    (
        "add_task",
        8,
        r"^(?:(?:and|also|pls|please|can you|could you)\s+)*(?:put|jot|write|pencil|note|scribble)"
        r" (?:down|in)\s+(?:['\"‘“]\s*(?!\$?\d)|(?:to\s+)?(?:call|ring|phone|email|text|wash|clean"
        r"|fix|check|renew|book|pay|sort|pick up|drop off|return|post|order|service|change|replace"
        r"|buy|get|grab|organi[sz]e|chase up|follow up)\s+"
        r"(?:the|a|an|my|our|up|in|off|back|\w+'s)\b)",
    ),
    # a clause that names the thing to add after "+" or "and": "… + a task to ring the bank"
    # (as sure as a marker: "…, and a task for new wipers" is no work done on the vehicle)
    (
        "add_task",
        9,
        r"^(?:and |also |plus )?(?:a|another|new) (?:task|to-?do|job)(?: (?:to|for)\b|:)",
    ),
    ("add_task", 9, r"\b(?:add|put|create|make) (?:a |an |another |new )*(?:task|to-?do|job)\b"),
    (
        "add_task",
        8,
        r"^(?:high|low|top|urgent)(?:[- ]priority)?\s*[:-]|\b(?:high|top)[- ]priority\b",
    ),
    ("add_task", 8, r"\bremember to\b|\bremind (?:me|us) to\b"),
    ("list_tasks", 9, rf"\b(?:{_LOOK}|what are|what|which)\b.{{0,25}}\b(?:{_TASKS})\b"),
    ("list_tasks", 8, rf"\bmy (?:{_TASKS})\b"),
    ("list_tasks", 8, r"\b(?:what|show)\b.{0,30}\b(?:ticked|crossed|knocked) off\b"),
    (
        "add_task",
        9,
        r"\b(?:add|put|chuck|whack|stick|pop|bung|throw|jot)\b.{1,60}\b(?:on|to|onto)"
        r" (?:my|the|our) (?:to[- ]?do|todo|jobs?|task)(?: list)?\b"
        # "put it on my list of jobs to ring …"
        r"|\b(?:add|put|chuck|whack|stick|pop|bung|throw|jot)\b.{0,30}\b(?:on|to|onto)"
        r" (?:my|the|our)"
        r" list of (?:jobs|things to do|tasks|to-?dos)\b",
    ),
    ("list_tasks", 8, r"\bwhat do (?:i|we) (?:still )?(?:need|have) to do\b"),
    ("list_tasks", 8, r"\bwhat(?:'s| is) left to do\b"),
    (
        "list_tasks",
        8,
        r"\b(?:anything|stuff|things) (?:i|we) (?:still )?(?:need|have|gotta) to do\b",
    ),
    ("complete_task", 8, r"\b(?:mark|tick|check|cross)\b.{0,60}\b(?:done|complete\w*|off)\b"),
    # the job just told done, ticked with a pronoun: "…, you can tick it", "tick that one"
    # (as sure as any marker: the classifier, having seen "tick" little, hears no request)
    (
        "complete_task",
        9,
        r"\b(?:tick|cross)\s+(?:it|that|this|them|that one|this one)\s*(?:please|pls|now|too)?"
        r"\s*[.!]*$",
    ),
    # (a stretch of road travelled is no job: "we've done Darwin to Kakadu and back", "just
    # done 600 km")
    (
        "complete_task",
        8,
        r"\b(?:i've|i have|we've|we have|just) (?:done|finished|completed)\b"
        r"(?!\s+(?:(?:the\s+)?(?-i:[A-Z])[\w'-]*(?:\s+(?-i:[A-Z])[\w'-]*)*\s+(?:to|and back)\b"
        r"|(?:about\s+|over\s+|nearly\s+)?\d[\d,.]*\s*(?:k|km|kms|ks|kilometres|miles)\b))",
    ),
    ("complete_task", 8, r"\b(?:done|finished) with\b|\bcomplete (?:the|my|that)\b"),
    # a task named by its number ("complete task 4", "finish job #2"): an act on that row
    (
        "complete_task",
        9,
        r"\b(?:complete|finish|close|do)\s+(?:task|to-?do|job)\s+(?:number\s+|no\.?\s*|#)?\d{1,4}\b",
    ),
    ("complete_task", 8, r"\bthat'?s done\b|\bi did (?:the|it)\b"),
    (
        "add_pantry_item",
        8,
        rf"\b(?:{_HAVE})\b.{{0,50}}\b(?:{_STORE})\b|^(?!.*{_LIVELY}).*?\b(?:{_OFF})\b",
    ),
    ("add_pantry_item", 8, rf"\b(?:in|into) the (?:{_STORE})\b"),
    ("add_pantry_item", 8, r"^(?:the )?(?:pantry|cupboard|fridge|freezer)\s*[:-]"),
    ("list_pantry", 9, rf"\b(?:{_LOOK}|anything|what do)\b.{{0,30}}\b(?:{_STORE}|{_OFF})\b"),
    ("list_pantry", 9, r"\bwhat food (?:do )?(?:we|i) have\b"),
    # "what food goes bad in the next 3 days?": food asked about by when it goes off
    ("list_pantry", 9, rf"\b(?:what|which|any)\s+(?:\w+\s+){{0,3}}?(?:{_OFF})\b"),
    (
        "list_pantry",
        9,
        rf"\bwhat(?:'s| is| do| have)?\b.{{0,30}}\b(?:in|inside) the (?:{_STORE})\b",
    ),
    ("list_pantry", 9, r"\bwhat (?:food|stuff|groceries|tucker)\b.{0,15}\b(?:got|have|left)\b"),
    ("add_to_shopping_list", 8, rf"\b(?:{_LIST}) list\b|\b(?:{_WE}) (?:{_LOW})\b"),
    # "add custard and crackers to the shopping": the list named by what it is for
    (
        "add_to_shopping_list",
        8,
        r"\b(?:add|put|chuck|stick|pop|throw|bung|whack|slap)\b.{0,80}\b(?:to|on|onto)"
        r" (?:(?:the|my|our) (?:shopping|groceries)|shopping)\b"
        r"(?! (?:bill|trip|budget|money|centre|center))",
    ),
    (
        "add_to_shopping_list",
        8,
        r"\b(?:add|put|chuck|stick|pop|throw|bung|whack|slap)\b.{0,40}\bthe list\b",
    ),
    # a need said with where it goes: "the kids need school shoes on the shopping", "we need
    # gas on the list" (a statement that asks: the list named as the place for it)
    (
        "add_to_shopping_list",
        8,
        r"\b(?:need|needs|want|wants)\b.{1,60}\b(?:on|onto) (?:the |my |our )?(?:shopping|groceries"
        r"|shopping list|grocery list|list)\s*(?:too|as well|please|pls|thanks|ta)?\s*[.!]*$",
    ),
    # "need milk", "need a dozen eggs"; "need a coffee" is a want (A_WANT)
    # ("I need you to remember …", "we need someone to look at it": work asked of someone)
    (
        "add_to_shopping_list",
        8,
        r"^(?:we |i )?need (?:more |some )?(?!to\b)(?!an? )"
        r"(?!(?:you|ya|u|someone|somebody|him|her|them|us|me) to\b)\w",
    ),
    ("add_to_shopping_list", 8, rf"^(?:we |i )?need an? (?:{_MEASURE})\b"),
    # a thing needed, said with the list as its place: "I need a gas bottle refill on the
    # list", "we want dog food on the shopping" (a verb of putting left out)
    (
        "add_to_shopping_list",
        8,
        rf"^{_JOINED}(?:(?:(?:we|i)(?:'ll| will)?\s+)?(?:need|want)|(?:we|i)(?:'d| would) like)\s+"
        r"(?!(?:to|you|me|us|him|her|them)\b)"
        rf".{{1,50}}?\b(?:on|onto|to) (?:the|my|our) (?:(?:{_LIST})(?: list)?|list)\b",
    ),
    ("add_to_shopping_list", 8, rf"^(?:{_LOW})\b|\b(?:we've|i've|have) (?:run|ran) out of\b"),
    ("add_to_shopping_list", 8, r"\bneed to (?:buy|get|grab|pick up) (?:some|more)\b"),
    ("get_shopping_list", 9, rf"\b(?:{_LOOK}|get|open)\b.{{0,25}}\b(?:{_LIST}) list\b"),
    # the list named by a label, then what goes on it: "groceries: milk, eggs", "supplies - …"
    # ("groceries: 600 a month" is a budget)
    (
        "add_to_shopping_list",
        8,
        rf"^(?:the |my |our )?(?:{_LIST})(?: list)?\s*[:-]\s*"
        r"(?![$£€]?\s?\d[\d,.]*\s*(?:k\b|a\b|an\b|per\b|/|dollars|bucks|each|$))\w",
    ),
    ("get_shopping_list", 9, rf"^(?:the |my |our )?(?:{_LIST}) list{_BARE}"),
    # whether a thing is on the list, asked: "have we got bread on the list?"
    (
        "get_shopping_list",
        9,
        r"^(?:(?:and|so|hey|oh)\s+)*(?:is|are|have (?:we|i) got|do (?:we|i) have|did (?:we|i) put"
        rf"|got)\b.{{1,40}}\b(?:on|in) (?:the|my|our) (?:(?:{_LIST}) )?list\b",
    ),
    ("list_tasks", 9, rf"^(?:the |my |our )?(?:{JOBS}) list{_BARE}"),
    # a list named, then what goes on it: "jobs list: grease the hitch", "chores - …"
    ("add_task", 9, rf"^(?:the |my |our )?(?:{JOBS})(?: list)?\s*[:-]\s*\w"),
    ("list_events", 9, rf"^(?:the |my |our )?(?:calendar|diary|schedule){_BARE}"),
    (
        "get_shopping_list",
        9,
        rf"\bwhat (?:else )?(?:do|should|must) (?:we|i) (?:need|have) to (?:{_BUY})\b",
    ),
    ("get_shopping_list", 9, r"\bwhat (?:do|else do) (?:we|i) need\s*\??$"),
    # "whats left on my list", "anything remaining on the list?": a list of no kind named, with
    # what is left on it, is what is left to buy (tasks are "left to do", "my jobs"; "what's
    # still on my list" is the to-dos still open, as a development author meant it)
    (
        "get_shopping_list",
        9,
        r"\b(?:what(?:'?s| is)?|anything|something|is there (?:anything|much))\s+(?:else\s+)?"
        r"(?:left|remaining)\s+(?:(?:to get|to buy)\s+)?(?:on|in)\s+(?:my|the|our)\s+list\b"
        r"(?!\s+of\b)",
    ),
    ("get_shopping_list", 9, r"\bwhat do (?:we|i) need (?:from|at) the (?:shops?|supermarket)\b"),
    ("update_profile", 8, r"\bcall me\b|\bmy name(?: is|'s)\b|\bhome base\b|\btravel style\b"),
    ("update_profile", 8, r"\b(?:change|set|update) my (?:display )?name\b"),
    # a profile field set to a value: "set my pets to one dog", "change our units to imperial"
    # (as sure as "update my profile": "update our pets to 2 budgies" is no expense's amount)
    (
        "update_profile",
        9,
        r"\b(?:set|change|update|make|switch|put)\s+(?:my|our)\s+(?:pets?|display name|name"
        r"|home ?base|currency|units|time ?zone|timezone|travel style)\s+(?:to|as|over to)\b",
    ),
    ("update_profile", 8, rf"\b(?:switch|change|set|use|prefer|put|go)\b.{{0,25}}\b(?:{_UNITS})\b"),
    ("update_profile", 8, r"\bmy (?:currency|home base|time ?zone|timezone|travel style|units)\b"),
    ("update_profile", 8, r"\b(?:i'?m|we'?re|i am|we are) (?:now )?(?:in|on) [a-z ]{2,20} time\b"),
    ("update_profile", 8, r"\b(?:we'?re|i'?m|we are|i am) based (?:in|at|out of)\b"),
    ("update_profile", 8, rf"\b(?:{_SWITCH})\s+(?:me|us)\s+(?:to|onto|on)\s+\w+(?: \w+)? time\b"),
    ("update_profile", 8, rf"\b(?:{_SHOW_IN})\b.{{0,30}}\b(?:in|to) (?:{_MONIES})\b"),
    # the money itself kept in a currency: "have our money in euros", "set my money to USD"
    (
        "update_profile",
        8,
        rf"\b(?:{_SWITCH}|keep|have|do)\s+(?:my|our|the|all) money\b.{{0,15}}\b(?:in|to|into)"
        rf" (?:{_MONIES})\b",
    ),
    ("update_profile", 8, rf"\btravel(?:ling)? with\b.{{0,25}}\b(?:{_PETS})\b"),
    ("update_profile", 8, r"\bin (?:miles|imperial)\b"),
    # "set me up as aussie dollars and metric", "update my profile - pets: …"
    (
        "update_profile",
        9,
        r"\b(?:set|switch|put) (?:me|us) (?:up )?(?:as|on|to|with)\b.{0,40}\b(?:"
        r"dollars?|aud|usd|nzd|gbp|metric|imperial|miles|km)\b",
    ),
    ("update_profile", 9, r"\b(?:update|change|edit) (?:my|our) profile\b"),
    (
        "update_profile",
        9,
        r"\b(?:update|change|put|set|save|add|pop|note)\b.{0,20}\b(?:on|in|to|into) (?:my|our|the)"
        r" profile\b",
    ),
    ("update_profile", 8, r"\bour (?:dog|cat|pet)\b.{0,20}\b(?:is|called|named)\b"),
    # a new pet told of: "a little fox terrier called Pippa", "new travelling companion"
    (
        "update_profile",
        8,
        rf"\b(?:a|an|our|new) (?:\w+ ){{0,3}}(?:{_PETS}|{_BREEDS}) (?:called|named)\b"
        r"|\bnew (?:travelling |travel |four[- ]legged )?(?:companion|family member)\b",
    ),
    (
        "update_profile",
        8,
        rf"\b(?:we|i) (?:have|have got|'ve got) (?:an?|two|2|three|3) (?:{_PETS})\b",
    ),
    ("remember", 9, rf"\b(?:{_NOTE}|take note)\b\s*(?:that|:|,)"),
    (
        "remember",
        9,
        rf"\b(?:{_NOTE})\s+(?:this\s+)?for (?:the future|later|next time|future reference|good)\b"
        r"\s*(?:that|:|,|-)",
    ),
    # "remember the dump point at …" may save a place; "and remember I'm a sparky": a word
    # that joins it to what came before does not make it less a command
    ("remember", 8, rf"^{_JOINED}remember\b(?! to)"),
    ("remember", 9, r"^(?:fyi|for your info|note to self)\b"),
    # the notes named as where the words go: "for my notes: …", "put this in your notes",
    # "memo: …"
    (
        "remember",
        9,
        rf"^{_JOINED}(?:for|in|into|on) (?:my|our|your|the) (?:notes?|memo|memory|files?)\b\s*"
        r"(?:[:,-]|please\b|pls\b)|^(?:memo|note for (?:later|you|pam))\s*[:-]"
        r"|\b(?:add|put|save|stick|pop|jot|keep|file)(?: (?:this|that|it))? (?:to|in|into|on|with)"
        r" (?:my|our|your|the) (?:notes?|memory|memories)\b",
    ),
    ("remember", 9, rf"^{_JOINED}(?:please\s+)?(?:{_NOTE})\b(?!\s+to\b)"),
    # ("I need you to remember …", "we'd like you to remember …": the asker's need is the ask)
    (
        "remember",
        8,
        r"\b(?:please |can you |could you |(?:need|want|like) (?:you|ya|u) to )remember\b(?! to\b)",
    ),
    # "I should like you to bear in mind …", "would you keep this in mind from now on"
    ("remember", 9, r"\b(?:bear|keep|have) (?:this |that |it )?in mind\b"),
    # A fact given for later, set off by its marker; weaker than any request it holds
    # ("just so you know, I paid the rego, 840" is the expense).
    ("remember", 6, r"^(?:just )?so you know\b|^for (?:the record|future reference)\b"),
]
