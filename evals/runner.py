"""The eval runner: every conversation through the real graph, as its own fresh user
(see `evals.conversation`), `repeat` times.

Conversations run concurrently (bounded) except those that touch rows other users can
see (groups, posts, shared places), which run one at a time after the others, so no run
can see another's rows and results do not depend on timing. Results keep dataset order
whatever the order of completion.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from langchain_core.language_models import BaseChatModel
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

from evals.conversation import run_conversation
from evals.dataset import Conversation
from evals.results import RunResult, SuiteResult
from tools.db.pool import Pool
from tools.services import Services

SHARED_TABLES = {"groups", "posts"}
SHARED_TOOLS = {
    "create_post",
    "get_feed",
    "comment_on_post",
    "like_post",
    "list_groups",
    "join_group",
    "create_group",
    "save_place",
    "find_places",
}


def shares_rows(conversation: Conversation) -> bool:
    """Whether the conversation may see or make rows other users can see."""
    if SHARED_TABLES & (set(conversation.fixtures) | set(conversation.final_state)):
        return True
    if any(p.get("shared") for p in conversation.fixtures.get("places", [])):
        return True
    for turn in conversation.turns:
        if "social" in (turn.expect.route or []):
            return True
        if SHARED_TOOLS & {t.name for t in turn.expect.tools or []}:
            return True
    return False


async def run_suite(
    conversations: list[Conversation],
    *,
    pool: Pool,
    model: BaseChatModel,
    model_name: str,
    files: list[str],
    repeat: int = 1,
    concurrency: int = 4,
    services: Services | None = None,
    services_for: Callable[[Conversation], Services] | None = None,
) -> SuiteResult:
    """Run each conversation `repeat` times. With concurrency 1 runs go in dataset order.

    The tools reach `services`, or `services_for(conversation)` when given (the evals'
    recorded weather is dated per conversation, see `evals.weather`).
    """
    from graph import build_graph  # the graph module builds a default graph on import

    saver = AsyncPostgresSaver(pool)
    await saver.setup()
    graph = build_graph(checkpointer=saver, model=model)
    jobs = [(c, r) for c in conversations for r in range(1, repeat + 1)]
    results: list[RunResult | None] = [None] * len(jobs)

    async def go(i: int) -> None:
        conversation, number = jobs[i]
        reach = services_for(conversation) if services_for else services
        results[i] = await run_conversation(graph, pool, conversation, number, reach)

    if concurrency <= 1:
        for i in range(len(jobs)):
            await go(i)
    else:
        gate = asyncio.Semaphore(concurrency)

        async def bounded(i: int) -> None:
            async with gate:
                await go(i)

        shared = [i for i, (c, _) in enumerate(jobs) if shares_rows(c)]
        await asyncio.gather(*(bounded(i) for i in range(len(jobs)) if i not in shared))
        for i in shared:
            await go(i)
    done = [r for r in results if r is not None]
    return SuiteResult(model=model_name, files=files, repeat=repeat, runs=done)
