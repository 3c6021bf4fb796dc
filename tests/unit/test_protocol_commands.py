"""Reading the thread-centric protocol's commands and event-stream requests
(server/agent_protocol/protocol_commands.py, protocol_filter.py)."""

from __future__ import annotations

from typing import Any

import pytest

from server.agent_protocol.protocol_commands import (
    CommandError,
    Response,
    error_answer,
    parse_command,
    parse_envelope,
    parse_input_respond,
    parse_run_start,
)
from server.agent_protocol.protocol_filter import EventFilter, FilterError


def command(method: str, params: Any = None, command_id: int = 3) -> Any:
    return parse_command(parse_envelope({"id": command_id, "method": method, "params": params}))


def refusal(call: Any) -> tuple[int | None, str, str]:
    with pytest.raises(CommandError) as caught:
        call()
    return caught.value.command_id, caught.value.code, caught.value.message


@pytest.mark.parametrize(
    "payload",
    [
        [1],
        "run.start",
        {"method": "run.start"},
        {"id": "1", "method": "run.start"},
        {"id": True, "method": "run.start"},
        {"id": -1, "method": "run.start"},
        {"id": 1},
    ],
)
def test_an_envelope_needs_an_integer_id_and_a_string_method(payload: Any) -> None:
    _, code, message = refusal(lambda: parse_envelope(payload))
    assert code == "invalid_argument" and "integer `id`" in message


def test_the_error_shape_is_the_protocols() -> None:
    with pytest.raises(CommandError) as caught:
        command("run.bogus")
    assert caught.value.answer() == error_answer(3, "unknown_command", caught.value.message)
    assert caught.value.answer()["type"] == "error" and "run.start" in caught.value.message


def test_commands_known_but_not_served_say_what_to_use() -> None:
    assert refusal(lambda: command("state.get"))[1:] == (
        "not_supported",
        "state.get is not served here; GET /threads/{id}/state has the state.",
    )
    assert refusal(lambda: command("input.inject"))[1] == "not_supported"


def test_socket_commands_are_commands() -> None:
    """Answered on the WebSocket (protocol_socket.py); over HTTP, not_supported there."""
    assert command("agent.getTree").method == "agent.getTree"
    assert command("subscription.reconnect", {"since": 1}).params == {"since": 1}


def test_params_must_be_an_object() -> None:
    assert command("run.start", None).params == {}
    assert refusal(lambda: command("run.start", [1]))[1:] == (
        "invalid_argument",
        "run.start: params must be an object.",
    )


def test_run_start() -> None:
    start = parse_run_start(
        command(
            "run.start",
            {
                "assistant_id": "pam",
                "input": {"messages": [{"role": "user", "content": "hi"}]},
                "config": {"configurable": {"x": 1}},
                "multitaskStrategy": "reject",
            },
        )
    )
    assert start.assistant_id == "pam" and start.input == {
        "messages": [{"role": "user", "content": "hi"}]
    }
    assert start.config == {"configurable": {"x": 1}} and start.metadata is None
    assert start.multitask_strategy == "reject"
    assert (
        parse_run_start(command("run.start", {"assistant_id": "pam"})).multitask_strategy
        == "enqueue"
    )


def test_run_start_forks_from_the_configurables_checkpoint() -> None:
    config = {"configurable": {"checkpoint_id": "c1", "x": 1}, "tags": ["t"]}
    start = parse_run_start(command("run.start", {"assistant_id": "pam", "config": config}))
    assert start.checkpoint_id == "c1"
    assert start.config == {"configurable": {"x": 1}, "tags": ["t"]}
    plain = parse_run_start(command("run.start", {"assistant_id": "pam", "config": {"tags": []}}))
    assert plain.checkpoint_id is None and plain.config == {"tags": []}


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({}, "run.start requires an assistant_id."),
        (
            {"assistant_id": "pam", "config": {"configurable": {"checkpoint_id": ""}}},
            "checkpoint_id must be a non-empty string",
        ),
        ({"assistant_id": ""}, "run.start requires an assistant_id."),
        ({"assistant_id": "pam", "input": "hello"}, "run.start: input must be an object"),
        ({"assistant_id": "pam", "config": [1]}, "run.start: config must be an object."),
        ({"assistant_id": "pam", "multitask_strategy": "later"}, "multitask_strategy 'later'"),
    ],
)
def test_run_start_refusals(params: dict[str, Any], says: str) -> None:
    command_id, code, message = refusal(lambda: parse_run_start(command("run.start", params)))
    assert (command_id, code) == (3, "invalid_argument") and says in message


def test_input_respond_one_and_many() -> None:
    one = parse_input_respond(
        command(
            "input.respond", {"interrupt_id": "a", "namespace": ["wins:1"], "response": {"ok": 1}}
        )
    )
    assert one.responses == (Response("a", ("wins:1",), {"ok": 1}),)
    assert one.resume() == {"a": {"ok": 1}}
    many = parse_input_respond(
        command(
            "input.respond",
            {
                "responses": [
                    {"interrupt_id": "a", "response": 1},
                    {"interrupt_id": "b", "response": 2},
                ]
            },
        )
    )
    assert many.resume() == {"a": 1, "b": 2} and many.responses[0].namespace == ()


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"response": 1}, "input.respond requires an interrupt_id."),
        ({"interrupt_id": "a", "namespace": "wins"}, "namespace must be a list of strings"),
        ({"responses": []}, "responses must be a non-empty list"),
        ({"responses": ["a"]}, "each of responses must be an object"),
        ({"responses": [{"response": 1}]}, "input.respond requires an interrupt_id."),
    ],
)
def test_input_respond_refusals(params: dict[str, Any], says: str) -> None:
    _, code, message = refusal(lambda: parse_input_respond(command("input.respond", params)))
    assert code == "invalid_argument" and says in message


def event(method: str, namespace: list[str], data: Any = None, seq: int = 10) -> dict[str, Any]:
    return {
        "type": "event",
        "seq": seq,
        "method": method,
        "params": {"namespace": namespace, "data": data},
    }


def test_a_filter_picks_channels_namespaces_depth_and_since() -> None:
    wanted = EventFilter.parse(
        {
            "channels": ["values", "input", "custom:ui"],
            "namespaces": [["wins"]],
            "depth": 0,
            "since": 5,
        }
    )
    assert wanted.wants(event("values", ["wins:abc"]))  # a segment without `:` is any task
    assert not wanted.wants(event("values", []))  # outside the namespaces
    assert not wanted.wants(event("values", ["wins:abc", "inner"]))  # deeper than depth
    assert wanted.wants(event("input.requested", ["wins:abc"]))  # `input` is input.requested
    assert wanted.wants(event("custom", ["wins:1"], {"name": "ui"}))
    assert not wanted.wants(event("custom", ["wins:1"], {"name": "other"}))
    assert not wanted.wants(event("messages", ["wins:1"]))
    assert not wanted.wants(event("values", ["wins:1"], seq=5))  # at or before since
    exact = EventFilter.parse({"channels": ["values"], "namespaces": [["wins:abc"]]})
    assert exact.wants(event("values", ["wins:abc", "deeper"]))
    assert not exact.wants(event("values", ["wins:xyz"]))


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ([], "must be a JSON object"),
        ({}, "channels is required"),
        ({"channels": []}, "channels is required"),
        ({"channels": ["values", "nope", 3]}, "unsupported entries: nope, 3"),
        ({"channels": ["custom:"]}, "unsupported entries: custom:"),
        ({"channels": ["values"], "namespaces": ["wins"]}, "namespaces must be a list"),
        ({"channels": ["values"], "depth": -1}, "depth must be"),
        ({"channels": ["values"], "since": True}, "since must be"),
    ],
)
def test_filter_refusals(body: Any, says: str) -> None:
    with pytest.raises(FilterError, match=says):
        EventFilter.parse(body)
