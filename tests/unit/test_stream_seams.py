"""The typed seams of the run's events: every recorded mode has a mirroring decision,
every chat event a WebSocket frame (or a reason for none), and a mode read back from Redis
is one of ours. mypy (`assert_never`) makes a new mode or event a type error there; these
check what each decision is."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from server.chat.translate import ChatEventName
from server.runs.codec import event_fields, read_event
from server.runs.events import EVENT_MODES, STREAM_MODES, RunEvent, event_mode
from server.runs.mirror import worth_mirroring
from server.ws.forward import to_frame

DATA: dict[str, dict[str, Any]] = {
    "metadata": {"thread_id": "t", "run_id": "r"},
    "route": {"domains": ["wheels"]},
    "token": {"text": "Hi"},
    "tool_call": {"name": "log_tyre_pressures", "args": {}, "id": "c1"},
    "tool_result": {"name": "log_tyre_pressures", "id": "c1", "summary": "ok", "ok": True},
    "interrupt": {"action_requests": [], "review_configs": []},
    "final": {"reply": "Done.", "ui_actions": []},
    "error": {"code": "INTERNAL", "message": "The turn failed on our side."},
}
FRAME_TYPE = {"token": "chunk", "final": "chat_response", "metadata": None}


def test_the_graph_is_asked_for_every_stream_mode_and_errors_are_recorded_too() -> None:
    assert STREAM_MODES == ("values", "updates", "messages", "custom")
    requested = {"debug", "checkpoints", "tasks", "events"}  # Agent Protocol runs that ask
    assert {*STREAM_MODES, *requested, "error"} == EVENT_MODES


@pytest.mark.parametrize("mode", sorted(EVENT_MODES))
def test_every_mode_reaches_other_instances_values_only_when_streamed(mode: Any) -> None:
    assert worth_mirroring(mode, values_streamed=True) is True
    assert worth_mirroring(mode, values_streamed=False) is (mode != "values")


@pytest.mark.parametrize("name", get_args(ChatEventName))
def test_every_chat_event_has_its_websocket_frame(name: Any) -> None:
    frame = to_frame((name, DATA[name]), "m1", "t1")
    expected = FRAME_TYPE.get(name, name)
    if expected is None:
        assert frame is None
    else:
        assert frame is not None
        assert (frame["type"], frame["message_id"]) == (expected, "m1")


def test_a_mode_read_back_from_redis_is_checked() -> None:
    event = RunEvent(7, "custom", ("wins",), {"progress": 1})
    fields = {
        k.encode(): v.encode() if isinstance(v, str) else v for k, v in event_fields(event).items()
    }
    assert read_event(fields) == event
    assert event_mode("updates") == "updates"
    with pytest.raises(ValueError, match="not a run event mode"):
        event_mode("lifecycle")
