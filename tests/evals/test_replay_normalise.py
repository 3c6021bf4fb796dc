"""Request keys: stable across runs (fresh UUIDs, random call ids, wall-clock stamps),
different when what the model is asked changes; chunk streams rewrite cleanly."""

from __future__ import annotations

import json
import uuid
from typing import Any

from evals.replay.cassettes import Exchange, from_placeholders, to_placeholders
from evals.replay.normalise import normalise_request
from evals.replay.stream import merge, split

TOOLS = [{"type": "function", "function": {"name": "delete_expense", "parameters": {}}}]


def _body(expense: str, call: str, stamp: str, **extra: Any) -> dict[str, Any]:
    result = {"ok": True, "ids": [expense], "post": {"created_at": stamp}}
    return {
        "model": "pam-brain",
        "tools": TOOLS,
        "messages": [
            {"role": "user", "content": "delete it"},
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": call,
                        "type": "function",
                        "function": {"name": "list_expenses", "arguments": "{}"},
                    }
                ],
            },
            {"role": "tool", "tool_call_id": call, "content": json.dumps(result)},
        ],
        **extra,
    }


def test_two_runs_of_a_conversation_get_the_same_key() -> None:
    a = normalise_request(_body(str(uuid.uuid4()), "call_abc", "2025-01-01T00:00:00Z"))
    b = normalise_request(
        _body(str(uuid.uuid4()), "call_xyz", "2025-06-30T12:34:56Z", stream=True, temperature=0)
    )
    assert a.key == b.key
    assert a.request == b.request
    tool_message = a.request["messages"][2]
    assert tool_message["tool_call_id"] == "<call:1>"
    assert '"<uuid:1>"' in tool_message["content"]
    assert '"created_at": "<time>"' in tool_message["content"]


def test_what_the_model_is_asked_changes_the_key() -> None:
    base = _body(str(uuid.uuid4()), "c", "t")
    other_text = {**base, "messages": [{"role": "user", "content": "delete that"}]}
    other_model = {**base, "model": "gpt-4o-mini"}
    other_choice = {**base, "tool_choice": "required"}
    keys = {normalise_request(b).key for b in (base, other_text, other_model, other_choice)}
    assert len(keys) == 4


def test_uuids_are_numbered_in_order_of_first_appearance() -> None:
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    body = {"model": "m", "messages": [{"role": "user", "content": f"{first} {second} {first}"}]}
    norm = normalise_request(body)
    assert norm.request["messages"][0]["content"] == "<uuid:1> <uuid:2> <uuid:1>"


def _answer(expense: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 0,
        "model": "pam-brain",
        "choices": [
            {
                "index": 0,
                "finish_reason": "tool_calls",
                "logprobs": None,
                "message": {
                    "role": "assistant",
                    "content": f"Deleting {expense} now",
                    "tool_calls": [
                        {
                            "id": "call_1",
                            "type": "function",
                            "function": {
                                "name": "delete_expense",
                                "arguments": json.dumps({"expense_id": expense}),
                            },
                        }
                    ],
                },
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3},
    }


def test_split_and_merge_are_inverse() -> None:
    response = _answer(str(uuid.uuid4()))
    chunks = split(response)
    assert len(chunks) > 5  # streamed in pieces, arguments included
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["total_tokens"] == 3
    assert merge(chunks) == response


def test_a_recorded_answer_names_the_replaying_runs_rows() -> None:
    recorded_id, replay_id = str(uuid.uuid4()), str(uuid.uuid4())
    recorded_norm = normalise_request(_body(recorded_id, "c1", "t1"))
    response = _answer(recorded_id)
    stored = to_placeholders(Exchange(response, split(response)), recorded_norm)
    assert recorded_id not in json.dumps(stored.response)
    assert recorded_id not in json.dumps(stored.chunks)  # even where a UUID was cut in two
    replay_norm = normalise_request(_body(replay_id, "c2", "t2"))
    assert replay_norm.key == recorded_norm.key
    replayed = from_placeholders(stored, replay_norm)
    assert replayed.response == _answer(replay_id)
    assert merge(replayed.chunks) == _answer(replay_id)
