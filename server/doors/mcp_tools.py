"""PAM's actions as MCP tools, from the one registry: the name, the description and the
argument schema are the ones the agent's model is shown (agent/tools.py), and a call goes
through `call_action`, the function the agent's tools and the REST routes call.

Besides the actions:
- `ask_pam`: one whole turn of the agent on a thread the caller owns (or a new one);
  an approval the turn asks for is answered by calling it again with "yes" or "no";
- `decide_approval`: approve or decline an action call that needed approval (see
  approval_tickets.py: such a call first answers with a ticket and runs nothing).
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal
from uuid import UUID

import mcp_types as types
import orjson
import psycopg
from mcp.shared.exceptions import MCPError
from pydantic import BaseModel, Field, ValidationError
from starlette.applications import Starlette

from agent.approvals import approval_question
from agent.context import Context
from agent.tools import model_parameters, tool_description
from server.chat.stream import turn_result
from server.chat.turns import Turn
from server.doors import approval_tickets
from server.doors.turns import DoorRefusal, chat_request, start_turn
from server.resources import Resources
from tools.db.scope import user_db, user_row_missing
from tools.registry import ACTIONS, ACTIONS_BY_NAME
from tools.run import call_action, validation_message
from tools.types import Action

ASK_PAM = "ask_pam"
DECIDE = "decide_approval"


class AskPamArgs(BaseModel):
    model_config = {"extra": "forbid"}
    message: str = Field(description="What to ask or tell PAM, in the user's words.")
    thread_id: UUID | None = Field(
        default=None,
        description="A thread of the user's to continue (from an earlier answer); omit "
        "to start a new one. Answer an approval PAM asked for with 'yes' or 'no' here.",
    )


class DecideArgs(BaseModel):
    model_config = {"extra": "forbid"}
    ticket: str = Field(description="The approval ticket a tool call answered with.")
    decision: Literal["approve", "reject"] = Field(
        description="approve runs the call as it was asked; reject runs nothing."
    )


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    schema.pop("title", None)
    return schema


@cache
def tool_list() -> tuple[types.Tool, ...]:
    actions = [
        types.Tool(
            name=action.name,
            description=tool_description(action),
            input_schema=model_parameters(action.args),
            annotations=types.ToolAnnotations(
                read_only_hint=not action.writes,
                destructive_hint=action.needs_approval is not None,
            ),
        )
        for action in ACTIONS
    ]
    extra = [
        types.Tool(
            name=ASK_PAM,
            description="Ask PAM, the assistant for life on the road, anything: one whole "
            "turn of the agent (it may use any of its actions). Answers with its reply "
            "and the thread id to continue on.",
            input_schema=_schema(AskPamArgs),
        ),
        types.Tool(
            name=DECIDE,
            description="Approve or decline an action call that answered with "
            "status approval_required (ask the user first).",
            input_schema=_schema(DecideArgs),
        ),
    ]
    return (*actions, *extra)


def result(data: dict[str, Any], *, error: bool = False) -> types.CallToolResult:
    """The answer as JSON text (what every client shows a model) and structured."""
    text = orjson.dumps(data).decode()
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=text)],
        structured_content=data,
        is_error=error,
    )


def failure(message: str, **extra: Any) -> types.CallToolResult:
    return result({"ok": False, "summary": message, **extra}, error=True)


async def call_tool(
    app: Starlette, user: UUID, name: str, arguments: dict[str, Any]
) -> types.CallToolResult:
    resources: Resources = app.state.resources
    if name == ASK_PAM:
        return await _ask(app, user, arguments)
    if name == DECIDE:
        return await _decide(resources, user, arguments)
    action = ACTIONS_BY_NAME.get(name)
    if action is None:  # a protocol error, as the MCP spec asks for an unknown tool
        raise MCPError(types.INVALID_PARAMS, f"Unknown tool: {name}")
    if action.needs_approval is not None and action.needs_approval(arguments):
        paused = await _paused(resources, user, action)
        if paused is not None:  # nothing to ask about
            return failure(paused, error="paused")
        return await _ask_approval(resources, user, action, arguments)
    return await _run(resources, user, action, arguments)


async def _paused(resources: Resources, user: UUID, action: Action) -> str | None:
    """The kill switch's message when the action or its domain is off for this user:
    the same switches the graph and the REST resources honour."""
    if resources.flags is None:
        return None
    async with user_db(resources.pool, user, services=resources.services) as db:
        flags = await resources.flags.for_run(user, db=db)
    return flags.paused_domain(action.domain) or flags.paused_action(action.name)


async def _run(
    resources: Resources, user: UUID, action: Action, arguments: dict[str, Any]
) -> types.CallToolResult:
    paused = await _paused(resources, user, action)
    if paused is not None:  # checked again here: a ticket may outlive the switch's change
        return failure(paused, error="paused")
    try:
        outcome = await _call(resources, user, action, arguments)
    except psycopg.errors.ForeignKeyViolation as exc:
        if not user_row_missing(exc):
            raise
        # The user's row was deleted since this process saw it: nothing was written and
        # the process forgot them; the second run makes the row (redteam 10).
        outcome = await _call(resources, user, action, arguments)
    return result(outcome, error=outcome.get("ok") is False)


async def _call(
    resources: Resources, user: UUID, action: Action, arguments: dict[str, Any]
) -> dict[str, Any]:
    async with user_db(resources.pool, user, services=resources.services) as db:
        return await call_action(action, db, arguments)


async def _ask_approval(
    resources: Resources, user: UUID, action: Action, arguments: dict[str, Any]
) -> types.CallToolResult:
    """Nothing runs: the call is checked, and answered with the question and a ticket."""
    try:
        valid = action.args.model_validate(arguments)
    except ValidationError as exc:
        message, field = validation_message(exc)
        return failure(message, error="invalid", field=field)
    args = valid.model_dump(mode="json", exclude_unset=True)
    ctx = Context(user_id=str(user), pool=resources.pool, services=resources.services)
    question = await approval_question(action, args, ctx)
    return result(
        {
            "ok": True,
            "status": "approval_required",
            "summary": f"Not done yet: the user must approve it. {question}",
            "question": question,
            "action": action.name,
            "args": args,
            "ticket": approval_tickets.issue(resources, user, action.name, args),
            "next": f"Ask the user; then call {DECIDE} with this ticket and their decision.",
        }
    )


async def _decide(
    resources: Resources, user: UUID, arguments: dict[str, Any]
) -> types.CallToolResult:
    try:
        args = DecideArgs.model_validate(arguments)
    except ValidationError as exc:
        message, field = validation_message(exc)
        return failure(message, error="invalid", field=field)
    try:
        ticket = approval_tickets.read(resources, user, args.ticket)
        await approval_tickets.spend(resources, ticket)
    except approval_tickets.TicketError as exc:
        return failure(str(exc), error="invalid", field="ticket")
    action = ACTIONS_BY_NAME[ticket.action]
    if args.decision == "reject":
        return result({"ok": True, "status": "declined", "summary": "Declined: nothing done."})
    return await _run(resources, user, action, ticket.args)


async def _ask(app: Starlette, user: UUID, arguments: dict[str, Any]) -> types.CallToolResult:
    try:
        args = AskPamArgs.model_validate(arguments)
    except ValidationError as exc:
        message, field = validation_message(exc)
        return failure(message, error="invalid", field=field)
    try:
        turn = await start_turn(app, user, chat_request(args.message, args.thread_id))
    except DoorRefusal as refused:
        return failure(refused.message, status=refused.status)
    return await _told(turn)


async def _told(turn: Turn) -> types.CallToolResult:
    outcome = await turn_result(turn)
    status = outcome["status"]
    answer: dict[str, Any] = {"thread_id": turn.thread_id, "run_id": turn.run_id}
    if status not in ("success", "interrupted"):
        return failure(f"The turn ended as {status}.", **answer)
    interrupt = outcome.get("interrupt")
    if interrupt:
        requests = interrupt.get("action_requests") or []
        questions = [str(r.get("description") or r.get("name")) for r in requests]
        return result(
            {
                "ok": True,
                "status": "approval_required",
                "summary": " ".join(questions)
                + f" (answer with {ASK_PAM}, 'yes' or 'no', on this thread_id)",
                **answer,
                "interrupt": interrupt,
            }
        )
    return result(
        {
            "ok": True,
            "status": "done",
            "summary": str(outcome.get("reply", "")),
            **answer,
            "ui_actions": outcome.get("ui_actions", []),
        }
    )
