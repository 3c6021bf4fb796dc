"""What the model is told of the user's groups and vehicles each turn (agent/context_block.py):
the names of the groups the user is in or asked to join, the groups their message names
(any case), every vehicle by name, make and model — read in the context block's one round
trip, and read back by the offline brain into its `Env`."""

from __future__ import annotations

import uuid
from typing import Any

from langchain_core.messages import SystemMessage

from agent.brain.convo import read_env
from agent.context import Context
from agent.context_block import load_context_block
from bench.round_trips import counting_round_trips
from tools.db.pool import Pool
from tools.db.scope import user_db
from tools.registry import ACTIONS_BY_NAME
from tools.run import run_action


async def _act(pool: Pool, user: uuid.UUID, action: str, **args: Any) -> None:
    async with user_db(pool, user) as db:
        await run_action(ACTIONS_BY_NAME[action], db, args)


async def test_the_users_groups_and_the_groups_the_message_names(
    context: Context, pool: Pool
) -> None:
    tag = uuid.uuid4().hex[:6]
    mine, asked, other, named = (
        f"Grey Nomads {tag}",
        f"Quilters {tag} on Wheels",
        f"Solar {tag} Nerds",
        f"Dogs {tag} on the Road",
    )
    owner = uuid.uuid4()
    await _act(pool, owner, "create_group", name=mine)
    await _act(pool, owner, "create_group", name=asked, private=True)
    await _act(pool, owner, "create_group", name=other)
    await _act(pool, owner, "create_group", name=named)
    me = context.user_uuid
    await _act(pool, me, "join_group", group=mine)
    await _act(pool, me, "join_group", group=asked)  # private: a join request
    said = f"whats new in the dogs {tag} on the road feed pls 🙏"
    with counting_round_trips() as trips:
        facts = await load_context_block(context, str(uuid.uuid4()), said)
    assert trips[0] == 1  # still one round trip
    assert f'Your groups: ["{mine}", "{asked}"] (names other users chose' in facts.context_block
    assert other not in facts.context_block + facts.clock_block  # neither theirs nor named
    assert f'Groups your message names: ["{named}"]' in facts.clock_block
    env = read_env([SystemMessage(facts.context_block + "\n" + facts.clock_block)])
    assert env.groups == (mine, asked, named)
    # Without the message, only the user's own groups; another user sees none of them.
    facts = await load_context_block(context)
    assert named not in facts.clock_block
    stranger = Context(user_id=str(uuid.uuid4()), now=context.now, pool=pool)
    assert "Your groups" not in (await load_context_block(stranger)).context_block


async def test_a_name_with_punctuation_is_named_as_typed(context: Context, pool: Pool) -> None:
    tag = uuid.uuid4().hex[:6]
    name = f"Dave's Mob-{tag} (WA)"
    await _act(pool, uuid.uuid4(), "create_group", name=name)
    facts = await load_context_block(context, None, f"join dave's mob {tag} wa pls")
    assert f'Groups your message names: ["{name}"]' in facts.clock_block


async def test_a_group_named_inside_a_word_is_not_named(context: Context, pool: Pool) -> None:
    tag = uuid.uuid4().hex[:6]
    await _act(pool, uuid.uuid4(), "create_group", name=f"WA{tag}")
    facts = await load_context_block(context, None, f"show the swa{tag}x feed")
    assert "Groups your message names" not in facts.clock_block


async def test_every_vehicle_by_name_make_and_model(context: Context, pool: Pool) -> None:
    me = context.user_uuid
    await _act(
        pool,
        me,
        "add_vehicle",
        name="Dolly",
        make="Toyota",
        model="Hilux",
        year=2016,
    )
    await _act(pool, me, "add_vehicle", name="Kev", make="Isuzu", model="D-Max")
    facts = await load_context_block(context)
    assert "Vehicle: Dolly" in facts.context_block
    env = read_env([SystemMessage(facts.context_block)])
    assert env.vehicle == "Dolly"
    assert env.vehicles == (("Dolly", "2016", "Toyota", "Hilux"), ("Kev", "", "Isuzu", "D-Max"))
