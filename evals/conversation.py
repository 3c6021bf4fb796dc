"""One run of one conversation: a fresh world, its turns through the graph, its final state.

Each run gets new users (uuid4), a new thread, the conversation's clock, the Postgres
checkpointer and the real database, and removes its users and checkpoints when done.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import datetime
from typing import Any
from uuid import uuid4

from langchain_core.runnables import RunnableConfig

from agent.context import Context
from agent.flags import NO_FLAGS, TurnFlags
from evals.dataset import Conversation
from evals.fixtures import FixtureError, World, read_tables, set_up
from evals.results import Observed, RunResult, TurnResult
from evals.scoring import score_state, score_turn
from evals.turns import CallKey, run_turn
from tools.db.pool import Pool
from tools.services import Services

# Graph steps per turn: a model that keeps calling tools fails its turn instead of
# running on (a normal turn takes well under 20).
RECURSION_LIMIT = 60
# The experiment arm the suite runs under (evals/variants.py): in every turn's context.
EVAL_FLAGS: ContextVar[TurnFlags] = ContextVar("EVAL_FLAGS", default=NO_FLAGS)


async def _turns(graph: Any, world: World, conversation: Conversation, run: RunResult) -> None:
    config: RunnableConfig = {
        "configurable": {"thread_id": str(uuid4())},
        "recursion_limit": RECURSION_LIMIT,
    }
    context = Context(
        user_id=str(world.me),
        now=conversation.now,
        client=conversation.client,
        pool=world.pool,
        services=world.services,
        flags=EVAL_FLAGS.get(),
    )
    seen: set[CallKey] = set()
    broken, waiting = "", False
    try:
        for number, turn in enumerate(conversation.turns, start=1):
            why = broken
            if not why and turn.decisions is not None and not waiting:
                why = "decisions given, but nothing is waiting for approval"
            if why:
                observed = Observed(ran=False)
            else:
                try:
                    observed = await run_turn(graph, config, context, turn, seen)
                except Exception as exc:
                    broken = f"turn {number} raised {type(exc).__name__}: {exc}"
                    why, observed = broken, Observed(ran=False)
                waiting = observed.interrupt
            score = score_turn(number, turn.expect, observed, why)
            run.turns.append(TurnResult(number, turn.said, turn.expect, observed, score))
    finally:
        await graph.checkpointer.adelete_thread(config["configurable"]["thread_id"])


async def run_conversation(
    graph: Any,
    pool: Pool,
    conversation: Conversation,
    run_number: int = 1,
    services: Services | None = None,
) -> RunResult:
    run = RunResult(conversation, run_number)
    world = World(pool, datetime.fromisoformat(conversation.now), services)
    try:
        try:
            await set_up(world, conversation.profile, conversation.fixtures)
        except FixtureError as exc:
            run.setup_failures.append(f"setup: {exc}")
            for number, turn in enumerate(conversation.turns, start=1):
                score = score_turn(number, turn.expect, Observed(ran=False), "setup failed")
                run.turns.append(
                    TurnResult(number, turn.said, turn.expect, Observed(ran=False), score)
                )
            return run
        await _turns(graph, world, conversation, run)
        if conversation.final_state:
            rows = await read_tables(world, list(conversation.final_state))
            run.state_failures = score_state(conversation.final_state, rows)
            run.state_ok = not run.state_failures
    finally:
        await world.cleanup()
    return run
