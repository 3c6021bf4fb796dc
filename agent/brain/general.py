"""Replies without tools: greetings, thanks, what PAM can do, small talk, out of scope."""

from __future__ import annotations

import re
from datetime import datetime

from agent.brain import reckon
from agent.brain.asking import told_not_asked
from agent.brain.questions import is_no, is_yes
from agent.brain.row_acts import Unkept, unkept

_I = re.IGNORECASE
CAPABILITIES = (
    "I can help with four things:\n"
    "- Money (Wins): log expenses and income, set budgets, and show where it's going — "
    '"spent $85 on diesel yesterday".\n'
    "- Vehicles and travel (Wheels): fuel fills and economy, maintenance, trip plans, "
    'weather and saved places — "weather in Birdsville this weekend".\n'
    "- Your day (You): calendar reminders, tasks, pantry, shopping list and profile — "
    '"remind me to call Mum tomorrow at 10".\n'
    "- Community (Social): the feed, posts, comments, likes and groups — "
    '"what\'s new in the feed?"'
)
SHORT_OFFER = (
    "money and budgets, your vehicles, fuel, trips and weather, your calendar and lists, "
    "or the travelling community"
)
_TICK = (
    r"\b(?:tick|cross|strike|check|scratch)\b.{0,30}\boff\b|\bmark\b.{0,30}\b(?:done|bought"
    r"|got|gotten|as got)\b"
)
# Which categories spending can go under, asked before any is used: "what sort of categories
# can I put my spending under?", "which categories are there for expenses?".
_CATEGORIES_ASKED = (
    r"\b(?:what|which)(?: (?:sort|sorts|kind|kinds|type|types) of)? (?:spending |expense |money )?"
    r"categor(?:y|ies)(?: options)? (?:can|could|should|do|does|are|is|would|will|have)\b"
    r"|\b(?:what|which) (?:are|is) (?:the|your) (?:spending |expense )?"
    r"(?:categories|category options)\b"
    r"|\b(?:list|tell me|show me|give me) (?:the|your|all the|all) (?:spending |expense )?"
    r"(?:categories|category options)\b(?! (?:spending|totals?|breakdown)\b)"
    r"|\bhow many categories\b"
)
_RULES: list[tuple[str, str]] = [
    ("categories", _CATEGORIES_ASKED),
    # the day, the date or the time asked: answered from the turn's own clock
    (
        "clock",
        r"^\W*(?:(?:hey|hi|ok|so|pam|mate)\W+)*(?:what'?s|whats|what is) (?:the )?(?:date|day"
        r"|time)\b(?! (?:of|for|on|we|i|you|like|in|at|there)\b)"
        r"|\bwhat (?:day|date|time|hour) is it\b(?! (?:in|at|there)\b)"
        r"|\btoday'?s date\b|\bwhat'?s today\b",
    ),
    (
        "help",
        r"what can you do|what do you do|\bhelp\b|how does this work|what are you|who are "
        r"you|what can i (?:ask|say)|what are your|features|capabilities|how do i use",
    ),
    # (reached only after a list was shown: a task ticked off goes to its domain)
    ("tick", _TICK),
    ("how", r"how are you|how'?s it going|how ya going|how are things|how have you been"),
    (
        "thanks",
        r"\b(?:thanks|thank you|thank u|thx|ta|cheers|appreciate it|legend|you'?re a star)\b",
    ),
    ("bye", r"\b(?:bye|goodbye|see ya|see you|good ?night|catch you|cya|that'?s all)\b"),
    (
        "hello",
        r"^\W*(?:hi|hello|hey|g'?day|gday|howdy|yo|hiya|good (?:morning|afternoon|evening)"
        r"|morning|afternoon|evening|greetings)\b",
    ),
]
_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Words of small talk that carry no request: how one greets, asks after someone, thanks
# or says the time of day; and the questions PAM cannot answer with a tool ("what time is
# it", the date, the day). A message of nothing else asks for no tool.
_CHAT = re.compile(
    r"\b(?:how(?:'s| is| are| ya| r)? (?:it|you|ya|u|things|everything|life|your day|the day"
    r"|everyone)(?: (?:going|goin|doing|travelling|been|today|this (?:morning|arvo|afternoon"
    r"|evening)))*|how (?:have|'ve) you been|how do you do|what'?s up|wassup|sup"
    r"|(?:what(?:'?s| is) the (?:time|date)|what (?:time|hour) is it|what day is it|what(?:'s| is)"
    r" today'?s date)(?: (?:now|today|there|right now|back home|in [a-z]+(?: [a-z]+)?)){0,2}"
    r"|hi|hello|hey|hiya|howdy|g'?day|gday|yo|morning|afternoon|evening|good (?:morning|afternoon"
    r"|evening|day)|thanks|thank you|thank u|thx|ta|cheers|appreciate it|bye|goodbye|see ya"
    r"|see you|night|good ?night|pam|mate|love|darl|all|there|again|today|then|so|ok|okay"
    r"|well|oh|just|checking in|saying hi|now)\b",
    _I,
)


# Who sees what the user posts or keeps, asked of the app itself: "if I posted something
# on here would everyone see it or just my groups?", "who can see my posts?", "are my saved
# places public?" (answered in words by general_reply; no tool reads it).
_WHO_SEES = (
    r"^\W*(?:so |and |but |ok )?(?:if (?:i|we) [^?.!,]{1,60}?,?\s+)?(?:can|could|will|would|do"
    r"|does) (?:anyone|anybody|everyone|everybody|people|others|other people|strangers"
    r"|the public|all|only) (?:else )?(?:be able to |\w+ )?(?:see|read|find|view)"
    r" (?:what|my|our|the|it|them|that|this)\b"
    r"[^?]*\?"
    r"|^\W*(?:so |and |but |ok |hey |quick question,? )?(?:who (?:can|could|will|would|gets to"
    r"|is able to|else can) (?:see|read|view)\b|who sees\b"
    r"|(?:are|is) (?:my|our|the) (?:posts?|comments?|saved places|places|spots|groups?|profile"
    r"|expenses|spending|budgets?|data|details|stuff|notes|memories) (?:public|private|visible"
    r"|shared|seen)\b"
    r"|is (?:what|everything) (?:i|we) (?:post|share|save|put)\b[^?.!]{0,30}\b(?:public"
    r"|private|visible|seen)\b)"
)


# Units of measure one may ask to have converted.
_UNIT = (
    r"(?:psi|bar|kpa|km/h|kmh|kph|mph|kms?|kilomet(?:re|er)s?|miles?|litres?|liters?|gallons?"
    r"|gals?|kgs?|kilos?|kilograms?|lbs?|pounds|°\s?[cf]|degrees(?: [cf]\w*)?|celsius"
    r"|fahrenheit|feet|foot|ft|metres?|meters?|inch(?:es)?|cm|mm|tonnes?|tons?|l/100 ?km|mpg)"
)
# What may open a message before its own question: a greeting, a filler.
_OPENS = r"^\W*(?:(?:so|and|also|oh|hey|hi|ok|okay|pam|quick one|quick question|um)\b\W*)*"
# Asking for what only talk gives: what a word means, a joke, an explanation for a child,
# whether something is normal. Feature words inside ("what does budget mean?") are the
# topic, not a request.
_TALK = re.compile(
    r"\bwhat (?:does|do|did) (?:the word |the term |it |that |this )?['\"]?[\w' -]{1,30}['\"]?"
    r" mean\b"
    r"|\bwhat means\b|\bmeaning of (?:the word|the term|['\"])|\bwhat is the (?:english |aussie )?"
    r"word for\b|\bhow do (?:you|i|we) (?:say|spell|pronounce)\b|\bin (?:plain )?english\b.*\?"
    r"|\b(?:tell|know|got|have) (?:me |us |the kids |them )?(?:a |an |any |some )?(?:good |funny |"
    r"silly |dad )?(?:jokes?|riddles?|story|stories)\b|\bhow (?:would|do|can|should) (?:you|i|we) "
    r"explain\b|\bexplain\b.{0,40}\bto (?:a kid|kids|a child|children|my (?:son|daughter|kids?))\b"
    r"|\bis (?:it|this|that) normal\b"
    # a recommendation of what PAM keeps no rows of: "could you recommend a good novel?"
    r"|\b(?:recommend|suggest)\b (?:me |us )?(?:a |an |some |any )?(?:good |great |nice |decent )?"
    r"(?:novels?|books?|reads?|films?|movies?|shows?|series|podcasts?|songs?|music|albums?"
    r"|audiobooks?|games?|recipes?|wines?|beers?)\b"
    # an opinion asked of an amount or a plan: "is $1,000 a week a realistic budget for two?"
    r"|\b(?:is|are|would|does) [^?.!]{0,60}\b(?:realistic|reasonable|sensible|doable|a good idea"
    r"|worth it)\b[^?]*\?"
    # ... or how much is enough, with the opinion asked: "is 400 a month enough for food for
    # two do you reckon"
    r"|\b(?:is|are|would|will) [^?.!]{0,40}\b(?:enough|too much|too little) (?:for|to)\b"
    r"[^?.!]{0,60}\b(?:do|d'?) ?(?:you|ya|u) (?:reckon|think)\b"
    # how the app itself works: "how do groups work on here?", "can anyone read what we post
    # in a private one?"
    r"|^\W*(?:so |and |but |ok )?how (?:do|does|would|will) (?:the )?[\w' -]{1,25} work\b"
    # an opinion asked of a plan mused on: "thinking of making a group for teardrops what do
    # you reckon" (a go-ahead after it asks for the act: do_it.py)
    r"|\b(?:thinking (?:of|about)|considering|toying with|keen on)\b[^?.!]{0,80}\b(?:what do"
    r" (?:you|ya|u) (?:reckon|think)|thoughts|good idea|any good)\W*$"
    # what PAM does with a feature, asked of PAM: "what can you do with groups?", "what else
    # could pam do for the budget side of things"
    r"|^\W*(?:so |and |but |ok |hey |pam,? )?what (?:else )?(?:can|could|do) (?:you|pam|the app"
    r"|this app|this thing) (?:do|help (?:me |us )?with)\b"
    r"(?: (?:with|for|about|on|in) [^?.!]{1,40})?"
    r"\W*$"
    # a measure converted from one unit to another: "how much is 35 psi in bar?", "what's
    # 60 mph in km/h", "convert 32 psi to kpa" (no row is read: talk answers it); asked as
    # the message's own question (beside a request it is left to talk: "anything on this
    # weekend? also what's 30 C in F" still lists the weekend)
    r"|"
    + _OPENS
    + r"(?:how much|how many \w+|what)(?:'s| is| are)? \d[\d.,]*\s?"
    + _UNIT
    + r" (?:in|to|into) (?:\w+ )?"
    + _UNIT
    + r"(?!\w)"
    r"|"
    + _OPENS
    + r"how many "
    + _UNIT
    + r" (?:is|are|in|to) (?:a |an |one )?\d*[\d.,]*\s?"
    + _UNIT
    + r"(?!\w)"
    r"|"
    + _OPENS
    + r"(?:(?:can|could) you )?convert\b[^?.!]{0,20}\d[\d.,]*\s?"
    + _UNIT
    + r" (?:in|to|into) (?:\w+ )?"
    + _UNIT
    + r"(?!\w)"
    r"|" + _WHO_SEES +
    # a word quoted to ask about it, not to use it: "what a 'feed' even is", "why everyone
    # keeps saying 'like and share'"
    r"|\bwhat (?:a |an |the )?['\"‘“][\w' -]{1,30}['\"’”] (?:even |actually |really )?"
    r"(?:is|are|means?)\b"
    r"|\b(?:keeps?|keep on|always|all) saying ['\"‘“]"
    # saying outright that nothing is to be kept: "no need to write anything down, I'm just
    # having a yarn"
    r"|\bno need to (?:write|jot|log|save|note|record|put|keep) (?:anything|any of (?:it|that))\b"
    r"|\b(?:i'?m|we'?re|just) (?:just )?(?:having a (?:yarn|chat|natter|whinge)|chatting"
    r"|rambling)\b|" + _CATEGORIES_ASKED,
    _I,
)


def talk_only(text: str) -> bool:
    """Whether `text` asks for nothing a tool does: small talk, or what only talk gives
    (a sum worked out; where to keep a thing, asked as a choice: do_it.py reads the pick
    after it)."""
    from agent.brain.do_it import CHOICE_OF_PLACE  # (do_it reads asking, which reads this)

    return (
        small_talk(text)
        or bool(_TALK.search(text))
        or reckon.asks(text)
        or bool(CHOICE_OF_PLACE.search(text))
    )


def about_the_app(text: str) -> bool:
    """A question of who sees what on PAM, asked as the message's own ("if I made a private
    group, could others read my posts in it?"): no row is read for it, whatever it names."""
    return bool(re.search(_WHO_SEES, text, _I))


def small_talk(text: str) -> bool:
    """Whether `text` is only greetings, asking after PAM, thanks or the time of day."""
    return bool(_CHAT.search(text)) and not re.sub(r"[\W_]+", "", _CHAT.sub(" ", text))


def _wordlike(token: str) -> bool:
    if any(len(token) >= 4 and token in row for row in _KEYBOARD):
        return False
    if not re.search(r"[aeiouy]", token):
        return len(token) <= 2
    return not re.search(r"[^aeiouy\W\d]{5,}|(.)\1\1", token)


def gibberish(text: str) -> bool:
    tokens = re.findall(r"[a-z]+", text.lower())
    if not tokens:
        return not re.search(r"\d", text)
    odd = sum(1 for t in tokens if not _wordlike(t))
    return odd * 2 >= len(tokens)


_HELLO_ONLY = r"^\W*(?:hi|hello|hey|g'day|gday|morning|evening)\W*$"


def kind_of(text: str) -> str:
    if gibberish(text):
        return "gibberish"
    if "?" not in text and told_not_asked(text) and not re.search(_HELLO_ONLY, text, _I):
        # "the neighbours spent 300 on an awning", "don't log that, just telling you": news
        # to hear, with nothing asked of PAM (a refusal would say it was a request)
        return "told"
    if unkept(text):
        return "tick" if re.search(_TICK, text, _I) else "unkept"
    if re.search(_WHO_SEES, text, _I):
        return "privacy"
    for kind, pattern in _RULES:
        if re.search(pattern, text, _I):
            return kind
    if is_yes(text) or is_no(text):
        return "ack"
    return "other"


# What PAM says when asked to change or take away a row it has no tool for (row_acts).
_UNKEPT_REPLY: dict[Unkept, str] = {
    "shopping": "I can't take things off the shopping list yet — I can show you the list or "
    "add to it.",
    "pantry": "I can't take things out of the pantry yet — I can show you what's in it or add "
    "to it.",
    "trip": "I can't change or remove a planned trip yet — I can show your trips or plan a new "
    "one.",
    "vehicle": "I can't remove a vehicle or change its details (like its tank size or fuel "
    "use) yet — I can list your vehicles or add one.",
    "place": "I can't remove or change a saved place yet — I can save a new one or find places.",
    "budget": "I can't remove a budget yet — I can set it to another amount or show how your "
    "budgets stand.",
    "post": "I can't delete posts or comments yet — I can show you the feed or post something new.",
}


def general_reply(text: str, name: str | None = None, now: datetime | None = None) -> str:
    if worked := reckon.answer(text, now):
        return worked  # a conversion, a day's date, a drive's fuel cost
    kind = kind_of(text)
    who = f" {name}" if name else ""
    if kind == "clock" and now is not None:
        day = f"{now:%A} {now.day} {now:%B %Y}"
        if re.search(r"\b(?:time|hour)\b", text, _I):
            here = f"It's {now:%I:%M %p}".replace(" 0", " ").lower().capitalize() + f", {day}."
            if re.search(r"\b(?:in|at) [A-Z]|\bthere\b", text):
                # "what hour is it now in Madrid?": no clock of another zone is kept
                return "I can only tell the time where you are: " + here[0].lower() + here[1:]
            return here
        return f"Today is {day}."
    if kind == "help":
        return CAPABILITIES
    if kind == "categories":
        return (
            "Spending can go under: fuel, food, groceries, camping, maintenance, insurance, "
            "registration, repairs, entertainment, shopping, health, phone & internet, "
            "gas/LPG, or other. Just tell me what it was for and I'll pick one — or say "
            '"put it under repairs".'
        )
    if kind == "privacy":
        return (
            "A public post is seen by everyone on PAM; a post to a group only by its members. "
            "Your money, vehicles, calendar, lists, notes and profile are yours alone, and a "
            "saved place is seen by others only when you share it."
        )
    if kind == "hello":
        return f"G'day{who}, hello! What can I help with — {SHORT_OFFER}?"
    if kind == "how":
        return f"Going well, thanks{who}! What can I help with today?"
    if kind == "thanks":
        return "You're welcome! Anything else I can help with?"
    if kind == "bye":
        return "See you later — safe travels!"
    if kind == "tick":
        return (
            "The shopping list and pantry don't have ticks in PAM — I can show you the list, "
            "add things to it, or put what you bought in the pantry. (To-dos can be ticked off.)"
        )
    if kind == "unkept":
        return _UNKEPT_REPLY[unkept(text) or "shopping"]
    if kind == "told":
        return "Fair enough — I haven't saved anything from that. Just say if you'd like it kept."
    if kind == "ack":
        return "Righto. Anything else I can help with?"
    if kind == "gibberish":
        return (
            "Sorry, I didn't catch that. Could you say it another way? I can help with "
            f"{SHORT_OFFER}."
        )
    return f"Sorry, I can't help with that, but I can help with {SHORT_OFFER}."
