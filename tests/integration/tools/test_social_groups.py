"""list_groups, join_group, create_group: names, idempotence, membership privacy."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from tests.conftest import ScopedDb
from tests.integration.tools.social_support import call, fetch, make_group, ok, unique_name
from tools.social import TABLES

READ_GROUPS = {t.name: t for t in TABLES}["groups"].read


async def test_create_group_makes_the_creator_its_first_member(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    name = unique_name("Outback Cooks")
    result = await ok(scoped, user_id, "create_group", name=name, description="Camp ovens")
    group = result["group"]
    assert group["name"] == name
    assert group["description"] == "Camp ovens"
    assert group["member_count"] == 1
    assert group["is_member"] is True
    assert result["ids"] == [group["id"]]
    assert result["ui_actions"][0]["type"] == "reload_feed"
    assert result["ui_actions"][0]["entity_id"] == group["id"]
    async with scoped(user_id) as db:
        rows = await READ_GROUPS(db)
    assert rows == [
        {
            "id": group["id"],
            "name": name,
            "description": "Camp ovens",
            "private": False,
            "member": True,
        }
    ]


async def test_the_groups_table_says_a_group_is_private(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    """create_group's `private` argument is a column of its table, as the eval contract
    compares final rows on the creating action's argument names."""
    name = unique_name("Convoy Crew")
    await ok(scoped, user_id, "create_group", name=name, private=True)
    async with scoped(user_id) as db:
        rows = await READ_GROUPS(db)
    assert [(r["name"], r["private"]) for r in rows] == [(name, True)]


async def test_group_names_are_unique_ignoring_case(scoped: ScopedDb) -> None:
    alice, bob = uuid.uuid4(), uuid.uuid4()
    name = unique_name("Solar Setups")
    await ok(scoped, alice, "create_group", name=name)
    clash = await call(scoped, bob, "create_group", name=f"  {name.upper()} ")
    assert clash["ok"] is False
    assert clash["error"] == "conflict"
    assert "join it (say “join" in clash["summary"] and "join_group" not in clash["summary"]
    rows = await fetch(scoped, bob, "SELECT id FROM groups WHERE lower(name) = lower(%s)", name)
    assert len(rows) == 1
    async with scoped(bob) as db:
        assert await READ_GROUPS(db) == []


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": 42}, "name"),
        ({"name": "Fine", "description": "d" * 1001}, "description"),
        ({"name": "Fine", "owner": "someone"}, "owner"),
    ],
)
async def test_create_group_rejects_bad_input(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, object], field: str
) -> None:
    result = await call(scoped, user_id, "create_group", **raw)
    assert result["ok"] is False
    assert result["error"] == "invalid"
    assert result["field"] == field
    rows = await fetch(scoped, user_id, "SELECT id FROM groups WHERE created_by = %s", user_id)
    assert rows == []


async def test_group_name_with_sql_and_unicode_is_stored_verbatim(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    name = unique_name("'); DROP TABLE groups; -- 房车 🚐")
    description = "Ünïcödé, 中文 and emoji 🏕️ — 100% _literal_"
    await ok(scoped, user_id, "create_group", name=name, description=description)
    found = await ok(scoped, user_id, "list_groups", query="drop table GROUPS; -- 房车")
    assert [(g["name"], g["description"]) for g in found["groups"]] == [(name, description)]
    joined = await ok(scoped, user_id, "join_group", group=name.lower())
    assert joined["group"]["name"] == name


async def test_list_groups_matches_name_or_description_case_insensitively(
    scoped: ScopedDb,
) -> None:
    alice, bob = uuid.uuid4(), uuid.uuid4()
    tag = uuid.uuid4().hex[:10]
    by_name = await ok(scoped, alice, "create_group", name=f"Kimberley {tag} Crew")
    by_description = await ok(
        scoped, alice, "create_group", name=unique_name("Top End"), description=f"About {tag}!"
    )
    await ok(scoped, bob, "join_group", group=by_name["group"]["id"])
    result = await ok(scoped, bob, "list_groups", query=tag.upper())
    listed = {g["id"]: g for g in result["groups"]}
    assert set(listed) == {by_name["group"]["id"], by_description["group"]["id"]}
    assert listed[by_name["group"]["id"]]["member_count"] == 2
    assert listed[by_name["group"]["id"]]["is_member"] is True
    assert listed[by_description["group"]["id"]]["member_count"] == 1
    assert listed[by_description["group"]["id"]]["is_member"] is False
    assert "2 groups" in result["summary"]


async def test_list_groups_treats_like_wildcards_literally(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await make_group(scoped, user_id)
    result = await ok(scoped, user_id, "list_groups", query="%_%")
    assert result["groups"] == []
    assert "no groups" in result["summary"]


async def test_list_groups_without_query_lists_every_group(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    group = await make_group(scoped, uuid.uuid4())
    result = await ok(scoped, user_id, "list_groups")
    assert group["id"] in {g["id"] for g in result["groups"]}
    too_long = await call(scoped, user_id, "list_groups", query="q" * 101)
    assert too_long["ok"] is False
    assert too_long["field"] == "query"


async def test_join_group_by_name_or_id_is_idempotent(scoped: ScopedDb) -> None:
    owner, joiner = uuid.uuid4(), uuid.uuid4()
    group = await make_group(scoped, owner)
    first = await ok(scoped, joiner, "join_group", group=group["name"].swapcase())
    assert first["group"]["is_member"] is True
    assert first["group"]["member_count"] == 2
    assert first["ids"] == [group["id"]]
    assert first["ui_actions"][0]["type"] == "reload_feed"
    again = await ok(scoped, joiner, "join_group", group=group["id"])
    assert "already a member" in again["summary"]
    assert again["ids"] == []
    assert again["ui_actions"] == []
    assert again["group"]["member_count"] == 2
    rows = await fetch(scoped, joiner, "SELECT group_id FROM group_members")
    assert [r["group_id"] for r in rows] == [uuid.UUID(group["id"])]
    async with scoped(joiner) as db:
        read = await READ_GROUPS(db)
    assert [(r["name"], r["member"]) for r in read] == [(group["name"], True)]


@pytest.mark.parametrize("ref", ["No Such Group Anywhere", "5b0d3c1e-9a7f-4e2b-8c6d-1f0a2b3c4d5e"])
async def test_join_unknown_group_is_not_found_with_a_hint(
    scoped: ScopedDb, user_id: uuid.UUID, ref: str
) -> None:
    result = await call(scoped, user_id, "join_group", group=ref)
    assert result["ok"] is False
    assert result["error"] == "not_found"
    assert ref in result["summary"]
    assert result["subject"] == "group"  # the model is told list_groups (agent/tools.py)
    assert await fetch(scoped, user_id, "SELECT * FROM group_members") == []


@pytest.mark.parametrize("raw", [{}, {"group": ""}, {"group": "g" * 101}, {"group": ["x"]}])
async def test_join_group_rejects_bad_input(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, object]
) -> None:
    result = await call(scoped, user_id, "join_group", **raw)
    assert result["ok"] is False
    assert result["error"] == "invalid"
    assert result["field"] == "group"


async def test_memberships_of_others_stay_private(scoped: ScopedDb) -> None:
    author, member, outsider = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    group = await make_group(scoped, author, member)
    await ok(scoped, outsider, "list_groups")  # the outsider exists
    assert await fetch(scoped, outsider, "SELECT * FROM group_members") == []
    mine = await fetch(
        scoped,
        member,
        "SELECT user_id FROM group_members WHERE group_id = %s",
        uuid.UUID(group["id"]),
    )
    assert [r["user_id"] for r in mine] == [member]
    # The count is public, who the members are is not.
    listed = await ok(scoped, outsider, "list_groups", query=group["name"])
    assert listed["groups"][0]["member_count"] == 2
    assert listed["groups"][0]["is_member"] is False
    # Nor can the outsider enrol someone else.
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        async with scoped(outsider) as db:
            await db.conn.execute(
                "INSERT INTO group_members (group_id, user_id) VALUES (%s, %s)",
                (uuid.UUID(group["id"]), author),
            )


async def test_a_shortened_group_name_finds_the_one_group_it_shortens(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    """People shorten names ("harvest trail" for Harvest Trail Workers): the one group the
    words start, the user's own first; several that fit, or too few letters, find none."""
    owner = uuid.uuid4()
    tag = unique_name("Zq")  # a word no other test's group has
    wanted = await ok(scoped, owner, "create_group", name=f"Harvest {tag} Workers")
    await ok(scoped, user_id, "join_group", group=wanted["group"]["name"])
    other = await ok(scoped, owner, "create_group", name=f"Harvest {tag} Families")
    mine = await ok(scoped, user_id, "join_group", group=f"harvest {tag.lower()}")
    assert mine["group"]["id"] == wanted["group"]["id"]  # both fit: the user's own
    joined = await ok(scoped, user_id, "join_group", group=f"harv {tag.lower()} fam")
    assert joined["group"]["id"] == other["group"]["id"]
    stranger = uuid.uuid4()  # in neither group: "harvest <tag>" could be either
    assert (await call(scoped, stranger, "join_group", group=f"harvest {tag}"))["ok"] is False
    assert (await call(scoped, stranger, "join_group", group="wa"))["ok"] is False


async def test_a_group_of_one_is_one_member_in_the_list(scoped: ScopedDb) -> None:
    alice, bob = uuid.uuid4(), uuid.uuid4()
    name = unique_name("Jayco Crew")
    await ok(scoped, alice, "create_group", name=name)
    mine = await ok(scoped, alice, "list_groups", query=name)
    assert f"{name} (1 member, you are in)" in mine["summary"]
    await ok(scoped, bob, "join_group", group=name)
    theirs = await ok(scoped, bob, "list_groups", query=name)
    assert f"{name} (2 members, you are in)" in theirs["summary"]
