"""The context block's named-groups read (tools/social/groups.py named_groups_query) is
answered from the first-word index (migration 0023), not by reading every group: the
query's expression and the index's must stay the same."""

from __future__ import annotations

import uuid

from tests.conftest import ScopedDb
from tools.social.groups import named_groups_query


async def test_the_named_groups_read_uses_the_first_word_index(scoped: ScopedDb) -> None:
    owner = uuid.uuid4()
    async with scoped(owner) as db:
        await db.conn.execute(
            "INSERT INTO groups (created_by, name) VALUES (%s, 'Grey Nomads WA')", (owner,)
        )
        sql, params = named_groups_query("can I join grey nomads wa pls")
        found = await (await db.conn.execute(sql, params)).fetchall()
        # A few rows make a sequential scan the planner's pick; with it ruled out, the
        # index must be able to answer, which only a matching expression allows.
        await db.conn.execute("SET LOCAL enable_seqscan = off")
        plan = await (await db.conn.execute("EXPLAIN " + sql, params)).fetchall()
    assert [r["name"] for r in found] == ["Grey Nomads WA"]
    assert "groups_name_first_word" in " ".join(str(r["QUERY PLAN"]) for r in plan)
