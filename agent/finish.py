"""The end of a turn: its reply and ui_actions, the transcript, and a bounded window."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import (
    AIMessage,
    AnyMessage,
    BaseMessage,
    HumanMessage,
    RemoveMessage,
    ToolMessage,
)
from langgraph.config import get_config
from langgraph.runtime import Runtime

from agent.context import Context
from agent.dialogue import next_dialogue
from agent.resources import pool_of
from agent.state import PamState
from agent.transcript import append_turn
from agent.usage import add_turn
from tools.db.scope import user_db

KEEP_TURNS = 4  # human turns kept verbatim in the checkpointed window
SUMMARY_CHARS = 1500  # the rolling summary of older turns stays this short


def turn_start(messages: list[AnyMessage]) -> int:
    for i in range(len(messages) - 1, -1, -1):
        if isinstance(messages[i], HumanMessage):
            return i
    return 0


def turn_reply(turn: list[AnyMessage]) -> str:
    texts = [m.text for m in turn if isinstance(m, AIMessage) and not m.tool_calls and m.text]
    return "\n\n".join(dict.fromkeys(texts))  # one apology, not one per domain


def turn_ui_actions(turn: list[AnyMessage]) -> list[dict[str, Any]]:
    actions: list[dict[str, Any]] = []
    for m in turn:
        artifact = m.artifact if isinstance(m, ToolMessage) else None
        if isinstance(artifact, dict) and artifact.get("ok"):
            actions.extend(artifact.get("ui_actions") or [])
    return actions


def fold(summary: str, dropped: list[AnyMessage]) -> str:
    """Add the dropped turns' gist to the summary; keep its most recent end."""
    lines = []
    for m in dropped:
        if isinstance(m, HumanMessage):
            lines.append(f"User: {m.text}")
        elif isinstance(m, AIMessage) and m.text and not m.tool_calls:
            lines.append(f"PAM: {m.text}")
    text = " ".join([summary, *lines]).strip()
    return text[-SUMMARY_CHARS:]


def window_cut(messages: list[AnyMessage], keep_turns: int = KEEP_TURNS) -> int:
    """Index of the first message kept: the start of the `keep_turns`-th last human turn."""
    starts = [i for i, m in enumerate(messages) if isinstance(m, HumanMessage)]
    return starts[-keep_turns] if len(starts) > keep_turns else 0


def experiment_arm(ctx: Context) -> str | None:
    """The arm a run's replies are recorded under: none outside an experiment."""
    return ctx.flags.variant if ctx.flags.experiment else None


async def finish(state: PamState, runtime: Runtime[Context]) -> dict[str, Any]:
    ctx = runtime.context or Context()
    messages = state["messages"]
    turn = messages[turn_start(messages) :]
    # A notice is the turn's last words, in the transcript and the window like any reply.
    notes = [AIMessage(n, name="general") for n in state.get("notices") or []]
    turn = [*turn, *notes]
    thread_id = get_config().get("configurable", {}).get("thread_id")
    if thread_id:
        pool = await pool_of(ctx)
        # Pipelined: the transcript reads nothing back, so BEGIN, the scope, the rows and
        # COMMIT take one round trip.
        async with user_db(pool, ctx.user_uuid, now=ctx.clock(), pipelined=True) as db:
            await append_turn(db, str(thread_id), turn, variant=experiment_arm(ctx))
    cut = window_cut(messages)
    update: dict[str, Any] = {
        "reply": turn_reply(turn),
        "ui_actions": turn_ui_actions(turn),
        "usage": add_turn(state.get("usage"), turn),
        "notices": [],  # said: the next turn starts with none
    }
    if dialogue := next_dialogue(turn, state.get("dialogue")):
        update["dialogue"] = dialogue
    removed: list[BaseMessage] = []
    if cut:
        dropped = messages[:cut]
        update["summary"] = fold(state.get("summary", ""), dropped)
        removed = [RemoveMessage(id=str(m.id)) for m in dropped if m.id]
    if notes or removed:
        update["messages"] = [*removed, *notes]
    return update
