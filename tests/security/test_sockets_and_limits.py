"""Issue 14, sockets and limits: a socket lives no longer than its token unless renewed
(M3), no token in a log line (M4), one turn budget per user across transports (L1),
X-Api-Key names the rate-limited user (L2), a per-user socket cap (L3), the dev token
for PAM's own page only (L6)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import orjson
import pytest
from langchain_core.messages import AIMessage
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.api.conftest import (
    TEST_JWT_SECRET,
    Serve,
    frames_until,
    recv_frame,
    send_frame,
    token_for,
    ws_url,
)
from tests.api.rest_support import new_user
from tests.fakes import ScriptedChatModel, route
from tests.servers import REPO, free_port

pytestmark = pytest.mark.hardening  # issue 14 (make chaos runs it too)

WS_PATH = "/api/v1/pam/ws"


async def closed_with(ws: object, timeout_s: float = 10.0) -> tuple[int | None, str]:
    """The close code and reason once the server closes the socket."""
    async with asyncio.timeout(timeout_s):
        try:
            while True:
                await ws.recv()  # type: ignore[attr-defined]
        except ConnectionClosed as closed:
            rcvd = closed.rcvd
            return (rcvd.code, rcvd.reason) if rcvd is not None else (None, "")


async def test_a_socket_is_closed_when_its_token_expires(serve: Serve) -> None:
    """M3: REST refuses an expired token; so does the socket, with 4401 and a reason."""
    async with serve(ScriptedChatModel()) as server:
        url = f"{server.ws_url}{WS_PATH}?token={token_for(new_user('eve'), ttl_s=2)}"
        async with connect(url) as ws:
            assert (await recv_frame(ws))["type"] == "connected"
            started = time.monotonic()
            code, reason = await closed_with(ws)
        assert code == 4401
        assert "expired" in reason.lower() and "auth" in reason
        assert time.monotonic() - started < 5


async def test_an_auth_frame_with_a_fresh_token_keeps_the_socket_open(serve: Serve) -> None:
    user = new_user("renew")
    async with serve(ScriptedChatModel()) as server:
        url = f"{server.ws_url}{WS_PATH}?token={token_for(user, ttl_s=2)}"
        async with connect(url) as ws:
            assert (await recv_frame(ws))["type"] == "connected"
            await send_frame(ws, {"type": "auth", "token": token_for(user, ttl_s=600)})
            await asyncio.sleep(3)  # past the first token's exp
            await send_frame(ws, {"type": "ping"})
            assert (await recv_frame(ws))["type"] == "pong"


async def test_signing_in_with_an_auth_frame_keeps_the_token_out_of_the_url(
    serve: Serve,
) -> None:
    async with serve(ScriptedChatModel()) as server, connect(ws_url(server)) as ws:
        await send_frame(ws, {"type": "auth", "token": token_for(new_user("frame"))})
        assert (await recv_frame(ws))["type"] == "connected"


def test_no_token_reaches_the_server_log(migrated_url: str, tmp_path: Path) -> None:
    """M4: `pam serve` at INFO writes uvicorn's WebSocket line; the token in its query
    string is redacted."""
    port = free_port()
    log_path = tmp_path / "serve.log"
    env = {
        **os.environ,
        "DATABASE_URL": migrated_url,
        "PAM_JWT_SECRET": TEST_JWT_SECRET,
        "PAM_DATA_DIR": str(tmp_path / "pam"),
        "PAM_WORKER": "false",
        "LOG_LEVEL": "INFO",
        "ENVIRONMENT": "test",
    }
    token = token_for(new_user("logged"))
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "server", "serve", "--port", str(port)],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/health/live").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert process.poll() is None, log_path.read_text()
                assert time.monotonic() < deadline
                time.sleep(0.1)

            async def sign_in() -> None:
                async with connect(f"ws://127.0.0.1:{port}{WS_PATH}?token={token}") as ws:
                    assert (await recv_frame(ws))["type"] == "connected"
                headers = {"Authorization": f"Bearer {token}"}
                async with httpx.AsyncClient() as c:
                    await c.get(f"http://127.0.0.1:{port}/api/v1/pam/threads", headers=headers)

            asyncio.run(sign_in())
            time.sleep(0.5)
        finally:
            process.terminate()
            process.wait(timeout=20)
    written = log_path.read_text()
    assert "WebSocket" in written  # the line is there, without its credential
    assert "token=[redacted]" in written
    assert token not in written
    assert token.split(".")[2] not in written


async def test_one_turn_budget_across_websocket_and_rest(serve: Serve) -> None:
    """L1: two turns over the socket use up a 2/minute budget: REST chat is then 429,
    and a third socket turn is refused."""
    model = ScriptedChatModel(script=[route("general"), AIMessage("Hello.")], loop=True)
    user = new_user("budget")
    async with (
        serve(model, rate_limit_chat="2/minute", rate_limit_ws_frames="100/minute") as server,
        connect(ws_url(server, user)) as ws,
    ):
        assert (await recv_frame(ws))["type"] == "connected"
        for n in range(2):
            await send_frame(ws, {"type": "chat", "message": "hi", "message_id": f"m{n}"})
            await frames_until(ws, "response_complete")
        headers = {"Authorization": f"Bearer {token_for(user)}"}
        async with httpx.AsyncClient(base_url=server.url, headers=headers) as c:
            rest = await c.post("/api/v1/pam/chat", json={"message": "hi"})
        assert rest.status_code == 429, rest.text
        await send_frame(ws, {"type": "chat", "message": "hi", "message_id": "m3"})
        refused = await recv_frame(ws)
        assert refused["type"] == "error" and refused["code"] == "RATE_LIMITED"
        assert refused["message_id"] == "m3" and refused["retry_after"] > 0


async def test_a_rest_turn_counts_against_the_socket(serve: Serve) -> None:
    model = ScriptedChatModel(script=[route("general"), AIMessage("Hello.")], loop=True)
    user = new_user("budget2")
    async with serve(model, rate_limit_chat="1/minute") as server:
        headers = {"Authorization": f"Bearer {token_for(user)}"}
        async with httpx.AsyncClient(base_url=server.url, headers=headers, timeout=30) as c:
            assert (await c.post("/api/v1/pam/chat", json={"message": "hi"})).status_code == 200
        async with connect(ws_url(server, user)) as ws:
            assert (await recv_frame(ws))["type"] == "connected"
            await send_frame(ws, {"type": "chat", "message": "hi", "message_id": "w1"})
            refused = await recv_frame(ws)
            assert refused["code"] == "RATE_LIMITED"


async def test_an_x_api_key_user_is_not_counted_with_anonymous_traffic(serve: Serve) -> None:
    """L2: anonymous requests from one address use up its budget; a signed-in user
    behind the same address who sends X-Api-Key (agent-chat-ui, useStream) is counted
    on their own."""
    async with (
        serve(ScriptedChatModel(), rate_limit_api="3/minute") as server,
        httpx.AsyncClient(base_url=server.url) as c,
    ):
        for _ in range(3):
            assert (await c.post("/threads/search", json={})).status_code == 401
        assert (await c.post("/threads/search", json={})).status_code == 429
        signed_in = {"X-Api-Key": token_for(new_user("apikey"))}
        answer = await c.post("/threads/search", json={}, headers=signed_in)
        assert answer.status_code == 200, answer.text


async def test_one_user_may_hold_only_so_many_sockets(serve: Serve) -> None:
    """L3: the third socket of a user with WS_MAX_PER_USER=2 is closed with 4429; another
    user is unaffected, and a closed socket frees its place."""
    user = new_user("sockets")
    async with serve(ScriptedChatModel(), ws_max_per_user=2) as server:
        async with connect(ws_url(server, user)) as one, connect(ws_url(server, user)) as two:
            for ws in (one, two):
                assert (await recv_frame(ws))["type"] == "connected"
            async with connect(ws_url(server, user)) as three:
                code, reason = await closed_with(three)
            assert code == 4429 and "2" in reason
            async with connect(ws_url(server, new_user("other"))) as other:
                assert (await recv_frame(other))["type"] == "connected"
        async with connect(ws_url(server, user)) as again:
            assert (await recv_frame(again))["type"] == "connected"


async def test_a_socket_that_keeps_sending_past_its_limit_is_closed(serve: Serve) -> None:
    """R11-2 (left open by redteam 10): every frame past RATE_LIMIT_WS_FRAMES was answered
    RATE_LIMITED, as many as the client sent (~0.8 ms of server CPU each), and sockets
    opened at will. Now the third refusal past WS_REFUSED_FRAMES_MAX=2 closes the socket
    with 1008 and a reason (the frames sent after it are never read), and each socket's
    opening counts against RATE_LIMIT_API: the third of 2/minute is closed with 4429."""
    user = new_user("flooder")
    limits = {"rate_limit_ws_frames": "3/minute", "rate_limit_api": "2/minute"}
    async with serve(ScriptedChatModel(), ws_refused_frames_max=2, **limits) as server:
        async with connect(ws_url(server, user)) as ws:
            assert (await recv_frame(ws))["type"] == "connected"
            for i in range(40):
                await ws.send(f'{{"type": "ping", "timestamp": "{i}"}}')
            answers = []
            with contextlib.suppress(ConnectionClosed):
                async with asyncio.timeout(10):
                    while True:
                        answers.append(orjson.loads(await ws.recv()))
        flooded = (ws.close_code, ws.close_reason or "")
        async with connect(ws_url(server, user)) as second:
            assert (await recv_frame(second))["type"] == "connected"
        async with connect(ws_url(server, user)) as third:
            code, reason = await closed_with(third)
    assert flooded[0] == 1008 and "rate limit" in flooded[1], flooded
    assert [a["type"] for a in answers] == ["pong"] * 3 + ["error"] * 2
    assert all(a["code"] == "RATE_LIMITED" and a["retry_after"] > 0 for a in answers[3:])
    assert code == 4429 and "Too many requests" in reason, (code, reason)


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://localhost:3000"},
        {"Origin": "http://localhost:3000", "Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "cross-site"},
        {"X-Forwarded-Host": "evil.example"},
    ],
)
async def test_the_dev_token_is_never_given_to_another_origin(
    serve: Serve, headers: dict[str, str]
) -> None:
    """L6: with no secret configured (the embedded default), a page of another origin —
    the default CORS origin included — gets a 404, not a token."""
    async with (
        serve(ScriptedChatModel(), pam_jwt_secret=None, environment="development") as server,
        httpx.AsyncClient(base_url=server.url) as c,
    ):
        host = server.url.removeprefix("http://").replace("127.0.0.1", "localhost")
        own = {"Host": host}
        assert (await c.get("/api/v1/dev/token", headers=own)).status_code == 200
        same_page = {**own, "Origin": f"http://{host}", "Sec-Fetch-Site": "same-origin"}
        assert (await c.get("/api/v1/dev/token", headers=same_page)).status_code == 200
        refused = await c.get("/api/v1/dev/token", headers={**own, **headers})
        assert refused.status_code == 404
        assert "token" not in refused.json()
