"""Trigger phrases of the wins tools: (tool, score, pattern), see triggers.py."""

from __future__ import annotations

from agent.brain.families import DELETE

# "biggest expense category", "what do we spend the most on", "where does most of the money
# go": the top of the spending summary's totals by category
TOP_CATEGORY = (
    r"\b(?:biggest|largest|highest|top|main|greatest|worst)\s+(?:(?:expense|spending|spend|cost"
    r"|money)\s+)?(?:categor(?:y|ies)|expense|spend|cost|outgoing|drain)\b"
    r"|\b(?:spen[dt]|go(?:es)?|went|blow|blew)\b.{0,25}\bthe most (?:on|money on)\b"
    r"|\bwhere (?:does|did) (?:the )?most (?:of )?(?:my |our |the )?(?:money|cash|dough)\b"
    r"|\bwhat (?:costs?|cost) (?:us|me) the most\b"
)

_SET = r"set|make|create|change|update|increase|decrease|raise|lower|put|adjust|bump"
_SHOW = r"show|list|see|view|display|pull up|get|give me|what are|what were|check|read out|any"
_ROWS = r"expenses|transactions|purchases|costs|receipts|expense"
_ROW = r"expenses?|purchases?|transactions?|entry|spend|payment|fees?|bills?|charges?"
_DELETE = DELETE
_EDIT = r"change|update|edit|fix|correct|amend|modify|adjust|recategori[sz]e"
_PAID = r"got paid|been paid|was paid|were paid|paid me|paid us|earned|earn|income|received"
_INCOME = r"receive|wages|salary|pension|payday|pay day|sold|refund(?:ed)?|reimburs\w+|tips"
_MONEY = r"\$?\d[\d,.]*k?"
_RECAP = r"rundown|run-down|recap|overview|tally|wrap-?up|run ?through"
_MONEYISH = r"spending|spend|spent|expenses|money|costs|outgoings"
_SPAN = r"(?:this|last|past|previous) (?:week|fortnight|month|year)|the trip|today|yesterday"
_OUT = r"spent|paid for|paid|bought|spent money on"
_BLOW = r"spent|spend|blow|blown|blew|drop|dropped|forked out|fork out|splash(?:ed)? out"
_BLOW += r"|shell(?:ed)? out|gone through|go through|put"
_WORK = r"gig|job|work|shift|client|boss|employer|house-?sit(?:ting)?|pet-?sit(?:ting)?|harvest"
_WORK += r"|station|farm|contract|hosting|market stall"

WINS: list[tuple[str, int, str]] = [
    ("add_expense", 9, r"\b(?:log|add|record|new|enter|put in)\b.{0,15}\bexpense\b"),
    ("set_budget", 8, rf"\b(?:{_SET})\b.{{0,30}}\bbudget\b"),
    # ("budgets: fuel 500 + groceries 600": a label of several, each with its amount)
    ("set_budget", 8, r"\bbudgets?\b.{0,30}(?:\$|\d)|\$\d.{0,30}\bbudget\b"),
    # a limit put on spending by the period: "cap what we spend on fuel at 900 a month"
    (
        "set_budget",
        8,
        r"\b(?:cap|capped|limit|ceiling)\b.{0,40}\b(?:at|to|of)\s+\$?\d[\d,.]*k?\s*(?:[a-z]{3}\s+)?"
        r"(?:a|per|/|each|every)\s*(?:month|mth|week|wk|fortnight)\b",
    ),
    ("budget_status", 7, r"\bbudgets?\b|\bover budget\b|\bon track\b"),
    # (not "where does that leave us, in or out?": money in against out)
    (
        "budget_status",
        8,
        r"\bwhere does (?:that|this) leave (?:us|me)\b"
        r"(?!.{0,40}\b(?:in or out|out or in|ahead or behind|in front or behind|up or down)\b)",
    ),
    # "how does that leave us for the month, net?", "where's that leave me overall": the net
    # of a period asked after money told (the budget's room is "where does that leave us")
    (
        "spending_summary",
        9,
        r"\b(?:how|where)(?:'s| does| do| did| is) (?:that|this|it) leave (?:us|me)\b"
        r".{0,40}\b(?:net|overall|all up|all told|in total)\b",
    ),
    # money in against money out: the net of a period
    (
        "spending_summary",
        9,
        r"\bcame in\b.{0,40}\bwent out\b|\bin (?:vs|versus) out\b"
        r"|\b(?:income|earnings) (?:vs|versus|against|and) (?:spending|expenses|outgoings)\b",
    ),
    ("budget_status", 7, r"\bhow much (?:have i|have we|do i have|do we have|is|'s) left\b"),
    # what may still be spent: "how much can we still spend on food", "how much i still can
    # spend", "what's left to spend"
    (
        "budget_status",
        9,
        r"\bhow much (?:more )?(?:(?:can|could) (?:i|we)|(?:i|we) (?:still )?(?:can|could))"
        r" (?:still )?spend\b|\bleft to spend\b",
    ),
    ("budget_status", 7, r"\bhow much\b.{0,25}\bleft\b|\bleft (?:in|of) (?:the|my|our) budget\b"),
    # "biggest expense category", "what do we spend the most on": the totals by category
    ("spending_summary", 9, TOP_CATEGORY),
    ("spending_summary", 7, r"\b(?:spending|spend|expense) (?:summary|breakdown|report|overview)"),
    # "summary 2026-02-01 → 2026-02-14", "summary for last week pls": the word alone first
    ("spending_summary", 9, r"^(?:(?:a|the|my|quick)\s+)?(?:summary|breakdown|rundown)\b"),
    # "how's my month tracking", "how's the week looking money-wise"
    (
        "spending_summary",
        7,
        r"\bhow(?:'s| is| are)? (?:my|our|the) (?:month|week|spending|money|finances)\b.{0,12}"
        r"\b(?:tracking|going|looking|shaping up)\b",
    ),
    ("spending_summary", 7, r"\bsummary of (?:my |our )?(?:spending|expenses|money|finances)\b"),
    ("spending_summary", 7, rf"\bhow much (?:have|did|had) (?:i|we) (?:{_BLOW})\b"),
    ("spending_summary", 7, r"\bwhat (?:did|have) (?:i|we) (?:spent|spend)\b"),
    # money said to have gone on something: "how much went on groceries in may", "how much
    # has gone on camp fees", "how much money goes on the phone" (spent, summed)
    (
        "spending_summary",
        7,
        r"\bhow much (?:money |cash |dosh )?(?:has |have |'s |did )?(?:gone|went|go|goes)"
        r" (?:on|into|to|towards)\b",
    ),
    ("spending_summary", 7, r"\bwhere(?:'s| is| did| has| does) (?:all )?(?:my|our|the) money"),
    ("spending_summary", 7, r"\bhow (?:am i|are we) (?:going|doing|tracking)\b(?!.*budget)"),
    ("spending_summary", 7, r"\bbreakdown\b|\b(?:total|net) (?:spending|spent|income)\b"),
    # "break down the fuel bit for me", "can you break it down": asked, so no vehicle broke
    (
        "spending_summary",
        7,
        r"^\W*(?:(?:ok|and|so|now)\s+)?(?:(?:can|could|would) (?:you|u|ya) |pls |please )?"
        r"break (?:(?:it|that|this|them|those|the|my|our)\s+)?(?:[\w-]+\s+){0,3}?down\b",
    ),
    # money in against money out: "in or out?", "ahead or behind", "in the black"
    (
        "spending_summary",
        9,
        r"\b(?:in or out|out or in|ahead or behind|in front or behind|behind or ahead|up or down"
        r"|in the (?:black|red)|making or losing|(?:net|overall) position)\b",
    ),
    ("spending_summary", 7, r"\bprojection\b|\bhow much (?:am i|are we) spending\b"),
    ("spending_summary", 7, r"\bspending (?:this|last|so far)\b|\bby category\b"),
    ("spending_summary", 7, r"\b(?:show|see|check|view)\b.{0,25}\bspending\b"),
    ("spending_summary", 7, r"\bsummar(?:y|ise|ize)\b.{0,20}\b(?:spending|money|expenses|month)"),
    ("spending_summary", 7, rf"\b(?:{_RECAP})\b.{{0,30}}\b(?:{_MONEYISH})\b"),
    ("spending_summary", 7, r"\b(?:my|our|the) (?:spending|spend|outgoings)\b"),
    ("spending_summary", 7, r"\bwhat'?s the damage\b|\bthe damage (?:so far|this|last)\b"),
    # ("last week's totals", "totals for the month": the money of a span added up)
    (
        "spending_summary",
        7,
        rf"\b(?:{_SPAN})'?s? (?:spending|spend|expenses|costs|outgoings|totals?)\b"
        rf"|\btotals (?:for|of) (?:the |this |last |past )?(?:week|fortnight|month|year|{_SPAN})\b",
    ),
    # "tell me what we spent last week": told a figure, the span added up ("show me what we
    # spent", "what we spent on food" are the rows themselves)
    (
        "spending_summary",
        8,
        r"\btell (?:me|us)\b.{0,20}\bwhat (?:i|we)(?:'ve| have)? (?:spent|paid)\b"
        r"(?!\s+(?:it |that |the money |our money |my money )?(?:on|for|at|in)\b)",
    ),
    ("spending_summary", 7, rf"\bwhat (?:did|has|have) (?:the )?(?:{_SPAN}) cost\b"),
    ("spending_summary", 7, rf"\bhow much (?:did|has|have) (?:the )?(?:{_SPAN}) cost\b"),
    ("list_expenses", 7, rf"\b(?:{_SHOW})\b.{{0,25}}\b(?:{_ROWS})\b"),
    ("list_expenses", 7, r"\b(?:my|our|recent|latest|last \d+) expenses\b"),
    # what something kept came to: "what did the camp fees come to in november", "how much
    # did the rego set us back" (the rows of that kind, added up)
    (
        "list_expenses",
        7,
        r"\b(?:what|how much) (?:did|do|does|has|have) (?:the |my |our |all the |those )?"
        r"[a-z][\w' ]{1,30}? (?:come to|came to|add up to|added up to|set (?:us|me) back)\b",
    ),
    (
        "list_expenses",
        7,
        rf"\b(?:{_SHOW}|tell me)\b.{{0,20}}\bwhat (?:i|we)(?:'ve| have)? (?:{_OUT})",
    ),
    ("list_expenses", 7, rf"\b(?:things|stuff|items) (?:i|we)(?:'ve| have)? (?:{_OUT})"),
    # the purchases of one thing shown back: "show me all the propane we bought since May"
    (
        "list_expenses",
        7,
        rf"\b(?:show|list|see|view|find|pull up)\b.{{0,30}}\b(?:i|we)(?:'ve| have)?"
        rf" (?:{_OUT}|purchased)\b",
    ),
    # the spending per day: "what are we averaging a day", "our daily average"
    # (explicit: a figure per day is money, never a vehicle's economy, which the classifier
    # would read in "the daily average")
    (
        "spending_summary",
        9,
        r"\baverag\w* (?:a|per|each) day\b|\bdaily (?:average|spend)\b"
        r"|\b(?:a|per) day (?:on average|average)\b",
    ),
    (
        "list_expenses",
        7,
        r"\b(?:list|show)\b.{0,20}\b(?:everything|all|what) (?:i|we) (?:spent|paid)",
    ),
    ("delete_expense", 8, rf"\b(?:{_DELETE})\b.{{0,30}}\b(?:{_ROW})\b"),
    # a delete verb first, then a row by its amount: "nuke the 12.50 coffee", "bin the 80 one"
    (
        "delete_expense",
        9,
        rf"^(?:(?:please|pls|ok|oh|and|just|can you|could you)\s+)*(?:{_DELETE})\s+"
        rf"(?:the|that|my|our)\s+(?:{_MONEY})\b(?!\s*(?:%|percent|litres?|l\b|km|kg))",
    ),
    ("set_budget", 8, r"\b(?:cap|limit)\b (?:my |our |the )?\w+(?: \w+)? (?:at|to)\b"),
    # a ceiling kept over a month: "let's keep fuel under 800 per month", "hold eating out
    # to 300 a month"
    (
        "set_budget",
        8,
        r"\b(?:keep|hold|stay)\b (?:the |our |my )?(?:\w+ ){0,2}(?:under|below|within|to|at)\b"
        r"[^.?!]{0,15}\d[^.?!]{0,12}\b(?:a|per|each|every|/) ?(?:month|week|mth|wk|fortnight)\b",
    ),
    ("set_budget", 8, r"\b(?:warn|alert|tell) (?:me|us) (?:when|if|once|at)\b"),
    # money kept back for a kind of spending is a budget, not money spent: "set aside 300 for
    # camping", "earmark 150 a week for food" (the rate may be lost to a slip: "a moth")
    (
        "set_budget",
        9,
        # the word first: the digit's look-ahead from every position was quadratic
        r"\b(?=set |put |stash |keep |earmark|allocate|ring)(?=[^.?!]*\d)"
        r"(?:(?:set|put|stash|keep) (?:\$?[\d,.]+\s*(?:bucks|dollars)?\s+)?aside"
        r"|earmark|allocate|ring-?fence)\b[^.?!]{0,40}\b(?:for|on|to)\b",
    ),
    ("update_expense", 8, rf"\b(?:{_EDIT})\b.{{0,30}}\b(?:expense|purchase|transaction|entry)\b"),
    # "that 45 for the caravan park was actually 54": an amount logged, corrected in place
    (
        "update_expense",
        9,
        r"\b(?:that|the)\s+\$?\d[\d.,]*\s*(?:dollars?|bucks)?\s+(?:one\s+)?(?:for|on|at)\b.{1,40}?"
        r"\b(?:was|is|should (?:be|have been))\s+(?:actually|actualy|actully|really)\s+\$?\d",
    ),
    # "the $60 lunch I logged for Tuesday was really on Monday": a row the user kept,
    # named by its money and "I logged", told to be on another day (changed in place)
    (
        "update_expense",
        9,
        r"\b(?:that|the)\s+\$?\d[\d.,]*\s*(?:dollars?|bucks)?\b[^.?!]{0,40}?\b(?:i|we)\s+"
        r"(?:logged|put in|put down|entered|added|recorded|saved)\b[^.?!]{0,30}?\b(?:was|were)\s+"
        r"(?:actually\s+|really\s+|in fact\s+)?(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun"
        r"|yesterday|the (?:day|\d))",
    ),
    # "that pie on friday was $9.50, not 5.90", "the laundromat was 14 not 12": one amount
    # put right against the other (a row kept, corrected in place)
    (
        "update_expense",
        9,
        r"\b(?:that|the|our|my)\s+(?!(?:quote|estimate|price|one)\b)[^.?!]{1,50}?"
        r"\b(?:was|were|is|came to|cost|should (?:be|have been))\s+"
        r"(?:actually\s+|really\s+)?\$?\d[\d.,]*\s*(?:dollars?|bucks)?\s*,?\s*(?:not|instead of)"
        r"\s+\$?\d",
    ),
    ("add_income", 8, rf"\b(?:{_PAID}|{_INCOME})\b"),
    (
        "add_income",
        8,
        rf"\bgot {_MONEY}(?: (?:cash|in cash|bucks|dollars))? (?:from|for)\b"
        rf"|\bmade {_MONEY} (?:from|selling|doing)\b",
    ),
    ("add_income", 8, r"\b(?:cash in|came in)\b"),
    # money that arrived where it is kept: "it landed in the bank overnight", "hit the account
    # this morning" (not a charge, a debit or a bill that hit it)
    (
        "add_income",
        6,
        r"^(?!.*\b(?:charge|charged|debit|debited|bill|fee|fine|withdrawal|came out)\b).*"
        r"\b(?:hit|hits|landed in|lands in|went into|came into|showed up in|arrived in)"
        r" (?:the|my|our) (?:account|bank|bank account|savings)\b",
    ),
    # someone else gives the money: "the boss gave me 450", "mum sent us 200", "a mate
    # transferred me 80" (the amount right after: "give me a heads up at 90%" is none)
    (
        "add_income",
        8,
        r"\b(?:gave|give|gives|given|sent|send|sends|transferred|transfers|handed|hands|shouted"
        r"|tipped|lent|loaned|paid back|paying|pays|pay)\s+(?:me|us)\b"
        r"\s+(?:a |an |another |an extra |the )?(?:\$|\d[\d,.]*k?\b(?!\s*%))",
    ),
    (
        "add_income",
        8,
        # (the work may be placed first: "the fruit-picking job near Renmark paid out")
        rf"\b(?:(?:{_WORK})(?:\s+(?:in|at|near|around|out at|up at|down at|outside)"
        r"\s+[\w'-]+(?:\s+[\w'-]+)?)?|they|he|she)"
        r"\s+(?:paid|pays|has paid|paid out|transferred|deposited"
        r"|sent through|put through|paid in)\b(?! for)",
    ),
]
