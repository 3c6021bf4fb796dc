"""Thread routes: the user's own threads only, newest first and paged; reading one gives
its transcript; deleting one removes it, its transcript and its checkpoints."""

from __future__ import annotations

import uuid

import httpx
from langchain_core.messages import AIMessage

from server.runs.threads import thread_namespaces, user_graph
from tests.api.conftest import Serve, StreamingScriptedModel, auth, uid
from tests.fakes import route

CHAT, THREADS = "/api/v1/pam/chat", "/api/v1/pam/threads"


def replies(*texts: str) -> StreamingScriptedModel:
    script: list[object] = []
    for text in texts:
        script += [route("general"), AIMessage(text)]
    return StreamingScriptedModel(script=script)


async def test_threads_are_listed_newest_first_and_paged(serve: Serve) -> None:
    async with (
        serve(replies("one", "two", "three", "other")) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("thread-lister"), timeout=30) as client,
    ):
        made = [(await client.post(CHAT, json={"message": f"m{i}"})).json() for i in range(3)]
        await client.post(CHAT, json={"message": "not the lister's"}, headers=auth("thread-other"))
        listed = (await client.get(THREADS)).json()
        page = (await client.get(THREADS, params={"limit": 2, "offset": 1})).json()
        bad_limit = await client.get(THREADS, params={"limit": 0})
    ids = [t["thread_id"] for t in listed["items"]]
    assert ids == [m["thread_id"] for m in reversed(made)]
    assert [t["title"] for t in listed["items"]] == ["m2", "m1", "m0"]
    assert [t["thread_id"] for t in page["items"]] == ids[1:3]
    assert (page["limit"], page["offset"]) == (2, 1)
    assert bad_limit.status_code == 422 and bad_limit.json()["code"] == "invalid_request"


async def test_delete_removes_the_thread_its_transcript_and_checkpoints(serve: Serve) -> None:
    async with (
        serve(replies("kept?")) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("jo"), timeout=30) as client,
    ):
        thread_id = (await client.post(CHAT, json={"message": "hi"})).json()["thread_id"]
        graph = user_graph(server.app.state.resources, uid("jo"))
        config = {"configurable": {"thread_id": thread_id}}
        assert (await graph.aget_state(config)).values["messages"]
        deleted = await client.delete(f"{THREADS}/{thread_id}")
        after = await client.get(f"{THREADS}/{thread_id}")
        again = await client.delete(f"{THREADS}/{thread_id}")
        state = await graph.aget_state(config)
        async with server.app.state.resources.pool.connection() as conn:
            left = await (
                await conn.execute(
                    "SELECT (SELECT count(*) FROM chat_messages WHERE thread_id = %s)"
                    " + (SELECT count(*) FROM chat_runs WHERE thread_id = %s) AS n",
                    (thread_id, thread_id),
                )
            ).fetchone()
        listed = (await client.get(THREADS)).json()["items"]
    assert deleted.status_code == 204
    assert after.status_code == 404 and again.status_code == 404
    assert state.values == {}
    assert left is not None and left["n"] == 0
    assert thread_id not in [t["thread_id"] for t in listed]


async def test_another_users_thread_is_404_on_every_http_route(serve: Serve) -> None:
    async with (
        serve(replies("mine")) as server,
        httpx.AsyncClient(base_url=server.url, timeout=30) as client,
    ):
        owner = await client.post(CHAT, json={"message": "secret"}, headers=auth("kim"))
        thread_id = owner.json()["thread_id"]
        unknown = str(uuid.uuid4())
        answers = []
        for tid in (thread_id, unknown, "not-a-uuid"):
            answers += [
                await client.get(f"{THREADS}/{tid}", headers=auth("lee")),
                await client.delete(f"{THREADS}/{tid}", headers=auth("lee")),
            ]
        for tid in (thread_id, unknown):
            body = {"message": "let me in", "thread_id": tid}
            resume = {"thread_id": tid, "decisions": [{"type": "approve"}]}
            answers += [
                await client.post(CHAT, json=body, headers=auth("lee")),
                await client.post(f"{CHAT}/stream", json=body, headers=auth("lee")),
                await client.post("/api/v1/pam/resume", json=resume, headers=auth("lee")),
            ]
        still = await client.get(f"{THREADS}/{thread_id}", headers=auth("kim"))
    for answer in answers:
        assert answer.status_code == 404, answer.text
        assert answer.json() == {"detail": "Thread not found.", "code": "not_found"}
    assert still.status_code == 200
    assert [m["content"] for m in still.json()["messages"]] == ["secret", "mine"]


async def test_a_remembered_thread_deleted_elsewhere_is_never_run_on(serve: Serve) -> None:
    """This process remembers that hal owns the thread; another instance deletes it and
    ivy takes its id. hal's next turn is a 404 and runs nothing on ivy's thread."""
    async with (
        serve(replies("first", "ivy's answer")) as server,
        httpx.AsyncClient(base_url=server.url, timeout=30) as client,
    ):
        made = await client.post(CHAT, json={"message": "first"}, headers=auth("hal"))
        thread_id = made.json()["thread_id"]
        resources = server.app.state.resources
        async with resources.pool.connection() as conn:  # as another instance would
            await conn.execute("DELETE FROM chat_threads WHERE id = %s", (thread_id,))
        await thread_namespaces(resources).of(uid("hal")).adelete_thread(thread_id)
        taken = await client.post("/threads", json={"thread_id": thread_id}, headers=auth("ivy"))
        ivy = await client.post(
            CHAT, json={"message": "ivy's secret", "thread_id": thread_id}, headers=auth("ivy")
        )
        body = {"message": "what did ivy say?", "thread_id": thread_id}
        tries = [
            await client.post(CHAT, json=body, headers=auth("hal")),
            await client.post(f"{CHAT}/stream", json=body, headers=auth("hal")),
        ]
        transcript = await client.get(f"{THREADS}/{thread_id}", headers=auth("ivy"))
        async with resources.pool.connection() as conn:
            runs = await (
                await conn.execute(
                    "SELECT user_id FROM chat_runs WHERE thread_id = %s", (thread_id,)
                )
            ).fetchall()
    assert made.status_code == 200 and taken.status_code == 200 and ivy.status_code == 200
    for answer in tries:
        assert answer.status_code == 404, answer.text
        assert answer.json() == {"detail": "Thread not found.", "code": "not_found"}
    contents = [m["content"] for m in transcript.json()["messages"]]
    assert contents == ["ivy's secret", "ivy's answer"]
    assert [r["user_id"] for r in runs] == [uid("ivy")]
