"""Flags on real turns: a paused domain or action answers clearly and writes nothing,
through every door alike; an experiment arm's model answers the turn and the arm is
recorded in the run's metadata, the transcript and a metric."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from langchain_core.messages import AIMessage
from prometheus_client import REGISTRY
from websockets.asyncio.client import connect

from agent.flags import CATALOGUE, PROMPT_VARIANTS
from server.flags.rules import FlagRule
from server.flags.store import save_rule
from tests.api.conftest import (
    LiveServer,
    Serve,
    StreamingScriptedModel,
    auth,
    frames_until,
    send_frame,
    sse_events,
    uid,
    ws_url,
)
from tests.api.test_agent_protocol_support import person, say
from tests.fakes import call, route
from tools.db.pool import Pool
from tools.db.scope import user_db

CHAT = "/api/v1/pam/chat"
SOCIAL_PAUSED = CATALOGUE["domain.social"].paused
POSTING_PAUSED = CATALOGUE["action.create_post"].paused


@pytest.fixture
async def clean_flags(pool: Pool) -> AsyncIterator[None]:
    yield
    async with pool.connection() as conn:
        await conn.execute("DELETE FROM feature_flags")


async def switch_for(server: LiveServer, name: str, user: str, value: bool | str) -> None:
    """Give `user` (only) `value` for flag `name`, in force on the server at once."""
    spec = CATALOGUE[name]
    rule = FlagRule(default=spec.default, value=value, users=(uid(user),))
    await save_rule(server.app.state.resources.pool, name, rule, "test")
    await server.app.state.resources.flags.reload()


async def post_count(pool: Pool, user: str) -> int:
    async with user_db(pool, uid(user)) as db:
        # Own posts only: a user may read others' public posts.
        row = await (
            await db.conn.execute(
                "SELECT count(*) AS n FROM posts WHERE user_id = %s", (db.user_id,)
            )
        ).fetchone()
    return int(row["n"]) if row else 0


@pytest.mark.usefixtures("clean_flags")
async def test_a_paused_domain_is_answered_as_paused_through_every_door(serve: Serve) -> None:
    flo, other = person("flo"), person("otto")
    model = StreamingScriptedModel(script=[route("social")], loop=True)
    async with serve(model) as server:
        await switch_for(server, "domain.social", flo, False)
        async with httpx.AsyncClient(base_url=server.url, headers=auth(flo), timeout=30) as c:
            rest = (await c.post(CHAT, json={"message": "show my feed"})).json()["reply"]
            async with c.stream("POST", f"{CHAT}/stream", json={"message": "feed?"}) as r:
                sse = dict(await sse_events(r))["final"]["reply"]
            tid = (await c.post("/threads", json={})).json()["thread_id"]
            ap = await c.post(
                f"/threads/{tid}/runs/wait", json={"assistant_id": "pam", "input": say("feed")}
            )
        async with connect(ws_url(server, flo)) as ws:
            await send_frame(ws, {"type": "chat", "message": "feed please", "message_id": "f1"})
            frames = await frames_until(ws, "response_complete")
        ws_reply = next(f for f in frames if f["type"] == "chat_response")["message"]
        # Someone the switch does not name still reaches the domain (the model is asked).
        calls_before = len(model.seen)
        model.script[:] = [route("social"), AIMessage("Here is your feed.")]
        model.loop = False
        async with httpx.AsyncClient(base_url=server.url, headers=auth(other), timeout=30) as c:
            unpaused = (await c.post(CHAT, json={"message": "show my feed"})).json()["reply"]
    assert rest == sse == ap.json()["reply"] == ws_reply == SOCIAL_PAUSED
    assert unpaused == "Here is your feed."
    assert len(model.seen) == calls_before + 2


@pytest.mark.usefixtures("clean_flags")
async def test_a_paused_action_is_not_asked_about_nor_written(serve: Serve, pool: Pool) -> None:
    flo = person("flo")
    post = call("create_post", "p1", content="Sunset at Uluru", visibility="public")
    model = StreamingScriptedModel(script=[route("social"), post])
    async with serve(model) as server:
        await switch_for(server, "action.create_post", flo, False)
        async with httpx.AsyncClient(base_url=server.url, headers=auth(flo), timeout=30) as c:
            body = (await c.post(CHAT, json={"message": "post: Sunset at Uluru"})).json()
    assert body["reply"] == POSTING_PAUSED
    assert "interrupt" not in body
    assert await post_count(pool, flo) == 0


def arm_turns(variant: str) -> float:
    return REGISTRY.get_sample_value("pam_experiment_turns_total", {"variant": variant}) or 0


@pytest.mark.usefixtures("clean_flags")
async def test_an_experiment_arm_answers_and_is_recorded(serve: Serve, pool: Pool) -> None:
    treated, control = person("tess"), person("carl")
    # The deployment's model is the scripted one; the arm's is PAM's offline brain.
    model = StreamingScriptedModel(script=[route("general"), AIMessage("Control reply.")])
    async with serve(model) as server:
        await switch_for(server, "experiment.model", treated, "offline")
        await switch_for(server, "experiment.prompt", treated, "brief")
        before = arm_turns("offline/brief"), arm_turns("default/default")
        async with httpx.AsyncClient(base_url=server.url, headers=auth(treated), timeout=30) as c:
            arm = (await c.post(CHAT, json={"message": "spent 12.50 on fuel"})).json()
        async with httpx.AsyncClient(base_url=server.url, headers=auth(control), timeout=30) as c:
            plain = (await c.post(CHAT, json={"message": "hello"})).json()
    assert arm["reply"].startswith("Logged $12.50 for fuel")  # the offline brain's work
    assert plain["reply"] == "Control reply."
    assert arm_turns("offline/brief") == before[0] + 1
    assert arm_turns("default/default") == before[1] + 1
    async with user_db(pool, uid(treated)) as db:
        run = await (
            await db.conn.execute("SELECT metadata FROM chat_runs WHERE id = %s", (arm["run_id"],))
        ).fetchone()
        replies = await (
            await db.conn.execute(
                "SELECT data FROM chat_messages WHERE thread_id = %s AND role = 'ai'",
                (arm["thread_id"],),
            )
        ).fetchall()
    assert run is not None
    metadata: dict[str, Any] = run["metadata"]
    assert metadata["experiment_model"] == "offline"
    assert metadata["experiment_prompt"] == "brief"
    assert metadata["experiment_variant"] == "offline/brief"
    assert replies and all(r["data"]["variant"] == "offline/brief" for r in replies)
    async with user_db(pool, uid(control)) as db:
        control_run = await (
            await db.conn.execute(
                "SELECT metadata FROM chat_runs WHERE id = %s", (plain["run_id"],)
            )
        ).fetchone()
    assert control_run is not None
    assert control_run["metadata"]["experiment_variant"] == "default/default"  # the control arm


@pytest.mark.usefixtures("clean_flags")
async def test_a_clients_own_experiment_keys_are_not_its_arm(serve: Serve) -> None:
    mallory = person("mallory")
    model = StreamingScriptedModel(script=[route("general"), AIMessage("Hi.")])
    before = arm_turns("spoofed/arm")
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=30) as c,
    ):
        thread = (await c.post("/threads", json={})).json()["thread_id"]
        body = {
            "assistant_id": "pam",
            "input": {"messages": [{"role": "user", "content": "hello"}]},
            "metadata": {"experiment_variant": "spoofed/arm", "trip": "Nullarbor"},
        }
        done = await c.post(f"/threads/{thread}/runs/wait", json=body)
        runs = (await c.get(f"/threads/{thread}/runs")).json()
    assert done.status_code == 200, done.text
    assert arm_turns("spoofed/arm") == before  # no metric labelled by the client
    metadata = runs[0]["metadata"]
    assert metadata["trip"] == "Nullarbor"  # the client's other keys are kept
    assert metadata.get("experiment_variant") != "spoofed/arm"


@pytest.mark.usefixtures("clean_flags")
async def test_a_prompt_variant_reaches_the_model(serve: Serve) -> None:
    wren = person("wren")
    model = StreamingScriptedModel(
        script=[route("general"), AIMessage("Hi."), route("general"), AIMessage("Hi again.")]
    )
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(wren), timeout=30) as c,
    ):
        await c.post(CHAT, json={"message": "hello"})
        await switch_for(server, "experiment.prompt", wren, "warm")
        await c.post(CHAT, json={"message": "hello"})
    general_prompts = [seen[0].text for seen in model.seen[1::2]]
    assert PROMPT_VARIANTS["warm"] not in general_prompts[0]
    assert general_prompts[1].endswith(PROMPT_VARIANTS["warm"])


@pytest.mark.usefixtures("clean_flags")
async def test_the_rest_api_honours_the_same_switches(serve: Serve, pool: Pool) -> None:
    flo, other = person("flo"), person("otto")
    post = {"content": "Sunset at Uluru", "visibility": "public"}
    async with serve() as server:
        await switch_for(server, "action.create_post", flo, False)
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as c:
            refused = await c.post("/api/v1/social/posts", json=post, headers=auth(flo))
            allowed = await c.post("/api/v1/social/posts", json=post, headers=auth(other))
            await switch_for(server, "domain.social", other, False)
            domain_off = await c.post("/api/v1/social/posts", json=post, headers=auth(other))
    assert refused.status_code == 503
    assert refused.json() == {"detail": POSTING_PAUSED, "code": "unavailable"}
    assert allowed.status_code == 201
    assert domain_off.status_code == 503
    assert domain_off.json()["detail"] == SOCIAL_PAUSED
    assert await post_count(pool, flo) == 0
    assert await post_count(pool, other) == 1
