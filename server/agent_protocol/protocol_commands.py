"""The commands of LangGraph's thread-centric streaming protocol (langgraph-sdk's
`client.threads.stream(...)`, the `langchain_protocol` package), read and checked.

A command is `{"id": <int>, "method": <str>, "params": {...}}`, posted to
`/threads/{thread_id}/commands` (or sent over the thread's WebSocket). Its answer is
`{"type": "success", "id", "result", "meta"}` or the protocol's error shape
`{"type": "error", "id", "error": <code>, "message"}`. Everything here is pure: the
route (protocol_stream.py) acts on what is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

from pydantic import BaseModel

from server.runs.run import Strategy

Method = Literal[
    "run.start",
    "input.respond",
    "subscription.subscribe",
    "subscription.unsubscribe",
    "subscription.reconnect",
    "agent.getTree",
]
# The protocol's error codes PAM answers with (langchain_protocol's ErrorCode names more).
ErrorCode = Literal[
    "invalid_argument",
    "unknown_command",
    "unknown_error",
    "no_such_run",
    "no_such_subscription",
    "no_such_interrupt",
    "no_such_checkpoint",
    "permission_denied",
    "not_supported",
]
# Commands of the protocol PAM knows but does not serve (nor does LangGraph's server:
# its answer is `unknown_command`), each with what to use instead.
NOT_SERVED: dict[str, str] = {
    "input.inject": "input.inject is not served here; start a run with the message instead.",
    "state.get": "state.get is not served here; GET /threads/{id}/state has the state.",
    "state.listCheckpoints": "state.listCheckpoints is not served here; "
    "POST /threads/{id}/history lists the checkpoints.",
    "state.fork": "state.fork is not served here; start a run with "
    "config.configurable.checkpoint_id to fork.",
}
# Commands answered on the thread's WebSocket only (as LangGraph's server answers them:
# over HTTP a command has no subscription or run of its socket), and what to use over HTTP.
SOCKET_ONLY: dict[str, str] = {
    "subscription.subscribe": "subscription.subscribe is for the WebSocket transport; over "
    "HTTP a subscription is the body of POST /threads/{thread_id}/stream/events.",
    "subscription.unsubscribe": "subscription.unsubscribe is for the WebSocket transport; over "
    "HTTP a subscription ends when its POST /threads/{thread_id}/stream/events is closed.",
    "subscription.reconnect": "subscription.reconnect is for the WebSocket transport; over "
    "HTTP reopen POST /threads/{thread_id}/stream/events with `since` set to the last seq "
    "received.",
    "agent.getTree": "agent.getTree is answered on the thread's WebSocket "
    "(/threads/{thread_id}/stream/events); over HTTP, GET /assistants/{assistant_id}/graph "
    "has the graph.",
}
STRATEGIES: tuple[str, ...] = get_args(Strategy)
# What a run.start asks when it names no strategy, as LangGraph's server (its legacy
# stream endpoint's default): queue behind a busy thread's run.
DEFAULT_STRATEGY: Strategy = "enqueue"


class CommandError(Exception):
    """A command refused before anything ran; `answer()` is the protocol's error shape."""

    def __init__(self, command_id: int | None, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.command_id = command_id
        self.code: ErrorCode = code
        self.message = message

    def answer(self) -> dict[str, Any]:
        return error_answer(self.command_id, self.code, self.message)


class CommandRefusal(BaseModel):
    """The protocol's error shape, as the OpenAPI document describes a refused command."""

    type: Literal["error"]
    id: int | None
    error: ErrorCode
    message: str


def error_answer(command_id: int | None, code: ErrorCode, message: str) -> dict[str, Any]:
    return {"type": "error", "id": command_id, "error": code, "message": message}


def success_answer(command_id: int, result: dict[str, Any], seq: int = 0) -> dict[str, Any]:
    return {
        "type": "success",
        "id": command_id,
        "result": result,
        "meta": {"applied_through_seq": seq},
    }


@dataclass(frozen=True)
class Envelope:
    """What makes a request a command at all: refused as a bad request (400) otherwise."""

    id: int
    method: str
    params: Any


@dataclass(frozen=True)
class Command:
    id: int
    method: Method
    params: dict[str, Any]


@dataclass(frozen=True)
class RunStart:
    assistant_id: str
    input: dict[str, Any] | None
    config: dict[str, Any] | None
    metadata: dict[str, Any] | None
    multitask_strategy: Strategy
    # A fork: the protocol names the checkpoint to run from in config.configurable.
    checkpoint_id: str | None = None


@dataclass(frozen=True)
class Response:
    """One interrupt answered: its id, the namespace it was asked from, the answer."""

    interrupt_id: str
    namespace: tuple[str, ...]
    response: Any


@dataclass(frozen=True)
class InputRespond:
    responses: tuple[Response, ...]
    config: dict[str, Any] | None
    metadata: dict[str, Any] | None

    def resume(self) -> dict[str, Any]:
        """The resume value: each answer by its interrupt's id (LangGraph's resume map)."""
        return {r.interrupt_id: r.response for r in self.responses}


def parse_envelope(payload: Any) -> Envelope:
    """An object with an integer id and a string method."""
    command_id = _command_id(payload)
    if command_id is None or not isinstance(payload.get("method"), str):
        raise CommandError(
            command_id,
            "invalid_argument",
            "A protocol command is an object with an integer `id` and a string `method`.",
        )
    return Envelope(command_id, payload["method"], payload.get("params", {}))


def parse_command(envelope: Envelope) -> Command:
    """A command this server serves, with object params (answered with the protocol's
    error otherwise)."""
    command_id = envelope.id
    method = next((m for m in get_args(Method) if m == envelope.method), None)
    if envelope.method in NOT_SERVED:
        raise CommandError(command_id, "not_supported", NOT_SERVED[envelope.method])
    if method is None:
        served = ", ".join(get_args(Method))
        raise CommandError(
            command_id,
            "unknown_command",
            f"Unknown protocol command {envelope.method!r}; use {served}.",
        )
    params = envelope.params
    if params is None:
        params = {}
    if not isinstance(params, dict):
        raise CommandError(command_id, "invalid_argument", f"{method}: params must be an object.")
    return Command(command_id, method, params)


def _command_id(payload: Any) -> int | None:
    if not isinstance(payload, dict):
        return None
    value = payload.get("id")
    # bool is an int to Python, never to the protocol
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _object(command: Command, key: str) -> dict[str, Any] | None:
    value = command.params.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise CommandError(
            command.id, "invalid_argument", f"{command.method}: {key} must be an object."
        )
    return value


def parse_run_start(command: Command) -> RunStart:
    assistant_id = command.params.get("assistant_id")
    if not isinstance(assistant_id, str) or not assistant_id:
        raise CommandError(command.id, "invalid_argument", "run.start requires an assistant_id.")
    value = command.params.get("input")
    if value is not None and not isinstance(value, dict):
        raise CommandError(
            command.id,
            "invalid_argument",
            'run.start: input must be an object, e.g. {"messages": [{"role": "user", '
            '"content": "..."}]}.',
        )
    strategy = command.params.get("multitask_strategy", command.params.get("multitaskStrategy"))
    if strategy is None:
        strategy = DEFAULT_STRATEGY
    if strategy not in STRATEGIES:
        raise CommandError(
            command.id,
            "invalid_argument",
            f"run.start: multitask_strategy {strategy!r} is not one of {', '.join(STRATEGIES)}.",
        )
    config, checkpoint_id = _fork(command, _object(command, "config"))
    return RunStart(
        assistant_id=assistant_id,
        input=value,
        config=config,
        metadata=_object(command, "metadata"),
        multitask_strategy=strategy,
        checkpoint_id=checkpoint_id,
    )


def _fork(
    command: Command, config: dict[str, Any] | None
) -> tuple[dict[str, Any] | None, str | None]:
    """The config without `configurable.checkpoint_id`, and that id (a run's fork point,
    which PAM's runs take as `checkpoint_id`, never in the configurable)."""
    configurable = (config or {}).get("configurable")
    if not isinstance(configurable, dict) or "checkpoint_id" not in configurable:
        return config, None
    checkpoint_id = configurable["checkpoint_id"]
    if not isinstance(checkpoint_id, str) or not checkpoint_id.strip():
        raise CommandError(
            command.id,
            "invalid_argument",
            "run.start: config.configurable.checkpoint_id must be a non-empty string.",
        )
    rest = {k: v for k, v in configurable.items() if k != "checkpoint_id"}
    return {**(config or {}), "configurable": rest}, checkpoint_id


def _namespace(command: Command, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise CommandError(
            command.id, "invalid_argument", "input.respond: namespace must be a list of strings."
        )
    return tuple(value)


def _response(command: Command, entry: Any) -> Response:
    if not isinstance(entry, dict):
        raise CommandError(
            command.id, "invalid_argument", "input.respond: each of responses must be an object."
        )
    interrupt_id = entry.get("interrupt_id")
    if not isinstance(interrupt_id, str) or not interrupt_id:
        raise CommandError(
            command.id, "invalid_argument", "input.respond requires an interrupt_id."
        )
    return Response(
        interrupt_id, _namespace(command, entry.get("namespace")), entry.get("response")
    )


def parse_input_respond(command: Command) -> InputRespond:
    """One answer (`interrupt_id`, `namespace`, `response`) or several (`responses`)."""
    many = command.params.get("responses")
    if many is not None:
        if not isinstance(many, list) or not many:
            raise CommandError(
                command.id, "invalid_argument", "input.respond: responses must be a non-empty list."
            )
        responses = tuple(_response(command, entry) for entry in many)
    else:
        responses = (_response(command, command.params),)
    return InputRespond(
        responses=responses,
        config=_object(command, "config"),
        metadata=_object(command, "metadata"),
    )
