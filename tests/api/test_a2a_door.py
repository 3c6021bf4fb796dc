"""The A2A door, driven by the `a2a-sdk` client (JSON-RPC, streaming and not) against a
live server: the agent card, a turn per message on the context's thread, an approval as
input-required settled by the next message, and the refusals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from uuid import uuid4

import httpx
import pytest
from a2a.client import ClientConfig, ClientFactory
from a2a.client.client import Client
from a2a.helpers.proto_helpers import get_message_text, new_text_message
from a2a.types.a2a_pb2 import GetTaskRequest, Role, SendMessageRequest, StreamResponse, TaskState
from a2a.utils.errors import A2AError, TaskNotFoundError
from langchain_core.messages import AIMessage

from tests.api.conftest import (
    LiveServer,
    Serve,
    StreamingScriptedModel,
    add_expense,
    auth,
    expense_amounts,
    token_for,
)
from tests.fakes import call, route
from tools.db.pool import Pool


@asynccontextmanager
async def a2a_client(server: LiveServer, user: str, *, streaming: bool) -> AsyncIterator[Client]:
    http = httpx.AsyncClient(headers=auth(user), timeout=30)
    config = ClientConfig(streaming=streaming, httpx_client=http)
    async with http:
        client = await ClientFactory(config).create_from_url(server.url)
        try:
            yield client
        finally:
            await client.close()


def ask(text: str, context_id: str) -> SendMessageRequest:
    message = new_text_message(text, context_id=context_id, role=Role.ROLE_USER)
    return SendMessageRequest(message=message)


async def responses(client: Client, request: SendMessageRequest) -> list[StreamResponse]:
    return [r async for r in client.send_message(request)]


def last_state(got: list[StreamResponse]) -> tuple[int, str]:
    for r in reversed(got):
        if r.HasField("status_update"):
            status = r.status_update.status
            return status.state, get_message_text(status.message)
        if r.HasField("task"):
            return r.task.status.state, get_message_text(r.task.status.message)
    raise AssertionError(f"no task state in {got}")


async def test_the_agent_card_names_the_four_domains_and_bearer_auth(serve: Serve) -> None:
    async with serve() as server, httpx.AsyncClient(base_url=server.url) as c:
        card = (await c.get("/.well-known/agent-card.json")).json()
    assert {s["id"] for s in card["skills"]} == {"wins", "wheels", "you", "social"}
    assert card["supportedInterfaces"][0]["url"] == f"{server.url}/a2a"
    assert card["capabilities"]["streaming"] is True
    assert card["securitySchemes"]["bearer"]["httpAuthSecurityScheme"]["scheme"] == "bearer"


@pytest.mark.parametrize("streaming", [True, False], ids=["message-stream", "message-send"])
async def test_a_message_runs_a_turn_on_the_contexts_thread(
    serve: Serve, pool: Pool, streaming: bool
) -> None:
    model = StreamingScriptedModel(
        script=[route("wins"), call("add_expense", "c1", amount=30, category="fuel")]
    )
    context, user = str(uuid4()), f"abe-{streaming}"
    async with serve(model) as server:
        async with a2a_client(server, user, streaming=streaming) as client:
            got = await responses(client, ask("fuel $30", context))
        async with httpx.AsyncClient(base_url=server.url, headers=auth(user)) as rest:
            thread = (await rest.get(f"/api/v1/pam/threads/{context}")).json()
    state, text = last_state(got)
    assert state == TaskState.TASK_STATE_COMPLETED and text.startswith("Logged $30.00"), got
    assert await expense_amounts(pool, user) == [30.0]
    assert thread["messages"][-1]["content"] == text  # the turn is in the user's thread


async def test_an_approval_is_input_required_and_the_next_message_settles_it(
    serve: Serve, pool: Pool
) -> None:
    expense = await add_expense(pool, "bo", 38)
    model = StreamingScriptedModel(
        script=[route("wins"), call("delete_expense", "d1", expense_id=expense)]
    )
    context = str(uuid4())
    async with serve(model) as server, a2a_client(server, "bo", streaming=True) as client:
        paused = await responses(client, ask("delete the camping expense", context))
        state, question = last_state(paused)
        assert state == TaskState.TASK_STATE_INPUT_REQUIRED and "$38.00" in question
        assert await expense_amounts(pool, "bo") == [38.0]
        done = await responses(client, ask("yes", context))
    state, text = last_state(done)
    assert state == TaskState.TASK_STATE_COMPLETED and text.startswith("Deleted"), done
    assert await expense_amounts(pool, "bo") == []


async def test_refusals_are_protocol_errors_and_write_nothing(serve: Serve, pool: Pool) -> None:
    model = StreamingScriptedModel(
        script=[route("general"), AIMessage("Hello."), route("general"), AIMessage("Hi, dot.")]
    )
    context = str(uuid4())
    async with serve(model) as server:
        async with a2a_client(server, "cal", streaming=False) as client:
            await responses(client, ask("hello", context))
        async with a2a_client(server, "dot", streaming=False) as other:
            # Cal's context id is, to dot, an unused one: dot's own new conversation.
            foreign = await responses(other, ask("what did cal say?", context))
            with pytest.raises(A2AError, match="message"):
                await responses(other, ask("x" * 5000, str(uuid4())))
        async with httpx.AsyncClient(base_url=server.url) as raw:
            body: dict[str, Any] = {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "SendMessage",
                "params": {},
            }
            bare = await raw.post("/a2a", json=body)
            expired = await raw.post(
                "/a2a", json=body, headers={"X-Api-Key": token_for("dot", ttl_s=-60)}
            )
        async with httpx.AsyncClient(base_url=server.url, headers=auth("dot")) as rest:
            threads = (await rest.get("/api/v1/pam/threads")).json()["items"]
    assert bare.status_code == 401 and expired.status_code == 401
    assert last_state(foreign) == (TaskState.TASK_STATE_COMPLETED, "Hi, dot.")
    assert [t["thread_id"] for t in threads] == [context]  # dot's own; the refused made none


async def test_a_0_3_client_uses_message_send_on_the_same_endpoint(serve: Serve) -> None:
    model = StreamingScriptedModel(script=[route("general"), AIMessage("Hello there.")])
    context = str(uuid4())
    body = {
        "jsonrpc": "2.0",
        "id": "1",
        "method": "message/send",
        "params": {
            "message": {
                "kind": "message",
                "role": "user",
                "messageId": str(uuid4()),
                "contextId": context,
                "parts": [{"kind": "text", "text": "hello"}],
            }
        },
    }
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("eda"), timeout=30) as c,
    ):
        answer = (await c.post("/a2a", json=body)).json()
    task = answer["result"]
    assert task["contextId"] == context and task["status"]["state"] == "completed", answer
    assert task["status"]["message"]["parts"][0]["text"] == "Hello there."


async def test_a_streamed_reply_arrives_as_one_artifact_in_order(serve: Serve) -> None:
    reply = "Fuel is cheapest in Broome on Tuesdays, " + "and " * 40 + "that is all."
    model = StreamingScriptedModel(script=[route("general"), AIMessage(reply)])
    async with serve(model) as server, a2a_client(server, "fin", streaming=True) as client:
        got = await responses(client, ask("when is fuel cheap?", str(uuid4())))
    chunks = [r.artifact_update for r in got if r.HasField("artifact_update")]
    assert chunks and {c.artifact.artifact_id for c in chunks} == {"reply"}
    assert [c.append for c in chunks] == [False] + [True] * (len(chunks) - 1)
    assert "".join(p.text for c in chunks for p in c.artifact.parts) == reply
    state, text = last_state(got)
    assert state == TaskState.TASK_STATE_COMPLETED and text == reply


async def test_a_task_is_its_owners_alone(serve: Serve) -> None:
    model = StreamingScriptedModel(script=[route("general"), AIMessage("Hello.")])
    async with serve(model) as server:
        async with a2a_client(server, "gil", streaming=False) as client:
            got = await responses(client, ask("hello", str(uuid4())))
            task_id = got[-1].task.id
            mine = await client.get_task(GetTaskRequest(id=task_id))
        async with a2a_client(server, "hob", streaming=False) as other:
            with pytest.raises(TaskNotFoundError):
                await other.get_task(GetTaskRequest(id=task_id))
    assert mine.status.state == TaskState.TASK_STATE_COMPLETED
