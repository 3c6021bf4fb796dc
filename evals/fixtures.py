"""Setting up a conversation's world: the user's profile and fixture rows, and the
community (other users) that shared fixtures belong to.

Every row is made by the registry action that creates it (EVALS.md: a fixture row's fields
are that action's arguments), in its own transaction at the conversation's clock. Beyond
those fields, a few keys say who is who:

- groups `"member": true`: the conversation's user joins the group, which another user
  made;
- posts `"author": "me"`: the user wrote it. Without `author`, a group post is by the
  group's creator and any other post is the user's own;
- posts `"author": "<name>"`: a community member with that display name wrote it
  (joining the group first);
- tasks `"status": "done"`: the task is completed after it is added.

Group names are used exactly as written: tools find groups by exact name, and the model
sees the names, so renaming them per run would change what a conversation is about.
Names stay unique because each run cleans up after itself (deleting its users removes
every row they own) and conversations that touch shared rows run one at a time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from tools.db.pool import Pool
from tools.db.scope import user_db
from tools.registry import ACTIONS_BY_NAME, TABLES
from tools.run import run_action
from tools.services import Services
from tools.types import ActionError, ActionResult
from tools.you import shopping_fixture_args

# Vehicles before what names a vehicle, groups before their posts.
ORDER = ("vehicles", *(t for t in TABLES if t not in ("vehicles", "groups", "posts")))
ORDER += ("groups", "posts")


class FixtureError(Exception):
    """A fixture the actions refused; the message names the table and row."""


@dataclass
class World:
    """The users one run of a conversation involves, all fresh."""

    pool: Pool
    clock: datetime  # the conversation's `now`
    services: Services | None = None
    me: UUID = field(default_factory=uuid4)
    creator: UUID = field(default_factory=uuid4)  # makes the fixture groups
    members: dict[str, UUID] = field(default_factory=dict)  # by display name

    @property
    def users(self) -> list[UUID]:
        return [self.me, self.creator, *self.members.values()]

    async def act(self, user: UUID, action: str, args: Mapping[str, Any]) -> ActionResult:
        async with user_db(self.pool, user, now=self.clock, services=self.services) as db:
            return await run_action(ACTIONS_BY_NAME[action], db, args)

    async def member(self, name: str) -> UUID:
        if name not in self.members:
            self.members[name] = uuid4()
            await self.act(self.members[name], "update_profile", {"display_name": name})
        return self.members[name]

    async def cleanup(self) -> None:
        """Delete the run's users; every row they own goes with them (ON DELETE CASCADE)."""
        for user in self.users:
            async with user_db(self.pool, user) as db:
                await db.conn.execute("DELETE FROM users WHERE id = %s", (user,))


async def _post(world: World, row: dict[str, Any]) -> None:
    author = row.pop("author", None)
    group = row.get("group")
    if author == "me" or (author is None and not group):
        await world.act(world.me, "create_post", row)
        return
    user = world.creator if author is None else await world.member(str(author))
    if group and user != world.creator:
        await world.act(user, "join_group", {"group": group})
    await world.act(user, "create_post", row)


async def _row(world: World, table: str, row: dict[str, Any]) -> None:
    if table == "groups":
        member = row.pop("member", False)
        await world.act(world.creator, "create_group", row)
        if member:
            await world.act(world.me, "join_group", {"group": row["name"]})
    elif table == "posts":
        await _post(world, row)
    elif table == "tasks":
        status = row.pop("status", "open")
        made = await world.act(world.me, "add_task", row)
        if status == "done":
            await world.act(world.me, "complete_task", {"task_id": str(made.ids[0])})
    elif table == "shopping_list":
        await world.act(world.me, "add_to_shopping_list", shopping_fixture_args(row))
    else:
        await world.act(world.me, TABLES[table].create, row)


async def set_up(world: World, profile: dict[str, Any], fixtures: dict[str, list[Any]]) -> None:
    """Profile first, then fixture tables in dependency order; FixtureError on refusal."""
    if profile:
        try:
            await world.act(world.me, "update_profile", profile)
        except ActionError as exc:
            raise FixtureError(f"profile: {exc.message}") from None
    for table in ORDER:
        for i, row in enumerate(fixtures.get(table, [])):
            try:
                await _row(world, table, dict(row))
            except ActionError as exc:
                raise FixtureError(f"fixtures.{table}[{i}]: {exc.message}") from None


async def read_tables(world: World, names: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The user's rows of each table, keyed by the creating action's argument names."""
    out = {}
    async with user_db(world.pool, world.me, now=world.clock, services=world.services) as db:
        for name in names:
            out[name] = await TABLES[name].read(db)
    return out
