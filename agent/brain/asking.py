"""A question never writes: "did I book the vet for Friday?", "is milk on the list?" and
"have we got eggs?" ask about rows, they do not add them. When a write tool was read from
a message phrased as a question, the question is about that tool's rows: its reading
counterpart answers it (or nothing does, for the profile and memories). A request in
question form ("can you add milk?", "could you log 30 for fuel?") is still a request."""

from __future__ import annotations

import re
from typing import Literal

from agent.brain.learned import guess
from agent.brain.triggers_social import POST_LABEL

_I = re.IGNORECASE
# An opening that asks: a question word or an auxiliary verb first (after a greeting).
_LEAD = r"^(?:(?:hey|hi|g'day|ok|okay|so|and|but|um|oh|quick one|pam|mate)\b[,!]?\s+)*"
_ASKING = re.compile(
    # ("what a drive that was!", "what an arvo": an exclamation tells, it asks nothing)
    _LEAD
    + r"(?:(?:what(?!\s+an?\s)|what's|whats|which|who|whose|why|how|how's|hows|any|anything)\b"
    r"|(?:when|where)\s+(?:is|are|was|were|do|does|did|will|can|should|have|has)\b|(?:when|where)'s\b"
    # ("is done already" with no "?" is a learner's "it is done": it tells)
    r"|(?:is|isn't|are|aren't)\b(?!\s+(?:all\s+|already\s+)?(?:done|finished|sorted|completed)\b[^?]*$)"
    r"|(?:did|do|does|didn't|don't|doesn't|have|has|haven't|hasn't|will|should)\s+(?:i|we|you"
    r"|they|he|she|it|there)\b"
    r"|(?:was|were)\b.*\?\s*$"
    # "did my post get any comments?", "has the parcel come?": an auxiliary before a noun
    # asks only with its question mark ("did the oil change at 98,000" tells)
    r"|(?:did|do|does|has|have|had|is|are|was|were|can|could|will|would)\s+(?:my|our|the|a|an|your"
    r"|his|her|their|any|anyone|anybody|someone|somebody|this|that|these|those)\b[^.!]*\?\s*$"
    # whether a row went in, asked by its fate with no mark: "was the diesel fill put in",
    # "did the vet bill go in yesterday", "did the van get added" (not "had the tyres put
    # on": a job had done tells)
    r"|(?:did|has|have|was|were|is|are)\s+(?:the|my|our|that|this|these|those)\s+"
    r"(?:[\w'-]+\s+){0,5}?(?:(?:get|got|go|gone|went|been|made it)\s+)?"
    r"(?:(?:put|chucked|popped|written|jotted)\s+)?(?:in|into|on|onto|logged|saved|added"
    r"|recorded|entered|through|noted|booked)\b(?!\s+(?:at|for)\s+\d)"
    # said without the inversion, as learners often do: "there is a group for …?",
    # "this campsite is near Dubbo?", "I can find water here?"
    r"|there (?:is|are|'s)\b[^.!]*\?\s*$"
    # the last of something, asked with its mark: "last time we filled up?"
    r"|(?:the )?last time (?:i|we|you)\b[^.!]*\?\s*$"
    # whether a thing is worth doing asks about it: "would it be worth setting a budget?"
    r"|(?:would|will|could) it (?:be|make sense)\b"
    # whether the money stretches to something asks, mark or not: "can we afford to stay 3
    # nights at 45 a night"
    r"|(?:can|could|should|do|does) (?:i|we|you|they) (?:still |really |even |actually )?"
    r"(?:afford|justify|stretch to)\b)",
    _I,
)
# A question said as a statement with its question mark, the subject first: "the milk is
# on the list already?", "my rego was paid?", "our booking has gone through?", and where a
# row ends up, as learners ask it: "the service goes also in the expenses?", "that counts
# as fuel?". The subject is a few words with no verb of a request before the verb.
_SAID_AS_QUESTION = re.compile(
    _LEAD + r"(?:(?:the|my|our|your|his|her|their|this|that|these|those)\s+)?"
    r"(?!(?:add|log|put|pop|set|save|book|note|record|remind|tell|post|show|give|make)\b)"
    r"[\w']+(?:\s+[\w']+){0,3}?\s+(?:is|are|was|were|has|have|had|'s"
    r"|goes|went|gets|got|counts|shows up|ends up|comes up)\b[^.!;]*\?\s*$",
    _I,
)
# A statement closed by a tag that asks it back: "we spent 40 on fuel yesterday, right?",
# "the dentist is tuesday at 9 isn't it", "I paid the rego already, didn't I?". It asks
# whether the statement is so; it keeps nothing. A request with a tag ("add milk, ok?")
# still requests: its opening verb says so.
_TAG = re.compile(
    # (a one-word tag is set off by a comma: "did I log it right?" asks of the logging)
    r"(?:\s*[,-]\s*(?:right|yeah|yes|eh|hey|correct|true|no|innit)\s*\?+"
    r"|[,\s]+(?:didn'?t (?:i|we)|did (?:i|we)"
    r"|wasn'?t (?:it|i|we)|isn'?t (?:it|that)|have (?:i|we)|haven'?t (?:i|we)|is (?:it|that)"
    r"|aren'?t (?:we|they)|was (?:it|that))\s*\?+"
    r"|[,\s]+(?:didn'?t|wasn'?t|isn'?t|haven'?t|hasn'?t|aren'?t|weren'?t|don'?t|doesn'?t)"
    r" (?:i|we|it|they|he|she|that)\s*\??)\s*$",
    _I,
)
TAG_TAIL = 40
_TOLD_TO = re.compile(
    _LEAD + r"(?:add|log|put|pop|set|save|book|note|record|remind|tell|post|show|give|make"
    r"|chuck|jot|stick|bung|throw|delete|remove|cancel|move|change|update|mark|tick|create"
    r"|plan|share|like|join|please|pls|let'?s)\b",
    _I,
)


def told_to(text: str) -> bool:
    """Whether the text opens with a verb PAM is told to do something with ("add …")."""
    return bool(_TOLD_TO.match(text))


# A request anywhere in the message: "it was 18 dollars on the 21st, could you add it?"
_ASKS_PAM = re.compile(
    r"\b(?:can|could|would|will|won't) (?:you|ya|u|ye)\b|\b(?:please|pls|plz)\b"
    r"|\bwould you mind\b|\bi'?d like you to\b",
    _I,
)
# ... unless it asks PAM to do something: "can you", "would you mind", "how about adding".
_POLITE = re.compile(
    _LEAD + r"(?:(?:can|could|would|will|won't) (?:you|ya|u|ye)|(?:can|could|may) (?:i|we)"
    # (whether the money stretches is a question: "can we afford a 90 dollar dinner?")
    r"(?!\s+(?:still\s+|really\s+|even\s+|actually\s+)?(?:afford|justify|stretch to))"
    r"|be a (?:dear|love|darling|gem|legend|champ|sweetheart|doll)"
    r"|would you mind|do you mind|is it possible to|are you able to"
    r"|any chance (?:you|ya|u|i|we)(?:'d|'ll)?(?: (?:could|can|would|might|will))?"
    r"|(?:is there )?any way (?:you|ya|u) (?:could|can)"
    r"|is there (?:a|any) way to|are you up for"
    # asking whether it is any effort or allowed asks for it: "would it be a pain to fix …",
    # "would it be too much trouble to …" (whether it is worth doing is a question)
    r"|(?:would|will|could|is) it be (?:\w+ ){0,2}(?:pain|bother|hassle|trouble|problem|drama"
    r"|deal|ask|ok|okay|alright|all right|possible|easy)\b"
    r"|how about (?:we |you )?\w+ing|what about (?:we |you )?\w+ing|why don't (?:you|we)"
    r"|do (?:me|us) a favou?r"
    r"|i (?:would|should|'d|will) be (?:\w+ )?(?:grateful|obliged|thankful|pleased) if you)\b",
    _I,
)

# The frame of a polite request, from its start to the request itself: a free-text detail
# read from the words after it must not keep it ("any chance you could …").
POLITE_FRAME = re.compile(
    r"(?:" + _POLITE.pattern + r"|" + _LEAD + r"i (?:was|am|'m) wondering if (?:you|ya|u))"
    r"(?:\s+(?:could|would|can|will|mind|kindly|please|pls|possibly|just|quickly))*\b",
    _I,
)

WRITES = frozenset(
    {
        "add_expense", "update_expense", "delete_expense", "add_income", "set_budget",
        "add_vehicle", "log_fuel", "log_maintenance", "log_tyre_pressures", "save_place",
        "create_event", "update_event", "delete_event", "add_task", "complete_task",
        "add_pantry_item", "add_to_shopping_list", "update_profile", "remember",
        "create_post", "comment_on_post", "like_post", "join_group", "create_group",
    }
)  # fmt: skip
# The tool that answers a question about a write tool's rows (None: no tool does).
READ_OF: dict[str, str | None] = {
    "add_expense": "list_expenses", "update_expense": "list_expenses",
    "delete_expense": "list_expenses", "add_income": "spending_summary",
    "set_budget": "budget_status", "add_vehicle": "list_vehicles", "log_fuel": "fuel_stats",
    "log_maintenance": "maintenance_due", "log_tyre_pressures": "tyre_pressure_history",
    "save_place": "find_places", "create_event": "list_events", "update_event": "list_events",
    "delete_event": "list_events", "add_task": "list_tasks", "complete_task": "list_tasks",
    "add_pantry_item": "list_pantry", "add_to_shopping_list": "get_shopping_list",
    "update_profile": None, "remember": None, "create_post": "get_feed",
    "comment_on_post": "get_feed", "like_post": "get_feed", "join_group": "list_groups",
    "create_group": "list_groups",
}  # fmt: skip


# A polite request to be told something is a question: "could you tell me what's in the
# pantry?", "can you let me know if …".
_FORMAL = r"(?:i (?:would|should|'d|will) be (?:\w+ )?(?:grateful|obliged|thankful|pleased) if you"
_FORMAL += r" (?:would|could|can|will) (?:please )?)?"
_TELL = re.compile(
    _LEAD
    + _FORMAL
    + r"(?:(?:can|could|would|will) (?:you|ya|u) (?:please )?|please )?(?:tell|show) (?:me|us)"
    # ("catch me up on X", "fill us in on X", "bring me up to speed with X": tell me)
    r"\b|(?:(?:can|could|would|will) (?:you|ya|u) (?:please )?|please )?(?:catch|fill|bring)"
    r" (?:me|us) (?:up|in)(?: to speed)? (?:on|with)\b|"
    + _FORMAL
    + r"(?:(?:can|could|would|will) (?:you|ya|u) (?:please )?)?let (?:me|us) know\b",
    _I,
)
# A question after a lead-in that says the user is unsure: "I can't remember - did I …?".
_LEAD_IN = re.compile(
    r"^(?:(?:i )?(?:can'?t|cannot|cant|don'?t|dont) remember|i forget|(?:i'?m )?not sure"
    r"|just checking"
    r"|quick question|i was wondering|wondering|remind (?:me|us))\b[^?]{0,40}?"
    r"(?:\s[-–—]\s|[,:;]\s)",
    _I,
)


# A goodbye: "night all", "we're off to bed", "that's all for today".
_FAREWELL = re.compile(
    r"\b(?:bye|goodbye|see ya|see you|good ?night|night all|nighty night|cya|catch you later"
    r"|signing off|that'?s (?:all|it) for (?:today|tonight|now)|that'?s all the"
    r"|(?:off|heading|going|hitting) (?:to )?(?:bed|the sack|the hay)|turning in)\b",
    _I,
)
# Anything in a goodbye that still asks: a question, a polite request, a planning verb.
_STILL_ASKS = re.compile(
    r"\?|\b(?:can|could|would|will) (?:you|ya|u)\b|\b(?:please|pls|plan|map out|work out)\b", _I
)


def signs_off(text: str) -> bool:
    """Whether `text` is a goodbye that asks nothing: what it says of tomorrow's drive is
    news ("off to bed, big drive to Winton tomorrow"), not a trip to plan."""
    return bool(_FAREWELL.search(text)) and not _STILL_ASKS.search(text)


def is_request(text: str) -> bool:
    """Whether `text` asks PAM to do something in question form ("could you …")."""
    return bool(_POLITE.match(text)) and not _TELL.match(text)


# A question about what would happen: "if I set the budget at 800, would I be over?",
# "what if we logged it under repairs?" ask, they change nothing.
_SUPPOSE = re.compile(
    _LEAD + r"(?:(?:what |and )?if|suppose|supposing|say|hypothetically)\b[^?]{0,120}"
    r"\b(?:would|will|could|should|do|does|am|is|are)\s+(?:i|we|it|that|this|they)\b[^?]*\?",
    _I,
)
# Saying outright that nothing is to be written yet: "don't set it yet, just asking",
# "just wondering", "hypothetically".
HOLD_BACK = re.compile(
    r"\b(?:just|only) (?:asking|wondering|curious|thinking out loud)\b|\bhypothetically\b"
    r"|\b(?:don'?t|do not|dont|no need to) \w+ (?:it|that|this|them|anything)(?: \w+)?"
    r" (?:yet|just yet|for now)\b",
    _I,
)


def holds_back(text: str) -> bool:
    """Whether `text` says nothing is to be written ("… don't set it yet, just asking")."""
    return HOLD_BACK.search(text) is not None


_JUST_ASKING = re.compile(r"\b(?:just|only) (?:asking|wondering|curious)\b|\bhypothetically\b", _I)


def holds_back_unasked(text: str) -> bool:
    """Whether `text` holds a write back and asks nothing in its place: "don't post anything
    yet, I'm just drafting: …" reads no feed either (held back with a question, "would I be
    over? don't set it yet", what would be written is read)."""
    return (
        holds_back(text)
        and "?" not in text
        and not is_question(text)
        and not _JUST_ASKING.search(text)
    )


# A proposal with its value: "I reckon we should have a budget for camping, maybe 400 a
# month?" asks to set it, whatever its question mark ("should we …?" still asks advice).
_PROPOSAL = re.compile(
    r"\b(?:we|i)(?: really)? (?:should|ought to|might as well|oughta)\s+(?:probably\s+|just\s+)?"
    r"(?:have|set|make|put|add|keep|get|start|do)\b[^?]*\d",
    _I,
)


def is_question(text: str) -> bool:
    """Whether `text` asks something rather than asks PAM to do something."""
    if _LABELLED_POST.match(text):
        return False  # "Publish please: who's driving to Broome?": the post's own words
    if _PROPOSAL.search(text) and not _ASKING.match(text):
        return False
    if _TELL.match(text) or _SUPPOSE.match(text):
        return True
    if _ASKING.match(text) and not _POLITE.match(text):
        return True
    if _SAID_AS_QUESTION.match(text) and not _ASKS_PAM.search(text):
        return True
    # (a tag is the message's last words: only its tail is searched, so a long run of
    # blanks costs nothing)
    if _TAG.search(text[-TAG_TAIL:]) and not (_TOLD_TO.match(text) or _ASKS_PAM.search(text)):
        return True
    lead = _LEAD_IN.match(text) or _topic(text)
    rest = text[lead.end() :] if lead else ""
    return bool(rest and _ASKING.match(rest) and not _POLITE.match(rest))


_LABELLED_POST = re.compile(POST_LABEL, _I)
_CLAUSE_CUT = re.compile(r"[,;:]\s*|\s+[-–—]\s+")


def asks_somewhere(text: str) -> bool:
    """Whether `text` asks a question anywhere: a mark, or a clause that opens as one ("we
    usually camp near water, any free camps near Mildura")."""
    return "?" in text or any(is_question(c) for c in _CLAUSE_CUT.split(text))


def _topic(text: str) -> re.Match[str] | None:
    """The thing a message names first before asking about it (`_TOPIC`), unless it tells
    an act ("bought milk - what else?")."""
    m = _TOPIC.match(text)
    return m if m and not _DONE_ACT.search(m.group(0)) else None


# The thing asked about, named first and set off by a dash or a colon: "the jobs list —
# what's high priority", "calendar: anything on friday", "re the budget - how are we
# going"; by a comma only when it names one of PAM's lists or records ("todo list, what is
# urgent"). What follows it is the message's mood. Letters only, and no verb first or act
# told: "add milk - what else do we need" and "spent 40 on fuel - what's left?" keep theirs.
_TOPIC_HEAD = (
    r"^(?:re:?\s+|about\s+|as for\s+)?(?:(?:the|my|our)\s+)?"
    # ("please post for everybody: who has …?": a request, its words a question to others)
    r"(?!(?:(?:please|pls|plz|can you|could you|would you|just|and|also)\s+)*"
    r"(?:add|log|put|pop|set|save|book|note|record|remind|tell|post|show|give|make|chuck|jot"
    r"|stick|delete|remove|cancel|move|change|update|mark|create|plan|share|like|join)\b)"
)
_TOPIC = re.compile(
    _TOPIC_HEAD + r"[a-z'-]+(?:\s[a-z'-]+){0,3}?(?:\s*[-–—:]\s+|\s+[-–—]\s*)"
    r"|" + _TOPIC_HEAD + r"(?:[a-z'-]+\s){0,2}(?:list|lists|calendar|diary|schedule|tasks|jobs"
    r"|to-?dos?|chores|feed|budgets?|pantry|shopping|groups|events|trips|expenses|spending)"
    r"\s*,\s+",
    _I,
)


# The words that make a message with a question mark still a request or a report: a verb
# of keeping or saying to PAM anywhere ("milk on the list, add it?"), or an act told as done
# ("spent 40 on fuel?" reports it).
_STILL_KEEPS = re.compile(
    r"\b(?:add|log|put|pop|set|save|book|note|record|remind|post|make|chuck|jot|stick|bung"
    r"|throw|delete|remove|cancel|move|change|update|mark|tick|create|plan|share|like|join"
    r"|enter|track|file|keep|write|comment|reply|schedule|please|pls|plz|let'?s)\b",
    _I,
)


def asks_bare(text: str) -> bool:
    """Whether `text`, one clause, asks by its question mark alone: no request, no verb of
    keeping and no act told as done, only what it asks about ("so that's about 300 on fuel
    this month?", "dentist on friday at 10?", "milk on the list?"). A write needs an
    explicit request, so such a message reads the rows it names."""
    said = text.strip()
    if not said.endswith("?") or re.search(r"[,;.!]\s", said):
        return False  # ("200 kpa all round, seems low?": the mark asks of its own clause)
    return not (
        _POLITE.match(said)
        or _ASKS_PAM.search(said)
        or _STILL_KEEPS.search(said)
        or _DONE_ACT.search(said)
        or _PROPOSAL.search(said)
    )


# A question whether the user kept a row with PAM: "did I log …", "have we put … in yet".
_KEPT_CHECK = re.compile(
    _LEAD + r"(?:did|have|has|had) (?:i|we|you) (?:already |ever |actually |even )?"
    r"(log|logged|record|recorded|enter|entered|put|add|added|note|noted|track|tracked"
    r"|save|saved|jot|jotted|pop|popped|chuck|chucked|book|booked)\b",
    _I,
)
_PARTICIPLE = {"logged": "log", "recorded": "record", "entered": "enter", "added": "add",
               "noted": "note", "tracked": "track", "saved": "save", "jotted": "jot",
               "popped": "pop", "chucked": "chuck", "booked": "book"}  # fmt: skip


def kept_check(text: str) -> str | None:
    """The request inside a question whether it was done ("did I already log the gas
    bottle refill?" -> "log the gas bottle refill"), to read which rows it would be."""
    m = _KEPT_CHECK.match(text)
    if m is None:
        return None
    rest = text[m.start(1) :].rstrip(" ?")
    verb = m[1].lower()
    rest = _PARTICIPLE.get(verb, verb) + rest[len(verb) :]
    return re.sub(r"\s+(?:yet|already)$", "", rest, flags=_I)


# Being told what goes on in a group: "catch me up on X", "fill us in on the X group".
_CATCH_UP = re.compile(
    _LEAD + r"(?:(?:can|could|would|will) (?:you|ya|u) (?:please )?|please )?(?:catch|fill|bring)"
    r" (?:me|us) (?:up|in)(?: to speed)? (?:on|with)\b",
    _I,
)
_SOCIAL_WRITES = frozenset({"join_group", "create_post", "comment_on_post", "like_post"})


SURE_NONE = 0.5  # the classifier's "no tool" this sure drops a write read from a question
# ... and its reading tool this sure answers it; less sure, the write's own reading
# counterpart does ("what food goes bad this week?" is about the pantry, whatever else)
SURE_READ = 0.4


def answer_to_question(text: str, tool: str) -> tuple[bool, str | None]:
    """(True, tool) when the write `tool` must give way because `text` is a question: the
    classifier's reading tool when it picks one, nothing when it is sure no tool is meant,
    else the write's reading counterpart."""
    if tool not in WRITES or not is_question(text):
        return False, None
    if tool in _SOCIAL_WRITES and _CATCH_UP.match(text):
        return True, "get_feed"  # "catch me up on the X group": what goes on there
    if _KEPT_CHECK.match(text):
        # "did I already log the gas bottle refill?": whether a row was kept, which the
        # write's reading counterpart answers (never "no tool": the rows are PAM's)
        return True, READ_OF.get(tool)
    if _topic(text) and READ_OF.get(tool):
        # "todo list, what is urgent": the rows were named before the question
        return True, READ_OF.get(tool)
    found = guess(text)
    if found.tool is not None and found.tool not in WRITES and found.probability >= SURE_READ:
        return True, found.tool
    if found.tool is None and found.probability >= SURE_NONE:
        return True, None
    return True, READ_OF.get(tool)


# Writes that keep an act the user reports as done (money out or in, a fill, work on the
# vehicle, food put away): an act only planned, wished, supposed or denied is not done,
# so there is nothing to keep yet ("we might buy a generator next month", "haven't paid
# the rego yet", "planning to fill up in Dubbo").
REPORTS = frozenset(
    {"add_expense", "add_income", "log_fuel", "log_maintenance", "log_tyre_pressures",
     "add_pantry_item"}
)  # fmt: skip
# The verbs of such acts, in any tense ("end up buying" too).
_ACT = (
    r"(?:buy|buys|buying|bought|spend|spends|spending|spent|pay|pays|paying|paid|get|gets"
    r"|getting|got|fill|fills|filling|filled|fuel|fuelling|fueling|top|topping|sell|sells"
    r"|selling|sold|purchase|purchasing|purchased|grab|grabbing|grabbed|splurge|splurging"
    r"|splurged|fork|forking|forked|shell|shelling|shelled|earn|earning|earned|make|making"
    r"|service|servicing|serviced|replace|replacing|replaced|fix|fixing|fixed|do|doing)\b"
)
_FILLER = (
    r"(?:(?:\w+ly|just|even|ever|still|also|then|yet|did|end up|go and|get around to|bother)\s+)*"
)
# The mood that makes the act not (yet) real: a modal, a plan or a wish, a supposition, or
# a denial right before the verb.
_UNREAL = re.compile(
    r"\b(?:might|may|could|would|should|will|(?:i|we|you|they|he|she)'ll|gonna|wanna"
    r"|going to|plan(?:ning)? to|plans to|thinking (?:of|about)|considering|hop(?:e|ing) to"
    # a need or a habit of old is no act done now: "we need to get the van serviced", "we
    # used to spend heaps on eating out"
    r"|(?:i|we|you|they|he|she) (?:need|needs|have|has|had|got|must) to|gotta|used to"
    r"|want(?:ing)? to|(?:would|'d) like to|about to|intend(?:ing)? to|if (?:i|we)"
    r"|one day|some ?day|didn'?t|did not|haven'?t|have not|hasn'?t|has not|never|not yet"
    r"|won'?t|will not|wouldn'?t|can'?t afford to|no need to)\s+" + _FILLER + _ACT,
    _I,
)
# A habit told with its rate, in the present tense, is no act done: "my mate spends 200 a
# week on diesel", "we go through about 80 a fortnight on groceries".
_HABIT = re.compile(
    r"\b(?:spends|spend|pays|pay|buys|goes through|go through|uses|blows|blow|forks out"
    r"|fork out|shells out|shell out|drops|puts|put|paying|spending|forking out|shelling out"
    r"|blowing)\b[^.?!]{0,40}?" + r"(?:[$£€]\s?)?\d[\d,.]*k?"
    r"\s*(?:dollars?|bucks|quid|[a-z]{3})?\s*(?:a|an|per|each|every|/)\s*(?:day|week|fortnight|month"
    r"|year|wk|mth|yr|night)\b",
    _I,
)
# ... unless the message asks PAM to keep something after all ("haven't got the receipt
# but log 45 for the tolls"): a verb of keeping, or a request in any form.
_KEEP = re.compile(
    r"\b(?:log|add|put|record|note|jot|pop|chuck|stick|enter|track|file|save|keep|write"
    r"|mark|please|pls|plz|remind)\b",
    _I,
)


# A price quoted, in the present tense: what a thing goes for, not what was paid ("diesel
# is 2.10 a litre in Broome", "milk's 4 bucks at the IGA", "the park charges 45 a night").
_PRICE = r"(?:[$£€]\s?)?\d[\d,]*(?:\.\d+)?\s*(?:dollars?|bucks|quid|euros?|pounds?|cents?|c)?"
_SOFTENERS = (
    r"(?:(?:only|just|about|around|roughly|now|still|a whopping|up to|over|under|like)\s+)*"
)
_RATE = (
    r"\s*(?:(?:a|an|per|/|each|the)\s*(?:litre|liter|ltr|l|night|week|month|year|kilo|kg"
    r"|head|person|pop|bag|loaf|bottle|dozen|carton|hour|day|adult|kid|child)\b|each\b"
    # "per" before any noun is a rate: "$17 per car", "12 bucks per load"
    r"|per (?!cent\b)[a-z]{2,}\b"
)
_QUOTED = re.compile(
    r"(?:\b(?:is|are|costs|goes for|go for|sells? for|runs?|charges?|charging"
    r"|asking(?: for)?|asks(?: for)?|wants?|quoted?|quotes)|'s)\s+"
    + _SOFTENERS
    + _PRICE
    + _RATE
    + r"|(?:at|here|up here|out here|down here|in town|round here|around here|there"
    r"|these days|nowadays|at the moment)\b)"
    # in the past tense only with its rate ("diesel was 2.40 a litre at the roadhouse"): "gas
    # was 58.40 at the shell" tells what a fill came to
    + r"|\b(?:was|were|went for)\s+"
    + _SOFTENERS
    + _PRICE
    + _RATE
    + r")"
    # a quote or an estimate got is a price asked, not money paid: "the quote for the new
    # awning was 900", "the other estimate came in at 1.2k"
    + r"|\b(?:quote|quotes|estimate|estimates|quoted price)\b[^.?!]{0,40}?"
    r"\b(?:was|were|is|are|came (?:in )?(?:at|to)|comes? (?:in )?(?:at|to)|of)\s+"
    + _SOFTENERS
    + r"(?:[$£€]\s?)?\d",
    _I,
)

# ... unless an act is told beside it: "filled up 50 litres, diesel's 2.10 a litre here".
_DONE_ACT = re.compile(
    r"\b(?:bought|spent|paid|got|filled|fuell?ed|topped|tanked|purchased|grabbed|forked|shelled"
    r"|splurged|dropped|came to|cost us|cost me|charged (?:us|me)|stayed|all up|in total"
    r"|altogether|all together)\b",
    _I,
)
# A fill told by its litres and what they cost (or tyres read), in a clause of its own that
# is no habit: "we always go to the united, today 70 litres for 148" (not "we usually fill up
# with 60 litres for 110": the habit's own figures).
_FILL_TOLD = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:l|ltrs?|litres?|liters?)\b[^.?!\d]{0,15}\$?\d"
    # ... or tyres read: "pressures 36 all round cold, they're usually 38"
    r"|\b(?:pressures?|tyres?|tires?)\b[^.?!]{0,12}\b\d{2,3}(?:\.\d)?\s*(?:psi|kpa|bar)?\s*"
    r"(?:all round|all around|front|rear|cold|hot)\b",
    _I,
)
_CLAUSES = re.compile(r"[,;.!?]\s+|\s+-\s+|\s+(?:but|and)\s+", _I)


def _fill_told(text: str) -> bool:
    return any(
        _FILL_TOLD.search(c) and not _HABITUAL.search(c) and not _MAYBE.search(c)
        for c in _CLAUSES.split(text)
    )


# A part needed is work not done yet: "I need new shocks sometime next month", "the van's
# due for new tyres" (kept only when it asks for a record of money or work).
_NEEDED = re.compile(
    r"\b(?:need|needs|needing|could do with|could use|due for|overdue for|wants?)\s+"
    r"(?:\w+\s+){0,2}?(?:new|replacement|fresh)\b",
    _I,
)
_RECORD = re.compile(r"\b(?:log|record|logbook|spent|paid|bought|cost|expense)\b", _I)


# ... or a rate said of how dear a thing is: "milk is so dear up here, 6 bucks a litre"
_DEAR = re.compile(
    r"\b(?:dear|expensive|pricey|costly|cheap|robbery|rip-?off|steep)\b[^.?!]{0,30}?"
    + _PRICE
    + r"\s*(?:a|an|per|/|each)\s*(?:litre|liter|ltr|l|night|week|kilo|kg|loaf|bottle|dozen"
    r"|carton|bag|pop|head|person)\b",
    _I,
)


# A fuel price said at the pump, by its size: a figure under 5 for a fuel names the price of a
# litre (or a gallon), not a fill ("diesel was 2.19 at Childers", "petrol's 1,98 here"),
# unless the litres bought are said beside it.
_PUMP_PRICE = re.compile(
    r"\b(?:diesel|petrol|unleaded|fuel|gas|gasoline|premium|e10|lpg|ulp|u91|u95|u98)\b"
    r"[^.?!\d]{0,20}?(?:\b(?:was|is|were|are|'s|at|for|going for|sitting at|hit)\s+|\s)"
    r"(?:about |around |only |just )?\$?[0-4][.,]\d{1,3}\b(?![.,]?\d)"
    # ... or the price first: "charging 2.99 for unleaded", "1.95 a litre for diesel"
    r"|\$?\b[0-4][.,]\d{1,3}\b(?:\s*(?:a|per|/)\s*(?:litre|liter|l))?\s+(?:for|of)\s+"
    r"(?:diesel|petrol|unleaded|fuel|gas|gasoline|premium|e10|lpg|ulp|u91|u95|u98)\b",
    _I,
)
_LITRES_SAID = re.compile(r"\d\s*(?:l|ltrs?|litres?|liters?|gal|gallons?)\b", _I)


def price_quoted(text: str) -> bool:
    """Whether `text` quotes what a thing goes for, with no act of buying beside it."""
    if _PUMP_PRICE.search(text) and not _LITRES_SAID.search(text):
        return not _DONE_ACT.search(text)
    return bool(_QUOTED.search(text) or _DEAR.search(text) or _COMPARED.search(text)) and not (
        _DONE_ACT.search(text)
    )


# Prices set against each other: "a pie here is 6, back home it was 4.50, which is dearer?",
# "is 2.10 a litre cheaper than at home?" (which costs more, nothing bought).
_COMPARED = re.compile(
    r"\b(?:which|what)(?:'s| is| was| one is| one was| one's)\s+(?:the\s+)?(?:dearer|cheaper"
    r"|pricier|more expensive|less expensive|better value|cheapest|dearest|priciest)\b"
    r"|\b(?:dearer|cheaper|pricier|more expensive|less expensive) than\b[^.!]*\?",
    _I,
)


def unreal_act(text: str, tool: str) -> bool:
    """Whether the report-keeping `tool` was read from an act `text` says is not done:
    planned ("planning to fill up tomorrow"), supposed, wished or denied ("we didn't spend
    anything on fuel today"), or a price only quoted ("diesel is 2.10 a litre here"), with
    no request to keep anything."""
    if tool in REPORTS and _NEEDED.search(text) and not _RECORD.search(text):
        return True
    if tool not in REPORTS or not (
        _UNREAL.search(text) or price_quoted(text) or _HABIT.search(text)
    ):
        return False
    return not (_KEEP.search(text) or _POLITE.search(text))


# --- Told, not asked: the mood of a whole message (branch i15-route10) ----------------------
# A write needs an explicit request. A message with none, whose act is someone else's, a
# habit, a plan or a supposition, keeps nothing, whatever tool its words name: "my mate
# reckons we should join X", "the neighbours booked the vet", "we usually pay 45 a night",
# "we'll probably fix the awning at some stage", "if we bought a new esky we'd be stretched".

# What asks PAM to do something, anywhere in a message: a verb of keeping or doing that
# opens a clause (the imperative), a polite request, "let's", "I'd like you to".
_DO_VERB = (
    r"(?:add|log|put|pop|set|save|book|note|record|remind|post|make|chuck|jot|stick|bung"
    r"|throw|delete|remove|cancel|move|change|update|mark|tick|create|plan|share|like|join"
    r"|enter|track|file|keep|write|comment|reply|schedule|show|tell|give|list|check|find"
    r"|start|block|pencil|whack|slap|shove|sort|organise|organize|rename|clear|scrap|ditch"
    r"|bin|drop|take|send|invite|approve|accept|leave|unjoin|favourite|heart|upvote|pin|say"
    r"|sign|count|enrol|enroll|subscribe|follow|grab|ring|call|text|email)"
)
_CLAUSE_OPENS = re.compile(
    # (not an adverb after a subject: "our neighbours just put a new fridge in their van")
    r"(?:^|[,;:.!?()\n-]\s*|\b(?:and|then|so|but|pls|please|oh)\s+)"
    # ("… but do log 30 for mine": "do" before a verb of keeping, not "to-do list")
    r"(?:(?:please|pls|plz|just|also|quickly|can|go|oh|ok|okay|and|then|now"
    r"|(?<![-\w])do(?=\s+(?:log|add|put|save|set|book|note|record|post|make|keep|jot|pop|chuck)))"
    r"\s+)*"
    + _DO_VERB
    # (not a filler "like, …" or "like I said", nor "remind me, did I …?" which asks)
    + r"\b(?!\s*,|(?<=like)\s+(?:i|we|you|they)\b)"
    r"(?!(?<=remind)\s+(?:me|us)\s*[,:;-])",
    _I,
)
# ... of those, the verbs that ask to keep something (a reading's "show me" asks no write).
_KEEP_OPENS = re.compile(
    r"(?:^|[,;:.!?()\n-]\s*|\b(?:and|then|so|but|also|pls|please|just|oh)\s+)"
    r"(?:(?:please|pls|plz|just|also|quickly|can you|could you|would you|will you|if you|mind|go"
    r"|ok|okay)\s+)*"
    r"(?:add|log|put|pop|record|note|chuck|jot|stick|bung|throw|enter|track|file|save|keep"
    r"|write|whack|slap|shove|pencil|book|schedule|set)\b",
    _I,
)


def told_to_keep(text: str) -> bool:
    """Whether a clause of `text` opens with a verb of keeping ("add the esky for 120 to my
    spending", "can you log …"): a write asked for, not a reading."""
    return _KEEP_OPENS.search(_squeezed(text)) is not None


# A thing told as to be kept, in the passive: "the 20 parking fine has to go in as other",
# "3 tins of tuna need to go in it", "the 18 for parking should be recorded", "the ferry
# needs logging".
GOES_IN = (
    r"\b(?:has|have|needs?|got|ought) to go (?:in|on|into|onto|down|under)\b"
    r"|\b(?:should|must|can|could) go (?:in|on|into|onto|down|under) (?:the|my|our|it|as|under)\b"
    r"|\b(?:needs?|has|have|should|must|ought) (?:to )?(?:be|get) (?:logged|recorded|added|entered"
    r"|put (?:in|on|down)|noted|jotted down|saved|written down|kept|booked in|pencilled in)\b"
    r"|\bneeds? (?:logging|recording|adding|entering|noting|saving|writing down|jotting down)\b"
)
_ASKED_TO = re.compile(
    GOES_IN + r"|\b(?:let'?s|lets|let us)\b|\bif (?:you|ya|u) (?:could|can|would|don'?t mind)\b"
    r"|\b(?:i|we) (?:want|need|would like|'d like|wanna) (?:you|ya|u) to\b"
    r"|\b(?:i|we) (?:want|need|would like|'d like|wanna) to " + _DO_VERB + r"\b"
    r"|\bremind (?:me|us) (?:to|about|at|on|in|before|that)\b|\bfyi\b|\bfor the record\b"
    r"|\bnote (?:that|down|this)\b|\b(?:says|said|wants|asked) (?:me |us )?to\b"
    # a polite request after what it is about: "…. Would it be possible to join us up?"
    r"|\b(?:would|will|could|is) it be (?:\w+ ){0,2}(?:possible|ok|okay|alright|all right"
    r"|a pain|too much trouble|a bother)\b|\bany chance\b|\bwould you mind\b"
    r"|\b(?:i|we) (?:\w+ )?(?:like|love|want|need|wanna) to (?:record|note|log|save|keep|remember"
    r"|add|put|get into|join|switch|change|set)\b|\bfor future reference\b"
    # the request after a condition with no comma: "if it rains move the bbq to sunday"
    r"|^(?:\w+\s+)?if\s+\S+\s+\S+(?:\s+\S+){0,3}?\s+(?:move|add|cancel|remind|log|shift|push"
    r"|bump|change (?:it|that|them)|put (?:it|that|them)|set (?:it|that|one))\b",
    _I,
)


def asks_to_do(text: str) -> bool:
    """Whether `text` asks PAM, anywhere, to do something: an imperative opening a clause
    ("…, log it please"), a polite request, "let's", "remind me to", a labelled note
    ("todo: …"), or a proposal with its value ("we should set fuel at 400 a month")."""
    text = _squeezed(text)
    if _LABELLED.match(text):
        return True
    proposed = _PROPOSAL.search(text)
    if proposed and _REPORTED.search(text[: proposed.start()]):
        proposed = None  # "my mate reckons we should set fuel at 500": their proposal
    return bool(
        _ASKS_PAM.search(text)
        or _POLITE.search(text)
        or _ASKED_TO.search(text)
        or proposed
        or _CLAUSE_OPENS.search(text)
    )


# A note under its label: "todo: service the generator whenever", "shopping - milk".
_LABELLED = re.compile(
    r"^\W*(?:(?:low|high|top|medium|urgent|normal) prio\w*(?: (?:task|job|to-?do))?"
    r"|to-?dos?|todo list|tasks?|jobs?(?: list)?|reminders?|notes?|shopping(?: list)?"
    r"|groceries|budgets?|expenses?|income|diary|calendar|events?|post|pantry)\s*[:=-]",
    _I,
)


def _squeezed(text: str) -> str:
    """`text` with each run of blanks one space: the clause patterns try each separator once
    (a message of 4,000 blank lines costs O(n), not O(n^2))."""
    return _BLANKS.sub(" ", text)


_BLANKS = re.compile(r"\s{2,}")


# Someone else, as the subject of what is told: friends, relations outside the household,
# strangers. (The household — "the wife", "my husband", "the missus" — is not here: what
# they paid is the couple's money.)
_OTHERS = (
    r"(?:(?:my|our) (?:mate|mates|friend|friends|buddy|buddies|pal|pals|bestie|sister|brother"
    r"|cousin|cousins|neighbou?rs?"
    # (grown children and their children, living their own lives: "my son in Perth bought …")
    r"|son|sons|daughter|daughters|grandson|granddaughter|grandkids|grandchildren|nephew|niece"
    r"|stepson|stepdaughter|son-in-law|daughter-in-law"
    r"|dad|mum|mom|mother|father|parents|uncle|aunt|auntie|nan|nanna|grandad|boss"
    r"|sister-in-law|brother-in-law|in-laws|workmate|colleague|old man|old lady)"
    r"|the (?:neighbou?rs|bloke|guy|lady|couple|people|folks|mob|fella|woman|man"
    r"|kids next door|others|campers|owners|caretakers?)"
    r"|a (?:bloke|guy|lady|couple|fella|woman|man|mate|friend|family|mob)"
    r"|some(?:one|body| bloke| guy| people| folks| fella| lady)|everyone|everybody|mate)"
    # (where they are from or were: "a bloke at the park", "the people two vans down"; never
    # with the user: "a mate and I")
    r"(?:\s+(?!(?:and|i|we|me|us|with)\b)[\w'-]+){0,4}?"
)
_SAYING = r"(?:reckons?|reckoned|says|said|thinks|thought|told (?:me|us)|swears?|reckon)"
# ... doing, saying or having done: a verb of saying or thinking, a past tense, "has
# been", a habit — but not what they did to us ("they charged us 80", "Dave paid me 200":
# our money). A name counts only with a verb of saying ("Dave reckons …") or "'s been":
# a capital opening a message may be anything ("Dentist booked for friday").
_OTHERS_DID = re.compile(
    # (the message's subject: its first clause, after a greeting or "so"/"apparently" —
    # "had the bearings done, $180, fellow said next in a year" is the user's own)
    r"(?:^(?i:(?:hey|hi|so|oh|and|but|apparently|pam|mate|well)\W+)*)(?:(?i:"
    + _OTHERS
    # (what is theirs: "our neighbours' caravan did 18 per 100", "my mate's ute does 12")
    + r")(?:'s|'(?=\s))?(?:\s+(?:car|ute|van|caravan|truck|rig|wagon|cruiser|4wd|4x4|camper"
    r"|motorhome|bus|trailer|boat|bike|dog|kids?))?"
    r"(?:\s+[A-Z][a-z]+)?\s+(?i:(?:\w+ly\s+|just\s+|also\s+|always\s+|usually\s+)?"
    r"(?:" + _SAYING + r"|(?:\w+ed|bought|paid|spent|got|made|went|did|had|took|sold|found"
    r"|saw|left|put|set|been|has|have|always|usually|never|spends|pays|buys|gets|earns|uses"
    r"|goes|runs|drives|burns|reckons|does|averages|drinks|manages|returns)\b"
    r"(?!\s+(?:us|me|mine|ours)\b))\b)"
    r"|(?!(?:I|We|You|My|Our|The|It|That|This|So|And|But|Just)\b)[A-Z][a-z]+"
    r"(?: and [A-Z][a-z]+)?(?i:\s+" + _SAYING + r"\b|'s been\b))"
    # what it cost someone else: "my mate's service cost him 900"
    r"|\b(?i:cost|costs|set|sets|charged|stung) (?i:him|her|them)\b",
)
# What the user read or saw somewhere, passed on: "saw a post on facebook that the road's
# shut", "read an article saying diesel will hit 2.50" (told, not a post to write).
_SEEN_SAID = re.compile(
    r"^(?:(?:hey|hi|so|oh|and|but|apparently|pam|mate|well|i)\W+)*"
    r"(?:i\s+)?(?:saw|seen|read|spotted|came across|heard)\s+(?:a|an|the|this|some|someone'?s)\s+"
    r"(?:post|posts|ad|advert|article|sign|notice|story|thing|comment|review|video)\b"
    r"[^.?!]{0,40}?\b(?:that|saying|says|said|about)\b",
    re.IGNORECASE,
)
# A bill of someone else's, or one said not to be ours: "my sister's vet bill came to 300",
# "the neighbours' new awning cost a fortune, 2 grand", "glad it wasn't mine".
_THEIR_BILL = re.compile(
    r"(?:^(?i:(?:hey|hi|so|oh|and|but|apparently|pam|mate|well)\W+)*)(?i:"
    + _OTHERS
    + r")(?:'s|'(?=\s))\s+(?:[\w-]+\s+){0,3}?(?i:bill|invoice|tab|fine|rego|insurance|service"
    r"|repairs?|fees?|rent|quote)\b"
    r"|\b(?i:(?:it|that|which|this one)\s+(?:wasn'?t|was not|isn'?t|is not|'s not)\s+(?:mine|ours)"
    r"|glad it wasn'?t (?:me|us|mine|ours))\b"
)
# Someone else named, then told of as "he", "his …": "my friend Kenji, his van had a flat near
# Uluru", "a bloke at the caravan park, he paid 90 for a new battery". Their doing.
_OTHERS_THEN_HE = re.compile(
    r"^(?i:(?:hey|hi|so|oh|and|but|apparently|pam|mate|well)\W+)*(?i:"
    + _OTHERS
    + r")(?:\s+[A-Z][a-z]+)?\s*[,-]\s*(?i:his|her|their|he|she|they)\b"
)
# Someone else's saying, right before what they propose.
_REPORTED = re.compile(
    r"(?i:" + _OTHERS + r")(?:\s+[A-Z][a-z]+)?\s+(?i:" + _SAYING + r")\s+(?i:that\s+)?$"
    r"|[A-Z][a-z]+\s+(?i:" + _SAYING + r")\s+(?i:that\s+)?$"
)
# Money someone else spent, told in a later clause of a story: "we watched a doco about a
# couple who drove to Sydney, they spent about 2000 all up" (not what was done to us: "they
# charged us 80", "they paid us 500"; nor beside an act of ours: "… and we paid 60").
_THEY_DID = re.compile(
    r"\b(?:they|he|she|those two|his mate|her mate|their mate"
    r"|(?:the|that|a|some) (?:couple|family|people|folks|bloke|guy|lady|fella|mob|neighbou?rs?)"
    r"(?:\s+(?:next door|next to us|beside us|near us|behind us|across from us|over the road"
    r"|(?:two|three|a few) (?:vans|sites|spots) (?:down|over|up)|at the next site))?)"
    r"\s+(?:\w+ly\s+|just\s+|also\s+|only\s+|must have\s+|must've\s+)?"
    r"(?:spent|paid|bought|forked out|shelled out|dropped|blew|splurged|earned|made|sold)\b"
    r"(?!\s+(?:us|me)\b)",
    re.IGNORECASE,
)
# ... whose "she" or "they" may be the household's own: "the wife and I hit the shops, she
# spent 80 at Kmart" is the couple's money.
_HOUSEHOLD = re.compile(
    r"\b(?:wife|husband|hubby|missus|missis|partner|other half|better half|the kids|our kids"
    r"|my kids|son|daughter|grandkids)\b",
    re.IGNORECASE,
)
_WE_DID = re.compile(
    r"\b(?:i|we|i'?ve|we'?ve|i have|we have|me and \w+|\w+ and i)\s+(?:\w+ly\s+|just\s+|also\s+"
    r"|only\s+|then\s+)?(?:spent|paid|bought|forked out|shelled out|dropped|blew|splurged|earned"
    r"|made|sold|got|filled|had|grabbed)\b|\b(?:cost|charged|set|stung) (?:us|me)\b"
    r"|\b(?:paid|gave) (?:us|me)\b|\b(?:my|our) (?:share|half|bit|cut)\b",
    re.IGNORECASE,
)


# A habit: "we usually …", "most weeks we …", "every time we're in town …".
_HABITUAL = re.compile(
    r"\b(?:usually|normally|generally|typically|always|often|tend to|most (?:weeks|days"
    r"|months|times|nights|mornings|trips|years)|every time|each time|whenever|as a rule"
    # a day of every week: "the pub does a 15 dollar schnitty on tuesdays"
    r"|on (?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekends))\b"
    # a custom of a country or a town: "in Japan we use LINE for the groups", "in Korea we
    # celebrate Chuseok in autumn" (what is done there, not what we did or will do)
    r"|^(?:(?:oh|so|well|and|but|here|back)\W+)*(?-i:[Ii]n (?:the )?[A-Z][a-z]+(?: [A-Z][a-z]+)?),?"
    r" (?:we|they|people|everyone|everybody|most people|you|folks)"
    r" (?!(?:will|'ll|would|should|must|need|needs|want|wanna|have|had|are|were|was|might|may"
    r"|can|could|gotta)\b)[a-z]+(?<!ed)\b",
    _I,
)
# A plan or a possibility: "we'll probably …", "might …", "thinking about …".
_MAYBE = re.compile(
    r"\b(?:might|maybe|probably|prob|perhaps|possibly|thinking (?:of|about)|considering"
    r"|at some (?:point|stage)|one day|some ?day|down the track|eventually|hoping to"
    r"|planning (?:to|on)|(?:i|we|you|they|he|she|it) (?:may|could)|no rush|sometime"
    r"|some time|one of these days|at some point)\b",
    _I,
)
# A supposition: "if we …", "suppose we …", "what would happen if …".
_SUPPOSED = re.compile(
    r"^(?:(?:hey|hi|so|and|but|ok|okay|um|oh|just|hmm+)\b[,!]?\s+)*(?:(?:what |and )?if"
    r"|suppose|supposing|imagine|hypothetically|in case)\b|\b(?:what would happen|what if"
    r"|would it|would that|would we|would i)\b(?! (?:be )?(?:possible|ok|okay|alright|mind)\b)",
    _I,
)


# What someone told us, by their trade or a notice: "the mechanic said the service will be
# about 400", "the sign says pay 20 at the box". Only with a verb of saying: the work the
# mechanic did is ours ("the mechanic replaced the pads, 320").
_TOLD_BY = re.compile(
    r"^(?:(?:hey|hi|so|oh|and|but|apparently|pam|mate|well)\W+)*"
    r"(?:the|my|our|a|an|some) (?:mechanic|mechanics|vet|ranger|rangers|doctor|doc|dentist"
    r"|physio|sign|signs|notice|staff|owner|owners|manager|caretaker|host|hosts|receptionist"
    r"|pharmacist|chemist|tyre (?:shop|place|bloke)|info centre|visitor centre|forecast|radio"
    r"|news|council|park office|office|booking lady|lady|bloke|guy|fella|woman|man)"
    r"(?:\s+(?!(?:and|i|we|me|us)\b)[\w'-]+){0,5}?\s+"
    r"(?:said|says|say|reckons?|reckoned|told (?:us|me)|tells (?:us|me)|thinks|thought"
    r"|recommended|recommends|suggested|suggests|reckoned|warned|mentioned|quoted)\b",
    re.IGNORECASE,
)
# What the household tells of the couple's money, by their saying: "my wife said we spent 300
# on food last week, sounds about right", "the hubby reckons we've paid 900 in rego this
# year". Told, not asked ("the wife says to log the 40 for gas" asks: a request).
_HOUSEHOLD_SAID = re.compile(
    r"^(?:(?:hey|hi|so|oh|and|but|apparently|pam|mate|well)\W+)*"
    r"(?:my|the|our) (?:wife|husband|hubby|missus|missis|partner|other half|better half|kids"
    r"|son|daughter)\s+(?:\w+ly\s+)?"
    r"(?:said|says|reckons?|reckoned|thinks|thought|told (?:me|us)|reminded (?:me|us))"
    # (not what the household asks to have kept: "the wife reckons I should tell you that …")
    r"\s+(?:that\s+)?(?:we|i|us|it|the)\b(?!\s+(?:should|need to|have to|must|ought to|'d better"
    r"|had better|gotta)\b)",
    re.IGNORECASE,
)
# What others paid for their own things: "bev and col paid 90 for their site last night" (not
# the user's: no I, we, me, us, my or our in it).
_THEIRS = re.compile(
    r"^(?!.*\b(?:i|i'?m|i'?ve|we|we'?re|we'?ve|me|us|my|our|mine|ours)\b).*"
    r"\b(?:paid|spent|bought|got|forked out|shelled out|dropped)\b[^.?!]{0,40}"
    r"\b(?:for|on)\s+(?:their|his|her)\b",
    re.IGNORECASE,
)
# A request said not to be made: "don't log that one", "no need to put it in the calendar",
# "nah dont post anything", "leave the budget as it is". ("Don't forget to …" and "don't let
# me forget to …" ask.)
_DENIED = re.compile(
    # (it opens the message: a refusal after a request, "add a job for X, don't log the cost
    # yet", leaves the request standing: intents reads what comes before it)
    r"^(?:(?:hey|hi|so|oh|ok|okay|nah|no|pls|please|just|and|but|um|pam|mate)\b[,!]?\s+)*"
    r"(?:(?:don'?t|dont|do not|no need to|never|not gonna|we won'?t need to|you don'?t need to"
    r"|there'?s no need to)\s+(?:(?:bother|worry)\s+(?:(?:to|about)\s+)?)?"
    r"(?!forget\b|let (?:me|us) forget\b)"
    + _DO_VERB
    + r"\b|leave (?:it|that|them|the \w+(?: \w+)?) (?:as (?:it|they) (?:is|are)|alone|be)\b)",
    re.IGNORECASE,
)
_REFUSED = re.compile(_DENIED.pattern + r"(?:(?!\bbut\b)[^,;.!?])*", re.IGNORECASE)
# Kept already by the user: "already logged the diesel", "milk's already on the list", "the
# campsite's in already", "i put the dentist in yesterday", "sorted the ferry myself".
_KEPT_ALREADY = re.compile(
    r"\balready (?:logged|entered|recorded|added|saved|noted|booked in|put (?:it |that |them )?in"
    r"|in\b|on (?:the|my) (?:list|calendar|jobs)|in (?:the|my|there))"
    r"|\b(?:'s|is|are|was|were) (?:in|on the list|in there|logged|saved|booked in)"
    r" already\b"
    r"|\b(?:i|we|i'?ve|ive|we'?ve|weve|i have|we have) (?:already |just |also )?"
    r"(?:logged|entered|recorded|added|saved|noted|(?:put|popped|chucked) (?:the|that|it|them"
    r"|those)\b[^\d.?!]{0,30}?\bin)\b[^.?!]{0,40}?\b(?:already|before|earlier|myself"
    r"|ourselves|yesterday|this morning|last night|so we'?re (?:sweet|good|right)|all good)\b"
    r"|\b(?:logged|entered|recorded|added|saved|sorted|put)\b[^.?!]{0,50}?\b(?:myself"
    r"|ourselves)\b",
    re.IGNORECASE,
)


_OWN_REFUSAL = r"(?:i'?m|im|i am|we'?re|we are) not(?: gonna| going to)?"
# The user's own refusal of what was just told, said last: "my husband wants to post that the
# croc signs are fake — I'm not posting that". Whatever was told before it (another's wish
# included) is refused; a request after it still asks.
_REFUSED_LAST = re.compile(
    r"(?:[,;.!?:]|\s[-–—]|\b(?:but|and|so|though))\s*(?:(?:nah|no|but)\s+)*"
    r"(?:" + _OWN_REFUSAL + r"|(?:i|we) won'?t(?: be)?)\s+"
    r"(?:posting|logging|adding|recording|saving|sharing|putting|booking|keeping|noting"
    r"|post|log|add|record|save|share|put|book|keep|note)\s+"
    r"(?:it|that|this|them|those|any of it)\b",
    re.IGNORECASE,
)
# ... or said after what it was about, pointing back at it: "the ferry cost 234 but don't
# worry about putting that in", "spent 12 on a pie, no need to log it", "…, don't bother
# recording that one". What it points at is told, not asked to be kept.
_DENIED_AFTER = re.compile(
    r"(?:[,;.!?:]|\s[-–—]|\b(?:but|and|so|though))\s*(?:(?:pls|please|just|oh|nah|no)\s+)*"
    r"(?:don'?t|dont|do not|no need to|you (?:don'?t|do not) (?:need|have) to|there'?s no need to"
    # (the user's own refusal: "— I'm not posting that", "we won't be logging it")
    r"|" + _OWN_REFUSAL + r"|(?:i|we) won'?t(?: be)?"
    r"|never mind)\s+(?:(?:bother|worry)\s+(?:(?:to|about|with)\s+)?)?"
    r"(?:putting|logging|adding|recording|writing|saving|entering|noting|keeping|jotting"
    r"|popping|chucking|sticking|booking|tracking|filing|counting|including|posting|sharing"
    r"|put|log|add|record|post|share"
    r"|write|save|enter|note|keep|jot|pop|chuck|stick|bung|book|track|file|count|include)\s+"
    # (what it points at: "it", "that one", "anything for it", "any of that")
    r"(?:it|that|this|them|those|these|anything\s+(?:for|about|of)\s+(?:it|that|this|them)"
    r"|any of (?:it|that|this|them))\b[^,;.!?]*",
    re.IGNORECASE,
)
# Only telling, not asking: "I'm only telling you cos it was a shock", "just venting".
_ONLY_TELLING = re.compile(
    r"\b(?:i'?m|im|i am)\s+(?:only|just)\s+(?:telling|saying|mentioning|letting you know)\b"
    r"|\bjust (?:venting|saying|sharing|having a whinge|whinging|grumbling)\b",
    re.IGNORECASE,
)
# Money still to come, an estimate the user will give for real later: "lunch will be about
# 30 I reckon, I'll tell you the real number later", "dinner tonight should come to 80ish".
_ABOUT = r"(?:about|around|roughly|maybe|like|approx\w*|somewhere around|near|close to|under|over)"
_TO_COME = re.compile(
    r"\b(?:will|'ll|gonna|going to)\s+(?:probably\s+|likely\s+)?"
    r"(?:be|cost|come to|come in at|run (?:us|me|to)|set (?:us|me) back)\s+(?:us\s+|me\s+)?"
    + _ABOUT
    + r"?\s*[$£€]?\d"
    # ("should be 42" corrects a row: only an estimate with its "about" is to come)
    r"|\b(?:should|might|may|could)\s+(?:probably\s+|likely\s+)?"
    r"(?:be|cost|come to|come in at|run (?:us|me|to)|set (?:us|me) back)\s+(?:us\s+|me\s+)?"
    + _ABOUT
    + r"\s*[$£€]?\d"
    r"|\b(?:i'?ll|we'?ll|i will|we will)\s+(?:tell|let) you(?: know)?\b[^.?!]{0,40}\blater\b"
    r"|\b(?:i'?ll|we'?ll|i will|we will)\s+(?:give|send) you (?:the )?(?:real|exact|actual"
    r"|proper|final)\b",
    re.IGNORECASE,
)


def still_to_come(text: str) -> bool:
    """Whether `text`, one clause, tells money still to come ("the rest will be about 30")
    with no act done and no request to keep it."""
    return bool(
        _TO_COME.search(text)
        and not _DONE_ACT.search(_TO_COME.sub(" ", text))
        and not asks_to_do(text)
    )


# Words someone else wrote or said, quoted: "Jen's post says 'everyone should delete their
# PAM data' lol", "the sign said \"pay 20 at the box\"", "Kev wrote: 'join us at …'". What is
# inside the marks is theirs: no request of the user's, whatever its verbs.
_QUOTED_THEIRS = re.compile(
    r"(?:\b(?-i:[A-Z])[\w-]*'s|\b(?:his|her|their|the|a|that|this|some|one|my mate's|a mate's))"
    r"\s+(?:[\w']+\s+)?(?:post|comment|message|sign|text|email|note|notice|status|reply|caption"
    r"|review|ad|flyer|poster|letter)\s+(?:says|said|reads|read|goes|went|was|is)\s*[:,-]?\s*['\"‘“]"
    r"|(?:^|[,;.!?]\s*)(?:(?:my |our |a |the )?(?:mate|friend|sister|brother|neighbou?r|bloke|guy"
    r"|lady)|(?!(?:i|we|you|pam)\b)\w+)\s+(?:says|said|posted|wrote|commented|replied|texted|messaged"
    r"|reckons)\s*[:,-]?\s*['\"‘“]",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"['\"‘“](?=\S)[^'\"‘’“”]{2,300}['\"’”](?!\w)")


def quoted_theirs(text: str) -> bool:
    """Whether `text` quotes what someone else wrote or said and asks nothing outside the
    quote."""
    return bool(_QUOTED_THEIRS.search(text)) and not asks_to_do(_QUOTE.sub(" ", text))


# Money told of a year gone, beside something coming: "ours is due soon eh, we paid 780 last
# year" compares, it keeps no row (no day to keep it on; "log the 780 from last year" asks).
_YEAR_GONE = re.compile(
    r"\b(?:last year|a year ago|(?:a few|a couple of|two|three|\d+) years ago|the year before"
    r"|the previous year|last (?:financial )?year's)\b",
    re.IGNORECASE,
)

Mood = Literal["others", "supposed", "habit", "maybe", "denied", "kept", "price", "past"]


def mood_told(text: str) -> Mood | None:
    """The mood that makes `text` ask for no write (no request in it, and what it tells is
    someone else's doing, a supposition, a habit or a plan), or None."""
    text = _squeezed(text)
    # (a request said not to be made is no request; another one beside it still is: "don't
    # add bread, but pop milk on the list")
    # (the refused clause whole: "don't write this in the app please, but I lost 20 at the
    # pokies" asks nothing — its "please" is the refusal's)
    if _DENIED.search(text) and not asks_to_do(_REFUSED.sub(" ", text)):
        return "denied"
    if _DENIED_AFTER.search(text) and not asks_to_do(_DENIED_AFTER.sub(" ", text)):
        return "denied"
    if (refused := _REFUSED_LAST.search(text)) and not asks_to_do(text[refused.end() :]):
        return "denied"
    if quoted_theirs(text):
        return "others"  # their words quoted: told, not asked
    if asks_to_do(text):
        return None
    if _ONLY_TELLING.search(text):
        return "others"  # told for its own sake: nothing to keep
    if _TO_COME.search(text) and not _DONE_ACT.search(_TO_COME.sub(" ", text)):
        return "maybe"
    if _KEPT_ALREADY.search(text):
        return "kept"
    if price_quoted(text):
        return "price"  # "eggs were 9 bucks a dozen at the iga": what a thing goes for
    if _YEAR_GONE.search(text) and _DONE_ACT.search(text):
        return "past"  # "we paid 780 last year": a figure to compare with, no row to keep
    if (
        _OTHERS_DID.search(text)
        or _TOLD_BY.search(text)
        or _HOUSEHOLD_SAID.search(text)
        or _OTHERS_THEN_HE.search(text)
        or _THEIRS.search(text)
        or _SEEN_SAID.search(text)
        # (not one we paid for them: "we covered my sister's vet bill, paid 300")
        or (_THEIR_BILL.search(text) and not _WE_DID.search(text))
        or (_THEY_DID.search(text) and not _WE_DID.search(text) and not _HOUSEHOLD.search(text))
    ):
        return "others"
    if _SUPPOSED.search(text):
        return "supposed"
    # (an act done is still the act, estimated or set against the habit: "spent probably
    # 40 on fuel", "we usually pay 45 a night but paid 60 here")
    if _DONE_ACT.search(text) or _fill_told(text):
        return None
    if _HABITUAL.search(text):
        return "habit"
    if _PRIORITY_FIRST.match(text):
        return None  # "low priority one, no rush. …": a job's weight, said only of a job to do
    return "maybe" if _MAYBE.search(text) else None


# A message that opens with a job's priority: "Low priority one, …", "top-priority job: …".
_PRIORITY_FIRST = re.compile(
    r"^\W*(?:(?:ok|okay|and|also|right|new|next)\b[\s,]*)*(?:a |an |another )?(?:low|lowish"
    r"|high|top|medium|urgent)[- ]priority\b",
    _I,
)


def unrefused(text: str) -> str | None:
    """What a message tells with its refusal to keep it taken out ("dont log this but i just
    spent 300 at bunnings" tells "i just spent 300 at bunnings"), when it refuses one."""
    if _DENIED.search(text):
        rest = _REFUSED.sub(" ", text, count=1)
    elif _DENIED_AFTER.search(text):
        rest = _DENIED_AFTER.sub(" ", text, count=1)
    else:
        return None
    rest = re.sub(r"^[\s,;.!?-]*(?:but|though|so|and)?\b\s*", "", rest, flags=re.IGNORECASE)
    return rest.strip(" ,;.!?-") or None


def told_not_asked(text: str) -> bool:
    """Whether `text` asks for no write: no request in it, and what it tells is someone
    else's doing, a habit, a plan, or a supposition."""
    return mood_told(text) is not None


# --- The last one of a kind (branch i15-route10) ---------------------------------------------
# "when did I last fill up?", "last time we paid for a site?", "when was our last shop?": a
# question about the newest row of a kind lists that kind's rows (the newest first), it does
# not sum a month of them.
_LAST_ONE = re.compile(
    r"\bwhen (?:did|have|had|do) (?:i|we|you)\b[^?.!]{0,20}?\blast\b"
    r"|\bwhen (?:was|were) (?:the|my|our) (?:very )?last\b|\bwhen was the last time\b"
    r"|\blast time (?:i|we)\b[^.!]*\?\s*$|\bhow long (?:ago|since) (?:did )?(?:i|we)\b",
    _I,
)
# The money readings and writes such a question is about; the list of money answers it.
_MONEY_READ = frozenset(
    {"spending_summary", "fuel_stats", "log_fuel", "add_expense", "budget_status", "list_expenses"}
)


def last_of_kind(text: str, tool: str | None) -> str | None:
    """The tool that answers `text` when it asks for the last row of a money kind (the list
    of expenses), else `tool` as it is."""
    if tool in _MONEY_READ and (
        _LAST_ONE.search(text) or (_LAST_TIME.search(text) and is_question(text))
    ):
        return "list_expenses"
    return tool


# ... inside a question of another form: "what did we pay the last time we filled up"
_LAST_TIME = re.compile(
    r"\b(?:the )?last time (?:i|we|you)\b|\b(?:my|our|the) last (?:fill|fill-up|fillup|top-?up"
    r"|shop|refuel)\b",
    _I,
)


# --- Time spent is no money (branch i15-route10) ---------------------------------------------
# "we might spend the winter months in Perth", "spent the arvo at the beach": the verb's
# object is a stretch of time, and with no money said nothing was paid or is asked about.
_TIME_SPENT = re.compile(
    r"\bspen(?:d|ds|ding|t)\s+(?:(?:the|a|an|our|my|some|all|most of the|the whole|the rest of"
    r"|a few|a couple of|few|two|three|four|five|six|several|another|a good|an extra"
    r"|\d+)\s+)*(?:(?!(?:this|last|next|that|per|each|every|so|much|less|more)\b)\w+\s+)?"
    r"(?:winters?|summers?|autumn|spring|wet|dry|season|months?|weeks?"
    r"|days?|nights?|fortnights?|arvo|afternoon|morning|evening|weekend|holidays?|christmas"
    r"|easter|time|hours?|years?|ages|a while|while|school holidays|long weekend)\b",
    _I,
)
_MONEY_SAID = re.compile(
    r"[$£€]|\d|\b(?:dollars?|bucks|quid|grand|cost|costs|paid|budget|money|cash|spending"
    r"|how much|what did|rundown|summary|breakdown|what (?:we|i) (?:spent|spend))\b",
    _I,
)
MONEY_TOOLS = frozenset(
    {"add_expense", "add_income", "spending_summary", "list_expenses", "set_budget",
     "budget_status"}
)  # fmt: skip


def spends_time(text: str) -> bool:
    """Whether `text` spends time, not money ("we might spend the winter in Perth")."""
    return bool(_TIME_SPENT.search(text)) and not _MONEY_SAID.search(text)


# The fuel's own figures asked beside its money ("how much on diesel this month and how many
# litres?"): the fuel figures answer, not the list of money.
_LITRES_ASKED = re.compile(
    r"\bhow many (?:litres|liters|liter|litre|l|gallons)\b"
    # how much fuel went into the tank: "how much diesel have we gone through this month"
    r"|\bhow much (?:diesel|petrol|unleaded|fuel|gas|lpg)\b[^?.!,]{0,25}\b(?:use|used|using"
    r"|burn|burnt|burned|burning|go through|gone through|went through|going through)\b"
    r"|\b(?:litres|liters) (?:used|did we)\b"
    r"|\b(?:fuel )?(?:economy|consumption|l/100|mpg)\b",
    _I,
)


def fuel_figures(text: str, tool: str | None) -> str | None:
    """fuel_stats when `text`, read as a money question (`tool`), asks for litres or
    economy; else `tool` as it is."""
    if tool in ("spending_summary", "list_expenses") and _LITRES_ASKED.search(text):
        return "fuel_stats"
    return tool
