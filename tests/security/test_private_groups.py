"""Issue 14 L8: a private group's members-only posts are read only by members its owner
let in. Joining files a join request; the owner lists and decides them — over REST and
the tool, one action (`review_join_requests`) behind both."""

from __future__ import annotations

import uuid

import httpx
import psycopg
import pytest

from tests.api.conftest import Serve, auth, uid
from tests.api.rest_support import new_user
from tools.db.pool import Pool
from tools.db.scope import user_db
from tools.registry import ACTIONS_BY_NAME
from tools.run import run_action

pytestmark = pytest.mark.hardening  # issue 14 (make chaos runs it too)

API = "/api/v1/social"


async def feed_texts(c: httpx.AsyncClient, user: str, group: str) -> list[str]:
    answer = await c.get(f"{API}/feed", params={"group": group}, headers=auth(user))
    assert answer.status_code == 200, answer.text
    return [p["content"] for p in answer.json()["posts"]]


async def test_a_private_group_lets_in_only_whom_its_owner_approves(
    serve: Serve, pool: Pool
) -> None:
    owner, asker, other = new_user("owner"), new_user("asker"), new_user("other")
    name = f"Quiet Camp {uuid.uuid4().hex[:6]}"
    async with serve() as server, httpx.AsyncClient(base_url=server.url, timeout=30) as c:
        made = await c.post(
            f"{API}/groups", json={"name": name, "private": True}, headers=auth(owner)
        )
        assert made.status_code == 201, made.text
        assert made.json()["group"]["private"] is True
        post = await c.post(
            f"{API}/posts",
            json={"content": "Gate code is 4821", "group": name, "visibility": "group"},
            headers=auth(owner),
        )
        assert post.status_code == 201, post.text
        # Joining a private group files a request: no membership, no posts.
        joined = await c.put(f"{API}/groups/{name}/membership", headers=auth(asker))
        assert joined.status_code == 200, joined.text
        assert joined.json()["group"]["is_member"] is False
        assert "asked" in joined.json()["summary"]
        assert "join request" in joined.json()["summary"]  # the word the user knows it by
        assert await feed_texts(c, asker, name) == []
        # The tool files the same kind of request for another user.
        async with user_db(pool, uid(other)) as db:
            by_tool = await run_action(ACTIONS_BY_NAME["join_group"], db, {"group": name})
        assert by_tool.ok and "asked" in by_tool.summary
        # The owner sees both, and only the owner decides.
        listed = await c.get(f"{API}/join-requests", headers=auth(owner))
        assert listed.status_code == 200, listed.text
        requests = listed.json()["requests"]
        assert len(requests) == 2 and {r["status"] for r in requests} == {"pending"}
        assert (await c.get(f"{API}/join-requests", headers=auth(asker))).json()["requests"] == []
        asker_request = str(joined.json()["ids"][0])
        stolen = await c.post(
            f"{API}/join-requests/{asker_request}",
            json={"decision": "approve"},
            headers=auth(other),
        )
        assert stolen.status_code == 404
        approved = await c.post(
            f"{API}/join-requests/{asker_request}",
            json={"decision": "approve"},
            headers=auth(owner),
        )
        assert approved.status_code == 200, approved.text
        assert await feed_texts(c, asker, name) == ["Gate code is 4821"]
        # The other request is declined through the tool: still nothing to read.
        other_request = next(r["id"] for r in requests if r["id"] != asker_request)
        async with user_db(pool, uid(owner)) as db:
            declined = await run_action(
                ACTIONS_BY_NAME["review_join_requests"],
                db,
                {"request_id": other_request, "decision": "decline"},
            )
        assert declined.ok, declined
        assert await feed_texts(c, other, name) == []


async def test_a_member_row_for_a_private_group_cannot_be_written_directly(
    serve: Serve, pool: Pool
) -> None:
    """Row-level security, not only the action: an insert of one's own membership in a
    private group is refused by the database."""
    owner, intruder = new_user("owner"), new_user("intruder")
    name = f"Locked {uuid.uuid4().hex[:6]}"
    async with user_db(pool, uid(owner)) as db:
        made = await run_action(
            ACTIONS_BY_NAME["create_group"], db, {"name": name, "private": True}
        )
    group_id = made.ids[0]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        async with user_db(pool, uid(intruder)) as db:
            await db.conn.execute(
                "INSERT INTO group_members (group_id, user_id) VALUES (%s, %s)",
                (group_id, uid(intruder)),
            )


async def test_an_open_group_still_joins_at_once(serve: Serve, pool: Pool) -> None:
    owner, joiner = new_user("owner"), new_user("joiner")
    name = f"Open Road {uuid.uuid4().hex[:6]}"
    async with user_db(pool, uid(owner)) as db:
        assert (await run_action(ACTIONS_BY_NAME["create_group"], db, {"name": name})).ok
    async with user_db(pool, uid(joiner)) as db:
        joined = await run_action(ACTIONS_BY_NAME["join_group"], db, {"group": name})
    assert joined.ok and joined.model_dump()["group"]["is_member"] is True


async def test_asking_again_to_join_a_private_group_is_answered_not_a_500(
    serve: Serve, pool: Pool
) -> None:
    """try15: a second "join" while the first request waits, or one after the owner
    declined, ran `INSERT … ON CONFLICT DO UPDATE`, which Postgres checks against the
    UPDATE policy (the owner's only) and refused: a 500 over REST, a failed turn in chat.
    Now a waiting request is reported as waiting, and a declined one is filed again."""
    owner, asker = new_user("owner"), new_user("asker")
    name = f"Family Convoy {uuid.uuid4().hex[:6]}"
    async with serve() as server, httpx.AsyncClient(base_url=server.url, timeout=30) as c:
        made = await c.post(
            f"{API}/groups", json={"name": name, "private": True}, headers=auth(owner)
        )
        assert made.status_code == 201, made.text
        first = await c.put(f"{API}/groups/{name}/membership", headers=auth(asker))
        assert first.status_code == 200, first.text
        again = await c.put(f"{API}/groups/{name}/membership", headers=auth(asker))
        assert again.status_code == 200, again.text
        assert again.json()["changed"] is False
        assert "already asked" in again.json()["summary"]
        request_id = str(first.json()["ids"][0])
        declined = await c.post(
            f"{API}/join-requests/{request_id}", json={"decision": "decline"}, headers=auth(owner)
        )
        assert declined.status_code == 200, declined.text
        # Asking after a decline files the request again, for the owner to decide anew.
        async with user_db(pool, uid(asker)) as db:
            by_tool = await run_action(ACTIONS_BY_NAME["join_group"], db, {"group": name})
        assert by_tool.ok and by_tool.changed and "asked" in by_tool.summary
        waiting = (await c.get(f"{API}/join-requests", headers=auth(owner))).json()["requests"]
        assert [(r["id"], r["status"]) for r in waiting] == [(request_id, "pending")]
        approved = await c.post(
            f"{API}/join-requests/{request_id}", json={"decision": "approve"}, headers=auth(owner)
        )
        assert approved.status_code == 200, approved.text
        assert await feed_texts(c, asker, name) == []  # a member now: no posts yet, no error
        member = await c.put(f"{API}/groups/{name}/membership", headers=auth(asker))
        assert "already a member" in member.json()["summary"]


async def test_the_asker_can_only_file_their_request_again_not_decide_it(
    serve: Serve, pool: Pool
) -> None:
    """Row-level security for filing again: the asker may put their own decided request
    back to pending, never approve it, nor touch someone else's."""
    owner, asker, other = new_user("owner"), new_user("asker"), new_user("other")
    name = f"Quiet Bay {uuid.uuid4().hex[:6]}"
    async with user_db(pool, uid(owner)) as db:
        await run_action(ACTIONS_BY_NAME["create_group"], db, {"name": name, "private": True})
    async with user_db(pool, uid(asker)) as db:
        asked = await run_action(ACTIONS_BY_NAME["join_group"], db, {"group": name})
    request_id = asked.ids[0]
    async with user_db(pool, uid(owner)) as db:
        await run_action(
            ACTIONS_BY_NAME["review_join_requests"],
            db,
            {"request_id": str(request_id), "decision": "decline"},
        )
    # The asker may not approve it: the new row fails every policy's check.
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        async with user_db(pool, uid(asker)) as db:
            await db.conn.execute(
                "UPDATE group_join_requests SET status = 'approved' WHERE id = %s",
                (request_id,),
            )
    async with user_db(pool, uid(asker)) as db:
        cur = await db.conn.execute(
            "SELECT status FROM group_join_requests WHERE id = %s", (request_id,)
        )
        assert (await cur.fetchone()) == {"status": "declined"}
    # Nobody else sees it to file it again.
    async with user_db(pool, uid(other)) as db:
        cur = await db.conn.execute(
            "UPDATE group_join_requests SET status = 'pending', decided_at = NULL"
            " WHERE id = %s RETURNING id",
            (request_id,),
        )
        assert await cur.fetchone() is None
    # The asker may put it back to pending (what join_group does).
    async with user_db(pool, uid(asker)) as db:
        cur = await db.conn.execute(
            "UPDATE group_join_requests SET status = 'pending', decided_at = NULL"
            " WHERE id = %s RETURNING id",
            (request_id,),
        )
        assert await cur.fetchone() is not None
