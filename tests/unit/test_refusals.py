"""Refusals (server/refusals.py) are mapped once per transport: every kind has its HTTP
status and body code and its WebSocket frame code, and the code that serves every
transport raises refusals, never an HTTP exception."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

import orjson
import pytest

from server.errors import refusal_response
from server.refusals import KINDS, BadInput, NotFound, RefusalKind, Refused
from server.runs.run import ThreadBusy
from server.ws.handlers import refusal_frame

SERVER = Path(__file__).resolve().parents[2] / "server"
HTTP = {
    "malformed": (400, "bad_request"),
    "bad_input": (422, "invalid_request"),
    "not_found": (404, "not_found"),
    "forbidden": (403, "forbidden"),
    "conflict": (409, "conflict"),
    "busy": (409, "THREAD_BUSY"),
}
FRAME = {
    "malformed": "BAD_REQUEST",
    "bad_input": "BAD_REQUEST",
    "not_found": "NOT_FOUND",
    "forbidden": "BAD_REQUEST",
    "conflict": "BAD_REQUEST",
    "busy": "THREAD_BUSY",
}
# Transport-neutral: turns, threads, runs, crons, the doors' shared start, the socket.
NEUTRAL = ("chat", "runs", "crons", "doors", "ws", "agent_protocol/run_start.py")


@pytest.mark.parametrize("kind", get_args(RefusalKind))
def test_each_kind_has_one_http_answer_and_one_frame(kind: RefusalKind) -> None:
    refusal = KINDS[kind]("Why not, in words.")
    response = refusal_response(refusal)
    assert (response.status_code, orjson.loads(response.body)["code"]) == HTTP[kind]
    assert orjson.loads(response.body)["detail"] == "Why not, in words."
    frame = refusal_frame(refusal, "m1")
    assert frame["code"] == FRAME[kind] and frame["message_id"] == "m1"


def test_a_busy_thread_reads_as_before_on_each_transport() -> None:
    response = refusal_response(ThreadBusy("t"))
    assert orjson.loads(response.body) == {
        "detail": "This thread is busy with another turn; wait for it to finish.",
        "code": "THREAD_BUSY",
    }
    assert refusal_frame(ThreadBusy("t"))["message"] == "This thread is busy with another turn."


def test_a_batch_item_keeps_its_kind_and_says_which_it_was() -> None:
    moved = NotFound("Assistant not found.").about("body[2]")
    assert isinstance(moved, NotFound) and moved.message == "body[2]: Assistant not found."
    assert isinstance(BadInput("x").about("y"), Refused)


def _imports_http_exception(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and any(a.name == "HTTPException" for a in node.names):
            return True
    return False


def test_transport_neutral_code_raises_refusals_not_http_exceptions() -> None:
    paths = [
        p
        for place in NEUTRAL
        for p in ([SERVER / place] if place.endswith(".py") else (SERVER / place).rglob("*.py"))
    ]
    assert len(paths) > 30
    assert [str(p.relative_to(SERVER)) for p in paths if _imports_http_exception(p)] == []
