"""Bad input to the chat routes: clear 4xx JSON with a code, never a 500, no model call."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import Serve, StreamingScriptedModel, auth, token_for

CHAT = "/api/v1/pam/chat"
BAD_BODIES = [
    {},
    {"message": ""},
    {"message": "   "},
    {"message": "x" * 4001},
    {"message": 5},
    {"message": ["hi"]},
    {"message": "hi", "thread_id": "not-a-uuid"},
    {"message": "hi", "thread_id": 7},
    {"message": "hi", "user_id": "someone-else"},
    {"message": "hi", "message_id": ""},
    {"message": "hi", "context": "Broome"},
    {"message": "hi", "context": {"location": {"lat": 123, "lng": 0}}},
    {"message": "hi", "context": {"location": {"lat": "north", "lng": 0}}},
    {"message": "hi", "context": {"timezone": "Mars/Olympus"}},
    {"message": "hi", "context": {"current_page": "x" * 201}},
    {"message": "hi", "context": {"weather": "hot"}},
]


@pytest.mark.parametrize("path", [CHAT, f"{CHAT}/stream"])
async def test_invalid_bodies_are_422_with_a_readable_message(serve: Serve, path: str) -> None:
    model = StreamingScriptedModel(script=[])  # any model call would fail the turn
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("max"), timeout=30) as client,
    ):
        answers = [await client.post(path, json=body) for body in BAD_BODIES]
        malformed = await client.post(
            path, content=b'{"message": "hi"', headers={"content-type": "application/json"}
        )
        not_json = await client.post(path, content=b"hi", headers={"content-type": "text/plain"})
    for body, answer in zip(BAD_BODIES, answers, strict=True):
        assert answer.status_code == 422, (body, answer.text)
        assert answer.json()["code"] == "invalid_request"
        assert answer.json()["detail"].startswith("Invalid request")
    assert malformed.status_code == 422 and malformed.json()["code"] == "invalid_request"
    assert not_json.status_code == 422
    assert model.seen == []


async def test_every_auth_failure_is_401(serve: Serve) -> None:
    expired = token_for("ned", ttl_s=-60)
    forged = token_for("ned", secret="a-different-secret-of-sufficient-length-000")
    async with serve() as server, httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        body = {"message": "hi"}
        answers = [
            await client.post(CHAT, json=body),
            await client.post(CHAT, json=body, headers={"Authorization": "Bearer nonsense"}),
            await client.post(CHAT, json=body, headers={"Authorization": f"Bearer {expired}"}),
            await client.post(CHAT, json=body, headers={"Authorization": f"Bearer {forged}"}),
            await client.post(f"{CHAT}/stream", json=body),
            await client.get("/api/v1/pam/threads"),
        ]
    for answer in answers:
        assert answer.status_code == 401
        assert answer.json()["code"] == "unauthorized"


async def test_wrong_methods_and_routes_are_clear(serve: Serve) -> None:
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("ora"), timeout=30) as client,
    ):
        get_chat = await client.get(CHAT)
        put_threads = await client.put("/api/v1/pam/threads")
        nowhere = await client.post("/api/v1/pam/chatter", json={"message": "hi"})
    assert get_chat.status_code == 405 and get_chat.json()["code"] == "method_not_allowed"
    assert put_threads.status_code == 405
    assert nowhere.status_code == 404 and nowhere.json()["code"] == "not_found"
