"""Two instances: a chat stream cut on one is picked up on the other with Last-Event-ID
(the follower replays the owner's events from Redis, with the owner's ids)."""

from __future__ import annotations

import httpx
import psycopg
import pytest

from tests.api.conftest import auth, uid
from tests.api.test_agent_protocol_support import person
from tests.api.test_chat_stream_rejoin import STREAM, as_told, order, read_events
from tests.scale.conftest import Pair, until
from tests.scale.llm import GatedBrain

pytestmark = [pytest.mark.redis, pytest.mark.timeout(300)]  # the first test starts the servers


def counts(database_url: str, thread_id: str, user: str) -> tuple[int, int]:
    """(chat_runs rows of the thread, expenses of the user), read as the superuser."""
    with psycopg.connect(database_url) as conn:
        runs = conn.execute("SELECT count(*) FROM chat_runs WHERE thread_id = %s", (thread_id,))
        run_rows = runs.fetchone()
        spent = conn.execute("SELECT count(*) FROM expenses WHERE user_id = %s", (uid(user),))
        expense_rows = spent.fetchone()
    assert run_rows is not None and expense_rows is not None
    return int(run_rows[0]), int(expense_rows[0])


async def test_a_stream_cut_on_one_instance_continues_on_the_other(
    pair: Pair, gate: GatedBrain, migrated_url: str
) -> None:
    user = person("rejoiner")
    async with httpx.AsyncClient(headers=auth(user), timeout=60) as client:
        thread_id = (await client.post(f"{pair.a}/threads", json={})).json()["thread_id"]
        body = {"message": "spent $27.30 on fuel", "thread_id": thread_id, "message_id": "m1"}
        gate.close()  # the reply after the tools waits: the turn is mid-run when cut
        async with client.stream("POST", f"{pair.a}{STREAM}", json=body) as response:
            # The expense is written; the line drops here.
            first = await read_events(response, stop_at="tool_result")
        await until(gate.holding.is_set)
        last = first[-1][1]
        assert last is not None
        headers = {"Last-Event-ID": last}
        async with client.stream(
            "POST", f"{pair.b}{STREAM}", json=body, headers=headers
        ) as response:
            assert response.status_code == 200
            gate.open()  # joined on B while the turn still runs on A
            rest = await read_events(response)
        async with client.stream("POST", f"{pair.a}{STREAM}", json=body) as response:
            replayed = await read_events(response)
    ids = [i for _, i, _ in rest if i is not None]
    assert ids and all(order(i) > order(last) for i in ids) and ids[-1] == "done"
    assert [n for n, _, _ in rest][-2:] == ["final", "end"]
    assert as_told(first + rest) == as_told(replayed)  # nothing lost, nothing twice
    assert counts(migrated_url, thread_id, user) == (1, 1)
