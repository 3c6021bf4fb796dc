"""How the phrase rules and the learned classifier (learned.py) decide together.

The rules are exact where they fire (an amount with a spend word, litres with a price), so
they lead; the classifier, trained on thousands of phrasings, speaks in two cases:
- `rescue`: the rules found no request in a message, and the classifier is sure of one
  (a verb or a question form no rule knows, a misspelt word);
- `overrule`: the rules' pick looks like a keyword taken in another sense ("a feed at the
  pub", "book the vet"): the classifier is near certain of another tool (or of the rows
  it is about, a write and its reading together: `same_rows`) and gives the rules' pick
  almost no chance. A write is never kept against a confident "no tool".
Thresholds were chosen on a grid over the first turns of the tuning set and of the blind
development set (evals/dev), and checked again by cross-validation across the development
set's authors (scripts/brain_model/folds.py); docs/brain-understanding.md has the figures.
"""

from __future__ import annotations

import re

from agent.brain.asking import (
    MONEY_TOOLS,
    READ_OF,
    REPORTS,
    WRITES,
    answer_to_question,
    asks_bare,
    asks_somewhere,
    fuel_figures,
    holds_back,
    holds_back_unasked,
    is_request,
    last_of_kind,
    mood_told,
    signs_off,
    spends_time,
    unreal_act,
)
from agent.brain.edits import called_off
from agent.brain.errands import errand
from agent.brain.families import DELETE, MOVE
from agent.brain.learned import guess, probability
from agent.brain.money import best_amount
from agent.brain.places import trip_places
from agent.brain.row_acts import unkept
from agent.brain.triggers_you import A_WANT

# Writes of the user's words to others: rescued only when the message says to put them
# somewhere (a verb of saying or a place to say it).
OWN_WORDS_POSTS = {"create_post", "comment_on_post"}
_SAYS = re.compile(
    r"\b(?:post|posts|posting|share|sharing|tell|let \w+ know|announce|put up|publish|say|saying"
    r"|write|ask|warn|shout|spread the word|comment|reply|respond|group|feed|wall|forum|board"
    r"|page|everyone|everybody|community|followers)\b",
    re.IGNORECASE,
)
# Money rows: rescued only with a figure or a word of money.
MONEY_ROWS = {"add_expense", "add_income"}
_MONEY_WORD = re.compile(
    r"[$£€]|\b(?:spent|spend|paid|pay|bought|buy|cost|costs|earned|earn|made|sold|got paid"
    r"|bucks|dollars?|quid|grand|cash|price|fee|bill)\b",
    re.IGNORECASE,
)

# Writes that change a row already kept: rescued only with a word of changing, taking
# away or finishing.
ACTS_ON_ROWS = {"update_event", "update_expense", "delete_event", "delete_expense", "complete_task"}
_CHANGE = re.compile(
    rf"\b(?:{DELETE}|{MOVE}|del|rm|moved|shifted|changed|cancell?ed|called off|off|fix|correct"
    r"|wrong|actually|should|instead|not|now|done|finished|sorted|completed|tick|ticked|cross|crossed"
    r"|mark|rename|make)\b",
    re.IGNORECASE,
)

# The moods of a statement that asks for no reading either, when nothing in it is a question.
TOLD_ONLY = frozenset({"others", "habit", "maybe", "past"})
RESCUE = 0.4  # the classifier's probability for a request the rules did not see
OVERRULE = 0.7  # ... to replace the rules' pick
DOUBT = 0.1  # ... while the rules' pick has at most this


def rescue(text: str) -> str | None:
    """The tool for a message the rules found nothing in, when the classifier is sure."""
    found = guess(text)
    if not found.tool or found.probability < RESCUE:
        return None
    if unkept(text):
        return None  # "remove eggs from the pantry": no tool takes it away
    if found.tool in WRITES - ACTS_ON_ROWS and called_off(text):
        return None  # "we don't need milk anymore": nothing new to keep, a note least of all
    if found.tool == "add_to_shopping_list" and A_WANT.search(text):
        return None  # "need a coffee": a want, not a purchase to remember
    if found.tool == "plan_trip" and signs_off(text):
        return None
    if unreal_act(text, found.tool):
        return None  # "didn't fill up at Hay, too dear": nothing done to keep
    if found.tool in MONEY_TOOLS and spends_time(text):
        return None  # "we might spend the winter months in Perth": time, not money
    if (found.tool in WRITES or found.tool == "plan_trip") and errand(text):
        return None  # "reserve us a site for 3 nights": an errand PAM cannot run
    if not can_be(text, found.tool):
        return None
    mood = mood_told(text) if found.tool in WRITES or found.tool == "plan_trip" else None
    if mood is None and not asks_somewhere(text) and mood_told(text) in TOLD_ONLY:
        # "my mate's ute does 12 per 100": their figures, no question of ours; "in Korea we
        # celebrate Chuseok in autumn": a custom told; "we should clean out the pantry
        # sometime": a plan told
        return None
    if mood in ("price", "past") and found.tool not in REPORTS:
        mood = None  # ("my fuel budget is $800 a month": a price keeps no act, a budget is set)
    if mood:
        # "the neighbours joined X last week": told, not asked; "if we set fuel at 400
        # would we be over": the rows it would change, asked about
        if mood != "supposed":
            return None
        # ("if we went darwin to alice, how long": a trip worked out writes nothing)
        return found.tool if found.tool == "plan_trip" else READ_OF.get(found.tool)
    if found.tool in WRITES and holds_back_unasked(text):
        return None  # "don't post anything yet, I'm just drafting": nothing asked
    if found.tool in WRITES and (holds_back(text) or asks_bare(text)):
        return READ_OF.get(found.tool)  # "… don't add it yet, just wondering"
    asked, tool = answer_to_question(text, found.tool)
    return fuel_figures(text, last_of_kind(text, tool if asked else found.tool))


# Litres of something that is no fuel ("2 litres of milk", "a litre of juice"), in a text
# that names no fuel nor a fill: a measure of food or drink, never a fill.
_FUELS = r"diesel|petrol|unleaded|fuel|gas|lpg|autogas|premium|ulp|e10|e85|adblue"
_LITRES_OF_ELSE = re.compile(
    rf"\b(?:litres?|liters?|ltrs?|l)\s+of\s+(?:the\s+|fresh\s+|long[- ]life\s+)?"
    rf"(?!(?:{_FUELS})\b)[a-z]",
    re.IGNORECASE,
)
_FUEL_SAID = re.compile(
    rf"\b(?:{_FUELS}|bowser|servo|tank|fill(?:ed)?|fuell?ed|topped up|top(?:ped)? up)\b",
    re.IGNORECASE,
)


def can_be(text: str, tool: str) -> bool:
    """Whether `text` holds what a write of `tool` needs, for the classifier to give it with
    no rule behind it: a post a word of saying or a place to say it ("the dump point at Hay
    is free to use" is news), money rows money ("our van weighs 2.8 tonnes"; "break down the
    fuel bit for me" asks), a change of a row a word of changing."""
    if tool in OWN_WORDS_POSTS and not _SAYS.search(text):
        return False
    if tool == "log_fuel" and _LITRES_OF_ELSE.search(text) and not _FUEL_SAID.search(text):
        return False
    if tool in MONEY_ROWS and not (best_amount(text, loose=True) or _MONEY_WORD.search(text)):
        return False
    return not (tool in ACTS_ON_ROWS and not _CHANGE.search(text))


def same_rows(tool: str) -> set[str]:
    """The tool and those that write or read the same rows (log_tyre_pressures and
    tyre_pressure_history): the classifier can be sure what a message is about while
    torn between keeping and reading it, which the question rule decides after."""
    return {tool, *(w for w, r in READ_OF.items() if r == tool), *filter(None, [READ_OF.get(tool)])}


def overrule(text: str, rule_tool: str) -> tuple[bool, str | None]:
    """(True, tool) when the classifier replaces the rules' `rule_tool` (None: no tool at
    all); (False, None) when the rules' pick stands."""
    found = guess(text)
    if found.tool == rule_tool:
        return False, None
    sure = found.probability
    if found.tool and found.probability < OVERRULE:
        sure = sum(probability(text, tool) for tool in same_rows(found.tool) - {rule_tool})
    if sure < OVERRULE:
        return False, None
    if rule_tool in WRITES and found.tool not in WRITES and is_request(text):
        return False, None  # "could you block out Saturday in the calendar?" asks to write
    if found.tool == "plan_trip" and not any(trip_places(text)[:2]):
        return False, None  # "meeting from 2pm to 4pm": a trip needs places
    if probability(text, rule_tool) > DOUBT:
        return False, None
    return True, found.tool
