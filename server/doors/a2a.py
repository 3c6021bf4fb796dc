"""The A2A door: PAM as an Agent2Agent agent (the `a2a-sdk` server), JSON-RPC at `/a2a`
(A2A 1.0's SendMessage/SendStreamingMessage, and 0.3's message/send and message/stream
on the same endpoint), its agent card at `/.well-known/agent-card.json`.

A message runs a normal PAM turn (`start_turn`, the same run core as chat) on the thread
whose id is the A2A context id: a new context id becomes a thread of the caller's, and
another user's is refused. Run states map to task states: running -> working, success ->
completed (the reply as the status message and a `reply` artifact), a pending approval
-> input-required (the question as the status message; the next message on the context,
"yes" or "no", settles it the way a typed answer does in chat), error -> failed.

Tasks are kept in memory, per user (the owner is the token's user), the latest 10,000
and each user's latest 100 (a2a_tasks.py), for `tasks/get` and follow-up messages; the
conversation itself is PAM's thread.
"""

from __future__ import annotations

import time
from typing import Any
from uuid import UUID

import structlog
from a2a.helpers.proto_helpers import new_task, new_text_message, new_text_part
from a2a.server.agent_execution import AgentExecutor, RequestContext
from a2a.server.context import ServerCallContext
from a2a.server.events import EventQueue
from a2a.server.request_handlers import DefaultRequestHandlerV2
from a2a.server.request_handlers.response_helpers import agent_card_to_dict
from a2a.server.routes import DefaultServerCallContextBuilder, create_jsonrpc_routes
from a2a.server.tasks import TaskUpdater
from a2a.types.a2a_pb2 import (
    AgentCapabilities,
    AgentCard,
    AgentInterface,
    AgentSkill,
    HTTPAuthSecurityScheme,
    Role,
    SecurityRequirement,
    SecurityScheme,
    StringList,
    TaskState,
)
from a2a.utils.constants import AGENT_CARD_WELL_KNOWN_PATH
from a2a.utils.errors import A2AError, InternalError, InvalidParamsError, InvalidRequestError
from starlette.authentication import SimpleUser
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from server.chat.stream import turn_events
from server.doors.a2a_body import checked_body
from server.doors.a2a_errors import INTERNAL, generic, hiding_internals
from server.doors.a2a_tasks import RecentTaskStore
from server.doors.door import DoorRoute, DoorSettings, token_user
from server.doors.turns import DoorRefusal, chat_request, start_turn
from server.errors import DB_UNAVAILABLE, UNAVAILABLE, error_response
from server.resources import Resources
from tools.types import Domain

PATH = "/a2a"
REPLY_ARTIFACT = "reply"
INTERRUPTED_TASK_S = 900.0
FLUSH_S = 0.1
# The call context's key for the request id (X-Request-ID): the SDK keeps the JSON-RPC
# id under "request_id".
REQUEST_ID_KEY = "pam_request_id"
log = structlog.get_logger("pam.a2a")
SKILLS: tuple[tuple[Domain, str, str, str], ...] = (
    ("wins", "Money", "Expenses, income, budgets and what was spent.", "I spent $40 on fuel"),
    ("wheels", "Vehicles and trips", "Trips, fuel, maintenance, places.", "Plan Perth to Broome"),
    ("you", "Calendar and tasks", "Events, reminders, tasks, the profile.", "Remind me at 5pm"),
    ("social", "Community", "Posts, comments and groups of travellers.", "Post a camp tip"),
)


def agent_card(base_url: str) -> AgentCard:
    return AgentCard(
        name="PAM",
        description="A personal assistant for people who live and travel on the road.",
        version="0.1.0",
        supported_interfaces=[
            AgentInterface(url=base_url + PATH, protocol_binding="JSONRPC", protocol_version="1.0")
        ],
        capabilities=AgentCapabilities(streaming=True, push_notifications=False),
        default_input_modes=["text/plain"],
        default_output_modes=["text/plain"],
        skills=[
            AgentSkill(id=key, name=name, description=text, tags=[key], examples=[example])
            for key, name, text, example in SKILLS
        ],
        security_schemes={
            "bearer": SecurityScheme(
                http_auth_security_scheme=HTTPAuthSecurityScheme(
                    scheme="bearer", bearer_format="JWT"
                )
            )
        },
        security_requirements=[SecurityRequirement(schemes={"bearer": StringList()})],
    )


class ReplyArtifact:
    """The reply as one artifact, streamed in chunks. Each artifact update is kept in the
    task store and sent as its own protobuf event, far dearer than an SSE frame, so tokens
    that arrive within FLUSH_S of the last chunk wait for the next one (the first goes at
    once; what is left goes when the turn ends)."""

    def __init__(self, updater: TaskUpdater) -> None:
        self.updater = updater
        self.pending = ""
        self.sent = False
        self._last = 0.0

    async def add(self, text: str) -> None:
        self.pending += text
        if time.monotonic() - self._last >= FLUSH_S:
            await self.flush()

    async def flush(self) -> None:
        if not self.pending:
            return
        await self.updater.add_artifact(
            [new_text_part(self.pending)],
            artifact_id=REPLY_ARTIFACT,
            name=REPLY_ARTIFACT,
            append=self.sent,
        )
        self.pending, self.sent, self._last = "", True, time.monotonic()


class PamExecutor(AgentExecutor):
    """One A2A message -> one PAM turn, its events -> task updates."""

    async def execute(self, context: RequestContext, event_queue: EventQueue) -> None:
        """The turn; an unexpected failure reaches the client as a generic error naming
        the request's id, its detail only in the log. The SDK answered any exception as
        an internal error carrying the exception's own text (redteam 11: a database
        outage's connection error, Postgres's constraint and table names)."""
        try:
            await self._turn(context, event_queue)
        except A2AError:
            raise
        except Exception as exc:
            reference = str(context.call_context.state.get(REQUEST_ID_KEY) or "")
            log.exception("a2a turn failed", reference=reference)
            text = UNAVAILABLE if isinstance(exc, DB_UNAVAILABLE) else INTERNAL
            raise InternalError(generic(text, reference), data={"reference": reference}) from None

    async def _turn(self, context: RequestContext, event_queue: EventQueue) -> None:
        call = context.call_context
        user = UUID(call.user.user_name)
        app = call.state["app"]
        if context.message is None:
            raise InvalidParamsError("A message is needed.")
        task_id, context_id = str(context.task_id), str(context.context_id)
        try:
            asked = chat_request(context.get_user_input())
            turn = await start_turn(app, user, asked, claim=context_id)
        except DoorRefusal as refused:
            if refused.status == 422:
                raise InvalidParamsError(refused.message) from None
            raise InvalidRequestError(refused.message, data={"status": refused.status}) from None
        updater = TaskUpdater(event_queue, task_id, context_id)
        if context.current_task is None:  # a new task starts out working: one event less
            task = new_task(
                task_id, context_id, TaskState.TASK_STATE_WORKING, history=[context.message]
            )
            await event_queue.enqueue_event(task)
        else:
            await updater.start_work()
        reply = ReplyArtifact(updater)
        async for name, data in turn_events(turn):
            if name == "token" and data["text"]:
                await reply.add(data["text"])
            elif name == "interrupt":
                await reply.flush()
                await updater.requires_input(self._say(updater, _questions(data)))
            elif name == "final":
                text = str(data.get("reply") or "")
                if not reply.sent and not reply.pending:
                    reply.pending = text  # a write's summary is the reply, untokened
                await reply.flush()
                state = (
                    TaskState.TASK_STATE_CANCELED
                    if data.get("cancelled")
                    else TaskState.TASK_STATE_COMPLETED
                )
                await updater.update_status(state, self._say(updater, text))
            elif name == "error":
                await reply.flush()
                await updater.failed(self._say(updater, str(data["message"])))

    @staticmethod
    def _say(updater: TaskUpdater, text: str) -> Any:
        return new_text_message(
            text, context_id=updater.context_id, task_id=updater.task_id, role=Role.ROLE_AGENT
        )

    async def cancel(self, context: RequestContext, event_queue: EventQueue) -> None:
        raise InvalidRequestError("A PAM turn is cancelled from its thread, not over A2A.")


def _questions(pending: dict[str, Any]) -> str:
    requests = pending.get("action_requests") or []
    asked = " ".join(str(r.get("description") or r.get("name")) for r in requests)
    return f"{asked} (answer yes or no)"


class PamCallContextBuilder(DefaultServerCallContextBuilder):
    """The SDK's context, plus the app (for the run core); the user is A2AGate's."""

    def build(self, request: Request) -> ServerCallContext:
        context = super().build(request)
        context.state["app"] = request.app
        context.state[REQUEST_ID_KEY] = getattr(request.state, "request_id", None)
        return context


class A2AGate:
    """The token (Bearer, or the same JWT as X-Api-Key), verified as on every route; the
    user it names is the A2A user (and the owner of their tasks). 401 otherwise."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        resources: Resources = scope["app"].state.resources
        headers = Request(scope).headers
        scheme, _, token = headers.get("authorization", "").partition(" ")
        token = token.strip() if scheme.lower() == "bearer" else headers.get("x-api-key", "")
        user = await token_user(resources, token)
        if user is None:
            response = error_response(
                401, "Missing, invalid or expired token.", **{"WWW-Authenticate": "Bearer"}
            )
            await response(scope, receive, send)
            return
        scope["user"] = SimpleUser(str(user))
        await checked_body(self.app, scope, receive, hiding_internals(scope, send))


class A2ADoor:
    def __init__(self) -> None:
        self.settings = DoorSettings()
        placeholder = agent_card(self.settings.pam_public_url or "http://localhost:8000")
        self.handler = DefaultRequestHandlerV2(
            agent_executor=PamExecutor(),
            task_store=RecentTaskStore(),
            agent_card=placeholder,
            # A task left waiting for input (an approval never answered) lets go of
            # its workers after this long; the thread keeps the question.
            interrupted_task_timeout=INTERRUPTED_TASK_S,
        )

    def routes(self) -> list[DoorRoute]:
        (rpc,) = create_jsonrpc_routes(
            self.handler, PATH, context_builder=PamCallContextBuilder(), enable_v0_3_compat=True
        )
        return [
            DoorRoute(PATH, endpoint=A2AGate(rpc.app), methods=["POST"]),
            DoorRoute(AGENT_CARD_WELL_KNOWN_PATH, endpoint=self._card, methods=["GET"]),
        ]

    async def _card(self, request: Request) -> Response:
        base = self.settings.pam_public_url or str(request.base_url)
        return JSONResponse(agent_card_to_dict(agent_card(base.rstrip("/"))))
