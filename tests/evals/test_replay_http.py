"""The replay server over real HTTP, driven by langchain-openai: record an exchange in
brain mode, replay it streamed and not, tool calls included; unknown requests fail loudly."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.messages.ai import add_ai_message_chunks
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from evals.replay.brain import BrainUpstream
from evals.replay.cassettes import CassetteStore
from evals.replay.server import RunningServer, serve_in_background
from evals.replay.sources import CassetteSource, LiveSource
from tests.fakes import ScriptedChatModel

TOOL = {
    "type": "function",
    "function": {
        "name": "delete_expense",
        "description": "Delete an expense.",
        "parameters": {
            "type": "object",
            "properties": {"expense_id": {"type": "string"}},
            "required": ["expense_id"],
        },
    },
}


def _delete_named(messages: list[BaseMessage]) -> AIMessage:
    (expense,) = re.findall(r"[0-9a-f-]{36}", messages[-1].text)
    return AIMessage(
        "Deleting it now.",
        tool_calls=[{"name": "delete_expense", "args": {"expense_id": expense}, "id": "call_7"}],
    )


def _ask(expense: str) -> list[BaseMessage]:
    return [HumanMessage(f"delete expense {expense}")]


def _client(server: RunningServer, *, streaming: bool = False) -> ChatOpenAI:
    return ChatOpenAI(
        model="pam-brain",
        base_url=server.url,
        api_key=SecretStr("k"),
        max_retries=0,
        streaming=streaming,
        stream_usage=True,
    )


@pytest.fixture
def cassettes(tmp_path: Path) -> Path:
    """One exchange recorded through the server in brain mode (a scripted model)."""
    model = ScriptedChatModel(script=[_delete_named])
    store = CassetteStore([], write_dir=tmp_path)
    with serve_in_background(LiveSource(BrainUpstream(model), store)) as server:
        answer = _client(server).bind_tools([TOOL]).invoke(_ask(str(uuid.uuid4())))
    assert isinstance(answer, AIMessage) and answer.tool_calls
    assert len(list(tmp_path.glob("*.json"))) == 1
    return tmp_path


@pytest.fixture
def replay(cassettes: Path) -> Iterator[RunningServer]:
    with serve_in_background(CassetteSource(CassetteStore([cassettes]))) as server:
        yield server


async def test_non_streaming_replay_returns_the_tool_call_for_this_run(
    replay: RunningServer,
) -> None:
    expense = str(uuid.uuid4())
    answer = await _client(replay).bind_tools([TOOL]).ainvoke(_ask(expense))
    assert isinstance(answer, AIMessage)
    assert answer.text == "Deleting it now."
    assert answer.tool_calls == [
        {
            "name": "delete_expense",
            "args": {"expense_id": expense},
            "id": "call_7",
            "type": "tool_call",
        }
    ]


async def test_streaming_replay_streams_text_and_tool_call_fragments(
    replay: RunningServer,
) -> None:
    expense = str(uuid.uuid4())
    model = _client(replay, streaming=True).bind_tools([TOOL])
    pieces = [p async for p in model.astream(_ask(expense))]
    chunks = [p for p in pieces if isinstance(p, AIMessageChunk)]
    assert len(chunks) == len(pieces) > 3
    whole = add_ai_message_chunks(chunks[0], *chunks[1:])
    assert whole.text == "Deleting it now."
    assert whole.tool_calls[0]["args"] == {"expense_id": expense}
    assert whole.tool_calls[0]["id"] == "call_7"
    assert whole.usage_metadata is not None


async def test_raw_sse_ends_with_done(replay: RunningServer, cassettes: Path) -> None:
    body = {
        "model": "pam-brain",
        "stream": True,
        "tools": [TOOL],
        "messages": [{"role": "user", "content": f"delete expense {uuid.uuid4()}"}],
    }
    async with httpx.AsyncClient() as client:
        answer = await client.post(f"{replay.url}/chat/completions", json=body)
        models = await client.get(f"{replay.url}/models")
    assert answer.headers["content-type"].startswith("text/event-stream")
    events = [line for line in answer.text.split("\n\n") if line]
    assert all(e.startswith("data: ") for e in events)
    assert events[-1] == "data: [DONE]"
    assert '"usage"' not in answer.text  # not asked for with stream_options
    assert models.json()["data"][0]["id"] == "pam-brain"


async def test_an_unknown_request_is_a_loud_404_with_its_key(replay: RunningServer) -> None:
    body = {"model": "pam-brain", "messages": [{"role": "user", "content": "something new"}]}
    async with httpx.AsyncClient() as client:
        answer = await client.post(f"{replay.url}/chat/completions", json=body)
        broken = await client.post(f"{replay.url}/chat/completions", content=b"{nope")
    assert answer.status_code == 404
    error = answer.json()["error"]
    assert error["code"] == "no_cassette"
    assert error["key"] in error["message"]
    assert "no cassette matched" in error["message"]
    assert replay.misses == [error["key"]]
    assert broken.status_code == 400
    with pytest.raises(openai.NotFoundError, match="no cassette matched"):
        await _client(replay).ainvoke("something else")
