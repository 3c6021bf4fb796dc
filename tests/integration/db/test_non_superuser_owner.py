"""A database migrated by its owner without superuser, as on managed Postgres (RDS,
Cloud SQL, Supabase): the SECURITY DEFINER functions over group memberships must work
there too (try15: member counts read 0 for non-members, and approving a private group's
join request failed on the membership policy, a 500)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

from tests.servers import with_database
from tools.db.migrate import migrate
from tools.db.pool import open_pool
from tools.db.scope import user_db
from tools.registry import ACTIONS_BY_NAME
from tools.run import run_action


@pytest.fixture
def owners_database() -> Iterator[str]:
    """A new database owned by a new login role that is no superuser but may make roles
    (as RDS's master user and Supabase's `postgres` are), its URL signed in as it."""
    server_url = os.environ.get("DATABASE_URL")
    if not server_url:
        pytest.skip("needs DATABASE_URL: a server where the tests may create a role")
    role = f"pam_owner_{uuid.uuid4().hex[:8]}"
    name = f"pam_owned_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        superuser = admin.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if not (superuser.fetchone() or (False,))[0]:
            pytest.skip("needs a superuser DATABASE_URL to make the owner role")
        admin.execute(
            sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER CREATEROLE").format(sql.Identifier(role))
        )
        if admin.execute("SELECT 1 FROM pg_roles WHERE rolname = 'pam_app'").fetchone() is None:
            admin.execute("CREATE ROLE pam_app NOLOGIN")  # as migration 0001 would
        admin.execute(sql.SQL("GRANT pam_app TO {}").format(sql.Identifier(role)))
        admin.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(name), sql.Identifier(role)
            )
        )
    parts = urlsplit(with_database(server_url, name))
    url = urlunsplit(parts._replace(netloc=f"{role}@{parts.netloc.rpartition('@')[2]}"))
    try:
        yield url
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


async def test_member_counts_and_approvals_work_without_superuser(owners_database: str) -> None:
    await migrate(owners_database)
    pool = await open_pool(owners_database, min_size=1, max_size=2)
    owner, joiner, other = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    open_name, private_name = f"Open {uuid.uuid4().hex[:6]}", f"Quiet {uuid.uuid4().hex[:6]}"
    try:
        async with user_db(pool, owner) as db:
            await run_action(ACTIONS_BY_NAME["create_group"], db, {"name": open_name})
            await run_action(
                ACTIONS_BY_NAME["create_group"], db, {"name": private_name, "private": True}
            )
        async with user_db(pool, joiner) as db:
            await run_action(ACTIONS_BY_NAME["join_group"], db, {"group": open_name})
            asked = await run_action(ACTIONS_BY_NAME["join_group"], db, {"group": private_name})
        async with user_db(pool, other) as db:
            listed = await run_action(ACTIONS_BY_NAME["list_groups"], db, {"query": open_name})
        assert [g.member_count for g in listed.groups] == [2]  # type: ignore[attr-defined]
        async with user_db(pool, owner) as db:
            approved = await run_action(
                ACTIONS_BY_NAME["review_join_requests"],
                db,
                {"request_id": str(asked.ids[0]), "decision": "approve"},
            )
        assert approved.ok
        async with user_db(pool, joiner) as db:
            mine = await run_action(ACTIONS_BY_NAME["list_groups"], db, {"query": private_name})
        assert [(g.is_member, g.member_count) for g in mine.groups] == [(True, 2)]  # type: ignore[attr-defined]
        # The policies are the owner role's alone: a user still cannot admit themselves.
        async with user_db(pool, other) as db:
            group_id = mine.groups[0].id  # type: ignore[attr-defined]
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                await db.conn.execute(
                    "INSERT INTO group_members (group_id, user_id) VALUES (%s, %s)",
                    (group_id, other),
                )
    finally:
        await pool.close()
