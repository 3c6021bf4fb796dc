"""Redteam 9: assistant ids were one namespace for every user. `POST /assistants` with an
id another user's assistant had was a 409 ("already exists") — with `if_exists:
"do_nothing"` too — while an unused id was a 200, so a caller could confirm that
someone's assistant id exists, and take ids before their owner made them (the owner
then got 409). Now each user has their own assistant ids, as they have their own thread
ids: an id someone else uses is, to the caller, an unused one, and the two assistants
share nothing. Real server, real HTTP."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person, say

pytestmark = pytest.mark.hardening


async def test_another_users_assistant_id_is_an_unused_id(serve: Serve) -> None:
    alice, bob = person("alice"), person("bob")
    aid = str(uuid.uuid4())
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(alice), timeout=60) as a,
        httpx.AsyncClient(base_url=server.url, headers=auth(bob), timeout=60) as b,
    ):
        made = await a.post(
            "/assistants",
            json={"assistant_id": aid, "graph_id": "pam", "name": "alice's", "metadata": {"k": 1}},
        )
        bobs = {
            if_exists: await b.post(
                "/assistants",
                json={
                    "assistant_id": aid,
                    "graph_id": "pam",
                    "name": f"bob's {if_exists}",
                    "if_exists": if_exists,
                },
            )
            for if_exists in ("do_nothing", "raise")
        }
        again = await a.post(
            "/assistants", json={"assistant_id": aid, "graph_id": "pam", "if_exists": "raise"}
        )
        patched = await b.patch(f"/assistants/{aid}", json={"name": "bob renamed"})
        versions = await b.post(f"/assistants/{aid}/versions", json={})
        ran = await b.post(
            "/runs/wait", json={"assistant_id": aid, "input": say("hello"), "on_completion": "keep"}
        )
        alices = await a.get(f"/assistants/{aid}")
        alice_versions = await a.post(f"/assistants/{aid}/versions", json={})
        deleted = await b.delete(f"/assistants/{aid}")
        alices_after = await a.get(f"/assistants/{aid}")
    assert made.status_code == 200, made.text
    assert bobs["do_nothing"].status_code == 200, bobs["do_nothing"].text
    assert bobs["do_nothing"].json()["name"] == "bob's do_nothing"
    assert bobs["raise"].status_code == 409  # bob's own assistant of that id exists now
    assert again.status_code == 409  # and alice's still is hers
    assert patched.status_code == 200 and patched.json()["name"] == "bob renamed"
    assert [v["name"] for v in versions.json()] == ["bob renamed", "bob's do_nothing"]
    assert ran.status_code == 200, ran.text
    assert alices.json()["name"] == "alice's" and alices.json()["metadata"] == {"k": 1}
    assert [v["name"] for v in alice_versions.json()] == ["alice's"]
    assert deleted.status_code == 204, deleted.text
    assert alices_after.status_code == 200 and alices_after.json()["name"] == "alice's"
