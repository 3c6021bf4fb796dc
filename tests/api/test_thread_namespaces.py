"""Per-user thread namespaces (issue 14's thread-id oracle): a thread id another user
already has is, to the caller, an unused id — on every door that lets a client choose
one — and two users' threads of one id are wholly apart. Nothing but the client's id
ever shows: responses, SSE and WebSocket frames are searched for the internal key."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import orjson
from websockets.asyncio.client import connect

from tests.api.conftest import (
    Serve,
    StreamingScriptedModel,
    auth,
    frames_until,
    send_frame,
    uid,
    ws_url,
)
from tests.api.test_agent_protocol_support import general, person
from tests.fakes import call, route

CHAT = "/api/v1/pam/chat"
VOLATILE = {"thread_id", "created_at", "updated_at", "state_updated_at", "run_id"}


def say(text: str) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": text}]}


def shape(response: httpx.Response) -> tuple[int, Any]:
    """What a client can tell from an answer: its status and body, ids and times aside."""
    if response.headers.get("content-type", "").startswith("text/event-stream"):
        return response.status_code, events(response.text)
    body = response.json()
    if isinstance(body, dict):
        body = {k: v for k, v in body.items() if k not in VOLATILE}
        if isinstance(body.get("messages"), list):  # a run's output: message ids are new
            body["messages"] = [(m["type"], m["content"]) for m in body["messages"]]
    return response.status_code, body


def events(raw: str) -> list[str]:
    return [line[7:] for line in raw.splitlines() if line.startswith("event: ")]


def no_key_in(texts: list[str], *users: str) -> list[str]:
    """The texts that show a user's internal thread key (`<user id>:<thread id>`)."""
    keys = [f"{uid(u)}:" for u in users]
    return [t[:200] for t in texts if any(k in t for k in keys)]


async def test_another_users_thread_id_gets_the_unused_id_answer(serve: Serve) -> None:
    alice, bob = person("alice"), person("bob")
    model = StreamingScriptedModel(script=[*general("Done.")] * 6)
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, timeout=30) as http,
    ):
        a, b = auth(alice), auth(bob)
        alices = [str(uuid.uuid4()) for _ in range(5)]
        for tid in alices:
            made = await http.post(
                "/threads", json={"thread_id": tid, "metadata": {"n": 1}}, headers=a
            )
            assert made.status_code == 200
        ran = await http.post(
            f"/threads/{alices[0]}/runs/wait",
            json={"assistant_id": "pam", "input": say("mine")},
            headers=a,
        )
        before = [(await http.get(f"/threads/{t}", headers=a)).json() for t in alices]

        async def both(method: str, path: str, body: dict[str, Any], taken: str) -> None:
            unused = str(uuid.uuid4())
            fresh = await http.request(
                method,
                path.format(unused),
                json={**body, **({"thread_id": unused} if "thread_id" in body else {})},
                headers=b,
            )
            other = await http.request(
                method,
                path.format(taken),
                json={**body, **({"thread_id": taken} if "thread_id" in body else {})},
                headers=b,
            )
            got.append((path, body, shape(fresh), shape(other)))
            seen.extend([fresh.text, other.text])

        got: list[tuple[str, dict[str, Any], Any, Any]] = []
        seen: list[str] = []
        await both("POST", "/threads", {"thread_id": "", "metadata": {"n": 2}}, alices[0])
        await both("POST", "/threads", {"thread_id": "", "if_exists": "raise"}, alices[1])
        await both("POST", "/threads", {"thread_id": "", "if_exists": "do_nothing"}, alices[2])
        run = {"assistant_id": "pam", "input": say("yours?"), "if_not_exists": "create"}
        await both("POST", "/threads/{}/runs/wait", run, alices[3])
        streamed = {**run, "stream_mode": ["values", "updates"]}
        await both("POST", "/threads/{}/runs/stream", streamed, alices[4])
        twice = await http.post("/threads", json={"thread_id": alices[0]}, headers=b)
        after = [(await http.get(f"/threads/{t}", headers=a)).json() for t in alices]
        bobs = [(await http.get(f"/threads/{t}", headers=b)).json() for t in alices]
    assert ran.status_code == 200
    for path, body, fresh, other in got:
        assert other == fresh, (path, body)
        assert fresh[0] == 200, (path, fresh)
    assert got[-1][2][1][:3] == ["metadata", "values", "updates"]  # the stream, compared
    assert twice.status_code == 409  # now Bob's own: his own id, taken
    assert after == before  # Alice's threads: untouched, values and metadata
    assert before[0]["values"]["reply"] == "Done." and before[0]["metadata"]["n"] == 1
    assert [t["thread_id"] for t in bobs] == alices  # Bob's own threads of those ids
    assert bobs[0]["metadata"]["n"] == 2 and bobs[0]["values"] is None
    assert no_key_in(seen, alice, bob) == []


async def test_two_users_threads_of_one_id_are_apart(serve: Serve) -> None:
    """State, history, checkpoints (subgraph ones too), runs, streams, transcript,
    search, copy, TTL and delete: each user's own, and only the client id shows."""
    alice, bob = person("alice"), person("bob")
    script: list[Any] = [
        *general("For Alice."),
        route("wins"),
        call("add_expense", "c1", amount=9, category="fuel"),
        *general("Alice again."),
        *general("Bob again."),
    ]
    tid = str(uuid.uuid4())
    seen: list[str] = []
    async with (
        serve(StreamingScriptedModel(script=script)) as server,
        httpx.AsyncClient(base_url=server.url, timeout=30) as http,
    ):
        a, b = auth(alice), auth(bob)
        for who, headers in ((alice, a), (bob, b)):
            made = await http.post(
                "/threads",
                json={"thread_id": tid, "metadata": {"who": who}, "ttl": {"ttl": 60}},
                headers=headers,
            )
            assert made.status_code == 200, made.text
            seen.append(made.text)
        waited = await http.post(
            f"/threads/{tid}/runs/wait",
            json={"assistant_id": "pam", "input": say("for alice")},
            headers=a,
        )
        modes = ["values", "updates", "messages-tuple", "debug", "checkpoints", "tasks"]
        async with http.stream(
            "POST",
            f"/threads/{tid}/runs/stream",
            json={
                "assistant_id": "pam",
                "input": say("fuel 9"),
                "stream_mode": modes,
                "stream_subgraphs": True,
            },
            headers=b,
        ) as response:
            streamed = (await response.aread()).decode()
        seen.append(streamed)
        chat = await http.post(CHAT, json={"message": "alice chat", "thread_id": tid}, headers=a)
        async with connect(ws_url(server, bob)) as ws:
            await frames_until(ws, "connected")
            frame = {"type": "chat", "message": "bob chat", "thread_id": tid, "message_id": "m1"}
            await send_frame(ws, frame)
            frames = await frames_until(ws, "response_complete")
        seen += [waited.text, chat.text, orjson.dumps(frames).decode()]

        views: dict[str, dict[str, Any]] = {}
        for who, headers in ((alice, a), (bob, b)):
            view: dict[str, Any] = {}
            for name, method, path, body in (
                ("thread", "GET", f"/threads/{tid}", None),
                ("state", "GET", f"/threads/{tid}/state?subgraphs=true", None),
                ("history", "POST", f"/threads/{tid}/history", {"limit": 50}),
                ("runs", "GET", f"/threads/{tid}/runs", None),
                ("search", "POST", "/threads/search", {}),
                ("transcript", "GET", f"/api/v1/pam/threads/{tid}", None),
            ):
                answer = await http.request(method, path, json=body, headers=headers)
                assert answer.status_code == 200, (who, name, answer.text)
                view[name] = answer.json()
                seen.append(answer.text)
            first = view["history"][-1]["checkpoint"]["checkpoint_id"]
            at = await http.get(f"/threads/{tid}/state/{first}", headers=headers)
            seen.append(at.text)
            view["at_first"] = at.json()
            views[who] = view
        updated = await http.post(
            f"/threads/{tid}/state", json={"values": {"reply": "edited"}}, headers=b
        )
        copied = await http.post(f"/threads/{tid}/copy", headers=a)
        seen += [updated.text, copied.text]
        copy_state = await http.get(f"/threads/{copied.json()['thread_id']}/state", headers=a)
        alice_after_edit = await http.get(f"/threads/{tid}/state", headers=a)
        deleted = await http.delete(f"/threads/{tid}", headers=b)
        alice_left = await http.get(f"/threads/{tid}", headers=a)
        bob_left = await http.get(f"/threads/{tid}", headers=b)
        async with server.app.state.resources.pool.connection() as conn:
            ttls = await (
                await conn.execute("SELECT user_id FROM thread_ttls WHERE thread_id = %s", (tid,))
            ).fetchall()

    assert waited.json()["reply"] == "For Alice."
    assert chat.json()["reply"] == "Alice again."
    assert [f["type"] for f in frames][-1] == "response_complete"
    for who, reply in ((alice, "Alice again."), (bob, "Bob again.")):
        view = views[who]
        assert view["thread"]["thread_id"] == tid and view["thread"]["metadata"]["who"] == who
        assert view["state"]["values"]["reply"] == reply
        assert [t["thread_id"] for t in view["search"]] == [tid]
        assert len(view["runs"]) == 2 and {r["thread_id"] for r in view["runs"]} == {tid}
        states = [view["state"], view["at_first"], *view["history"]]
        for state in states:
            for ref in (state["checkpoint"], state["parent_checkpoint"]):
                assert ref is None or ref["thread_id"] == tid
        assert (
            view["at_first"]["checkpoint"]["checkpoint_id"]
            == (view["history"][-1]["checkpoint"]["checkpoint_id"])
        )
    alice_words = [m["content"] for m in views[alice]["transcript"]["messages"]]
    bob_words = [m["content"] for m in views[bob]["transcript"]["messages"]]
    assert alice_words == ["for alice", "For Alice.", "alice chat", "Alice again."]
    assert "fuel 9" in bob_words and "bob chat" in bob_words and "for alice" not in bob_words
    assert "event: checkpoints|wins:" in streamed  # the subgraph's own, keyed alike
    assert "event: checkpoints" in streamed and "event: debug" in streamed
    assert updated.json()["checkpoint"]["thread_id"] == tid
    assert copy_state.json()["values"]["reply"] == "Alice again."
    assert alice_after_edit.json()["values"]["reply"] == "Alice again."
    assert deleted.status_code == 204 and bob_left.status_code == 404
    assert alice_left.status_code == 200 and alice_left.json()["values"]["reply"] == "Alice again."
    assert sorted(str(r["user_id"]) for r in ttls) == [str(uid(alice))]  # Bob's went with his
    assert no_key_in(seen, alice, bob) == []
