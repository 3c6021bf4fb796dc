"""A turn read against a call the user just declined.

PAM proposed a change to a row ("Delete the $90.00 fuel expense of 24 Jul?") and the user
said no. The next turn often says why, in terms of that row: "not that one, the one before,
the 70" asks the same of another row; "change it to 180 instead" changes the row the
declined call named rather than deleting it. The declined call (its tool and the row's id)
is read from the conversation: a rejected call changes nothing, so the dialogue state does
not carry it.
"""

from __future__ import annotations

import re
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from agent.brain.convo import Convo
from agent.brain.dialogue import UPDATES, row_changes
from agent.brain.money import best_amount
from agent.brain.pick import ref_words, select
from agent.brain.refs import Entity, entity_groups, result_of
from agent.brain.replies import refused_tool
from agent.brain.textutil import normalise

_I = re.IGNORECASE
MAX_WORDS = 14  # an answer about the row just declined is short
# The id argument of each kind of row a declined call can name.
ID_ARGS = {"expense_id": "expense", "event_id": "event", "task_id": "task"}
# "not that one", "wrong one", "the other one", "the one before": another row is meant.
_ANOTHER = re.compile(
    r"\b(?:not (?:that|this|the) one|wrong one|not (?:that|this)(?= ?[,.;!-])"
    r"|the other one|the one (?:before|after)(?: that)?|the (?:earlier|older|later|newer) one)\b",
    _I,
)
# "the one before", "the earlier one": the row shown after the declined one (lists are
# newest first); "the one after", "the later one": the one shown before it.
_OLDER = re.compile(r"\bthe (?:one before|earlier one|older one)\b", _I)
_NEWER = re.compile(r"\bthe (?:one after|later one|newer one)\b", _I)
# "change it to 180 instead", "move it to the thursday after": the declined row, changed.
_CHANGE_IT = re.compile(
    r"\b(?:change|make|move|shift|push|set|update|fix|put|bump)\s+(?:it|that|this)\b", _I
)
# The declined call wanted after all: "on second thoughts go ahead", "ok fine, do it after
# all", "changed my mind, delete it".
_AFTER_ALL = re.compile(
    r"\b(?:go ahead|after all|on second thoughts?|second thoughts|changed my mind"
    r"|(?:yes|yeah|yep|ok|okay|fine|actually),? (?:do|delete|post|cancel|remove|send|share)"
    r" (?:it|that|this)(?: one)?\W*$)",
    _I,
)
_NOT_AFTER_ALL = re.compile(
    r"\b(?:don'?t|do not|no need|leave it|keep it|never ?mind|instead)\b", _I
)
_REASON = re.compile(r"[,;]\s+(?=(?:they|we|he|she|it's|its|because|cos|as|since)\b)", _I)


def declined_call(history: list[BaseMessage], last: int) -> tuple[str, dict[str, Any]] | None:
    """The call the user declined since their previous message: (tool, arguments)."""
    prev = next((i for i in range(last - 1, -1, -1) if isinstance(history[i], HumanMessage)), None)
    if prev is None:
        return None
    span = history[prev + 1 : last]
    calls = {str(c["id"]): c for m in span if isinstance(m, AIMessage) for c in m.tool_calls}
    for message in reversed(span):
        if isinstance(message, ToolMessage) and message.tool_call_id in calls:
            data = result_of(message)
            # declined at the approval step (its words, no JSON) or by a typed "no"
            said_no = data is None and message.status == "error"
            if said_no or (data and data.get("error") == "rejected"):
                call = calls[message.tool_call_id]
                return str(call["name"]), dict(call["args"])
    return None


def _declined_tool(convo: Convo) -> str | None:
    """The tool of the declined call, from PAM's "OK, I won't …" when the tool messages
    are not in view (the router sees only the words)."""
    return next((t for r in convo.previous_replies() if (t := refused_tool(r))), None)


def declined_tool(convo: Convo) -> str | None:
    """The tool of the call the user declined since their previous message, if any."""
    found = declined_call(convo.history, convo.last)
    return found[0] if found else _declined_tool(convo)


def _rows(convo: Convo, kind: str) -> list[Entity]:
    seen: set[str] = set()
    rows = []
    for group in entity_groups(convo.history[: convo.last]):
        for entity in group:
            if entity.kind == kind and entity.id not in seen:
                seen.add(entity.id)
                rows.append(entity)
    return rows


def another_row(text: str) -> str:
    """What a turn says of the other row it means, without the words saying it is another
    ("not that one, the one before, the 70": "the 70")."""
    return re.sub(r"^[\s,.;!-]+|[\s,.;!-]+$", "", _ANOTHER.sub(" ", text)) or text


def _describes(text: str) -> bool:
    """Whether a turn says which other row it means (its words or amount), not only that it
    means another ("nah the other one" names none: nothing is guessed)."""
    said = _ANOTHER.sub(" ", text)
    words = ref_words(said, extra=r"sorry|oops|nah|nope|meant|mean|wait|one|ones")
    return bool(words) or best_amount(said, loose=True) is not None


def _another(text: str, rows: list[Entity], declined: str) -> Entity | None:
    """The row other than the declined one that this turn describes."""
    others = [e for e in rows if e.id != declined]
    if not others:
        return None
    said = _ANOTHER.sub(" ", text)
    words = ref_words(said, extra=r"sorry|oops|nah|nope|meant|mean|wait|one|ones")
    amount = best_amount(said, loose=True)
    value = amount.value if amount else None
    if words or value is not None:
        found = select([others], others[0].kind, None, words, value)
        if found is not None:
            return found
    at = next((i for i, e in enumerate(rows) if e.id == declined), None)
    if at is not None and _OLDER.search(text) and at + 1 < len(rows):
        return rows[at + 1]
    if at is not None and _NEWER.search(text) and at > 0:
        return rows[at - 1]
    return others[0] if len(others) == 1 else None


def _wanted_after_all(text: str) -> bool:
    return bool(
        _AFTER_ALL.search(text) and not _NOT_AFTER_ALL.search(text) and not _ANOTHER.search(text)
    )


def after_declined(convo: Convo) -> tuple[str, dict[str, Any] | None] | None:
    """The call this turn asks for about the row of the call just declined, if it is one:
    its arguments whole, or None when its row is to be looked up by `another_row(text)`."""
    found = declined_call(convo.history, convo.last)
    text = normalise(convo.text)
    if len(text.split()) > MAX_WORDS:
        return None
    if found is None:
        tool = _declined_tool(convo)
        if tool and _wanted_after_all(text):
            return tool, {}  # (the router: the words only; the agent sees the call itself)
        kind = next((k for a, k in ID_ARGS.items() if tool and tool.endswith(k)), None)
        if tool is None or kind is None:
            return None
        if _ANOTHER.search(text):
            return tool, {}  # the rows are not in view: the domain's agent picks the row
        return (UPDATES[kind][0], {}) if kind in UPDATES and _CHANGE_IT.search(text) else None
    tool, args = found
    if _wanted_after_all(text):
        return tool, args  # "on second thoughts go ahead and delete it": asked again, as it was
    id_arg = next((a for a in ID_ARGS if a in args), None)
    if id_arg is None:
        return None
    kind, declined = ID_ARGS[id_arg], str(args[id_arg])
    rows = _rows(convo, kind)
    if _ANOTHER.search(text):
        other = _another(text, rows, declined)
        if other is None and not any(e.id != declined for e in rows) and _describes(text):
            # no other row of the kind in view ("delete the fuel from yesterday" showed one):
            # the same call, its row looked up by what this turn says ("the 70"), not a change
            # of the declined row to 70
            return tool, None
        return (tool, {**args, id_arg: other.id}) if other else None
    row = next((e for e in rows if e.id == declined), None)
    if row is None or kind not in UPDATES or not _CHANGE_IT.search(text):
        return None
    said = _REASON.split(text, maxsplit=1)[0]  # "…, they gave us a discount": why, not what
    said = _CHANGE_IT.sub(" ", said)  # the ask says no value ("change" is no oil change)
    changes = row_changes(kind, said, row.data, convo.env)
    update, update_id = UPDATES[kind]
    return (update, {update_id: declined, **changes}) if changes else None
