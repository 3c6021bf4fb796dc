"""Approvals as people meet them: the question asked, and what typing does to it.

- The question is built from the row the call touches ("Delete the $38.00 camping
  expense of 5 Dec?"), by the action's `approval_text`, else from its name and its
  arguments without ids. It is worked out (a database read) when the model proposes the
  call, and handed to LangChain's human-in-the-loop middleware, whose description hook
  cannot wait on a database.
- A proposal the user answers by typing is settled by the router before any model
  call: a plain "yes" runs it (the user saw the question and agreed), a plain "no"
  declines it, and anything else sets it aside: the call is answered "set aside, not
  done" — in the transcript the person reads and in what the model sees — and the turn's
  reply says so (`set_aside_note`), so nothing vanishes. A later "yes, post it" brings the
  most recent set-aside call back; so does a plain "go ahead with it" on the next turn.
Which calls need approval is the registry's `needs_approval` (not decided here).
"""

from __future__ import annotations

import re
from typing import Any, Literal, TypeGuard
from zoneinfo import ZoneInfo

from cachetools import LRUCache
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage, ToolCall, ToolMessage
from langgraph.config import get_config
from pydantic import ValidationError

from agent.context import Context
from agent.resources import pool_of, services_of
from agent.tools import model_text
from agent.transcript import append_turn
from tools.db.scope import user_db
from tools.registry import ACTIONS_BY_NAME
from tools.run import call_action
from tools.types import Action

Decision = Literal["approve", "reject"]
SET_ASIDE = "set_aside"
_YES = re.compile(
    r"^(?:yes|yep|yeah|yup|ya|sure|ok|okay|go ahead|do it|please do|approve[d]?|confirm(?:ed)?"
    r"|y|correct|that's right|sounds good)\b",
    re.IGNORECASE,
)
_NO = re.compile(
    r"^(?:no|nope|nah|don'?t|do not|cancel|stop|never ?mind|leave it|forget it|reject|n)\b",
    re.IGNORECASE,
)
# Words that may follow "yes"/"no" without making it more than a decision.
_FILLER_WORDS = (
    "please go ahead do it that this post delete remove send publish share comment yes no"
    " thanks thank you mate cheers sure fine good ok okay right sounds is the one them"
    " both all and then now just dont don't not cancel leave forget never mind bother worry"
    " with anyway after for"
)
_FILLER = frozenset(_FILLER_WORDS.split())
# Words that name what a set-aside call does, for "yes, post it" later (else the words
# of the action's name).
_VERBS = {
    "create_post": {"post", "share", "publish"},
    "comment_on_post": {"comment", "reply", "post"},
    "delete_expense": {"delete", "remove"},
    "delete_event": {"delete", "remove", "cancel"},
}

# Questions worked out when a call was proposed, by tool call id, until the approval
# request is built (moments later, in the same process).
_QUESTIONS: LRUCache[str, str] = LRUCache(4096)


# Keeping the row as it is, said after a no or alone ("no thanks, keep it", "I'll keep it",
# "leave it as is"): the proposal is turned down. After a yes it is no decision at all.
# (A run of separators is entered at its start only: from each of its characters it was
# quadratic in a long run of spaces.)
_KEEP_IT = re.compile(
    r"(?:^|(?<![\s,.!;-])[\s,.!;-]+)(?:(?:i'?ll|i will|let'?s|we'?ll|i'?d rather|rather)\s+)?"
    r"(?:keep (?:it|that|them|this|the lot)|leave (?:it|that|them) (?:as (?:it )?is|be|alone))"
    r"(?:[\s,]+(?:actually|then|after all|instead|thanks|please))?[\s.!]*$",
    re.IGNORECASE,
)


_POLITE = frozenset(
    # (a change of mind said first: "no wait, keep it", "hang on, keep it")
    re.findall(
        r"\S+",
        "thanks thank you ta cheers mate actually oh hmm on second thought thoughts wait hang"
        " hold sorry um er just",
    )
)


def read_decision(text: str) -> Decision | None:
    """ "yes", "yes go ahead", "no thanks" -> the decision; anything with more in it
    (a change, a question, a new request) -> None."""
    words = re.findall(r"[a-z']+", text.lower())
    if not words or len(words) > 8 or any(ch.isdigit() for ch in text):
        return None
    if kept := _KEEP_IT.search(text):
        head = text[: kept.start()].strip(" ,.!")
        said = set(re.findall(r"[a-z']+", head.lower()))
        no = _NO.match(head)
        heard = set(re.findall(r"[a-z']+", head[no.end() :].lower())) if no else said
        if heard <= _POLITE | (_FILLER if no else frozenset()):
            return "reject"
        if _YES.match(head):
            return None  # "yes, keep it" to a delete: which is meant is asked again
    for pattern, decision in ((_YES, "approve"), (_NO, "reject")):
        match = pattern.match(text.strip())
        if match:
            rest = re.findall(r"[a-z']+", text[match.end() :].lower())
            if all(w in _FILLER for w in rest):
                return decision  # type: ignore[return-value]
    return None


def generic_question(name: str, args: dict[str, Any]) -> str:
    """ "Comment on post: “Thanks!”?" — the action in words, its arguments without ids."""
    shown = [
        f"“{v}”" if isinstance(v, str) else f"{k.replace('_', ' ')} {v}"
        for k, v in args.items()
        if v not in (None, "") and not k.endswith("_id")
    ]
    words = name.replace("_", " ").capitalize()
    return f"{words}: {', '.join(shown)}?" if shown else f"{words}?"


async def approval_question(action: Action, args: dict[str, Any], ctx: Context) -> str:
    if action.approval_text is None:
        return generic_question(action.name, args)
    try:
        valid = action.args.model_validate(args)
    except ValidationError:
        return generic_question(action.name, args)
    pool = await pool_of(ctx)
    async with user_db(pool, ctx.user_uuid, now=ctx.clock(), zone=ctx.time_zone) as db:
        return await action.approval_text(db, valid)


def will_ask(call: ToolCall, *, read_others: bool = False) -> bool:
    """Whether the person is asked to approve `call`: the action needs approval for these
    arguments — or it writes while other users' content is in the model's window
    (`read_others`, agent/quoted.py) — and they are valid (a call that cannot run is
    refused first)."""
    action = ACTIONS_BY_NAME.get(call["name"])
    if action is None:
        return False
    args = dict(call["args"])
    asked = action.needs_approval is not None and action.needs_approval(args)
    if not (asked or (read_others and action.writes)):
        return False
    try:
        action.args.model_validate(args)
    except ValidationError:
        return False
    return True


async def prepare_questions(message: AIMessage, ctx: Context, *, read_others: bool = False) -> bool:
    """Work out the question of each call in `message` the person will be asked about;
    whether there is any."""
    asking = False
    for call in message.tool_calls:
        action = ACTIONS_BY_NAME.get(call["name"])
        if action is None or not call.get("id") or not will_ask(call, read_others=read_others):
            continue
        _QUESTIONS[str(call["id"])] = await approval_question(action, call["args"], ctx)
        asking = True
    return asking


async def record_proposal(ctx: Context, asked: list[AnyMessage]) -> None:
    """The user's message and the proposal, into the transcript as soon as the question
    is put: the turn pauses inside a domain agent, and the person (and the next turn's
    router) must find what they were asked even if they never answer it."""
    thread_id = get_config().get("configurable", {}).get("thread_id")
    if not thread_id:
        return
    pool = await pool_of(ctx)
    async with user_db(pool, ctx.user_uuid, now=ctx.clock()) as db:
        await append_turn(db, str(thread_id), asked)


def question_for(tool_call: ToolCall, state: Any, runtime: Any) -> str:
    """The approval request's description (the human-in-the-loop `description` hook)."""
    return _QUESTIONS.pop(str(tool_call.get("id")), None) or generic_question(
        tool_call["name"], dict(tool_call["args"])
    )


def open_calls(messages: list[AnyMessage]) -> list[ToolCall]:
    """Calls no tool message answers: a proposal still waiting for the user's OK."""
    answered = {m.tool_call_id for m in messages if isinstance(m, ToolMessage)}
    return [
        call
        for m in messages
        if isinstance(m, AIMessage)
        for call in m.tool_calls
        if call.get("id") and call["id"] not in answered
    ]


def _closing(
    call: ToolCall, status: Literal["success", "error"], result: dict[str, Any], zone: ZoneInfo
) -> ToolMessage:
    return ToolMessage(
        content=model_text(result, zone, call["name"]),
        artifact=result,
        tool_call_id=str(call["id"]),
        name=call["name"],
        status=status,
    )


def set_aside(call: ToolCall, question: str, zone: ZoneInfo) -> ToolMessage:
    result = {
        "ok": False,
        "error": SET_ASIDE,
        "question": question,
        "summary": f"Set aside, not done: “{question}” was waiting for the user's OK when"
        " they wrote something else.",
        "hint": "If the user now wants it (e.g. 'yes, go ahead'), call the tool again.",
    }
    return _closing(call, "error", result, zone)


def declined(call: ToolCall, zone: ZoneInfo) -> ToolMessage:
    result = {"ok": False, "error": "rejected", "summary": "Not done: the user said no."}
    return _closing(call, "error", result, zone)


async def run_approved(call: ToolCall, ctx: Context, zone: ZoneInfo) -> ToolMessage:
    """Run a call the user approved by typing, as the tool would on an approval."""
    action = ACTIONS_BY_NAME[call["name"]]
    pool = await pool_of(ctx)
    services = services_of(ctx)
    async with user_db(
        pool, ctx.user_uuid, now=ctx.clock(), services=services, zone=ctx.time_zone
    ) as db:
        result = await call_action(action, db, dict(call["args"]))
    return _closing(call, "success" if result.get("ok") else "error", result, zone)


def reply_for(results: list[ToolMessage], decision: Decision) -> str:
    if decision == "reject":
        return "OK — I've left it, nothing was changed."
    parts = []
    for message in results:
        result = message.artifact if isinstance(message.artifact, dict) else {}
        summary = str(result.get("summary") or "")
        parts.append(summary if result.get("ok") else f"Sorry, that didn't work: {summary}")
    return "\n".join(parts) or "Done."


def set_aside_note(questions: list[str]) -> str:
    """What the reply adds when the user's message set a waiting approval aside."""
    asked = " and ".join(f"“{q}”" for q in questions)
    return f"I've set aside {asked} — nothing was done. Say “yes, go ahead” if you still want it."


def _is_set_aside(message: AnyMessage) -> TypeGuard[ToolMessage]:
    return (
        isinstance(message, ToolMessage)
        and isinstance(message.artifact, dict)
        and message.artifact.get("error") == SET_ASIDE
    )


def _since_previous_turn(messages: list[AnyMessage]) -> list[AnyMessage]:
    """The previous turn's messages and what the router moved before it: a proposal is set
    aside (and placed) just before the message that set it aside."""
    humans = [i for i, m in enumerate(messages) if isinstance(m, HumanMessage)]
    return messages[humans[-3] + 1 :] if len(humans) >= 3 else messages


def set_aside_call(messages: list[AnyMessage], text: str) -> ToolCall | None:
    """The most recent set-aside call that `text` ("yes, post it") asks for again; or,
    when `text` names no action ("go ahead with it"), the call set aside by the previous
    turn's message."""
    if read_decision(text) != "approve":
        return None
    words = set(re.findall(r"[a-z]+", text.lower()))
    closed = {m.tool_call_id for m in messages if _is_set_aside(m)}
    recent = {m.tool_call_id for m in _since_previous_turn(messages) if _is_set_aside(m)}
    named = set().union(*_VERBS.values()) & words
    for message in reversed(messages):
        if not isinstance(message, AIMessage):
            continue
        for call in message.tool_calls:
            verbs = _VERBS.get(call["name"], set(call["name"].split("_")))
            if call.get("id") in closed and words & verbs:
                return call
            if call.get("id") in recent and not named:
                return call
    return None


def stale_decision_text(messages: list[AnyMessage]) -> str:
    """Why a decision sent for an approval that no longer waits finds nothing (an old card
    clicked after the user wrote something else, or a decision sent twice)."""
    calls = {c.get("id"): c for m in messages if isinstance(m, AIMessage) for c in m.tool_calls}
    for message in reversed(messages):
        if not isinstance(message, ToolMessage):
            continue
        if _is_set_aside(message) and isinstance(message.artifact, dict):
            question = message.artifact.get("question") or "That request"
            return (
                f"“{question}” was set aside when you wrote something else, so nothing was"
                " done and this answer can't apply to it. Say “yes, go ahead” in the chat to"
                " do it now."
            )
        call = calls.get(message.tool_call_id)
        if call is not None and will_ask(call):  # the newest approval asked was decided
            return (
                "Nothing on this thread is waiting for a decision: that question was"
                " already answered."
            )
    # No question was put here (a write that needed no OK, say): "already answered"
    # would send the person looking for a question they were never asked.
    return (
        "Nothing on this thread is waiting for a decision: there is nothing to approve or reject."
    )


def owner(call: ToolCall) -> str | None:
    action = ACTIONS_BY_NAME.get(call["name"])
    return action.domain if action else None


def last_human(messages: list[AnyMessage]) -> HumanMessage | None:
    return next((m for m in reversed(messages) if isinstance(m, HumanMessage)), None)
