"""Runs started on a live server's run manager directly, as a chat turn starts them: for
the tests of the run manager under the routes (multitask strategies, admission)."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import HumanMessage

from agent.context import Context
from server.runs import RunManager, RunRequest, create_thread
from tests.api.conftest import LiveServer, uid


async def start_run(live: LiveServer, user: str, thread_id: str, text: str, **kwargs: Any) -> Any:
    runs: RunManager = live.app.state.runs
    resources = live.app.state.resources
    context = Context(
        user_id=str(uid(user)),
        pool=resources.pool,
        services=resources.services,
        reply_tokens=True,  # as a chat turn's (server/chat/turns.py)
    )
    return await runs.start(
        RunRequest(
            thread_id=thread_id,
            user_id=uid(user),
            input={"messages": [HumanMessage(text)]},
            context=context,
            **kwargs,
        )
    )


async def new_thread(live: LiveServer, user: str) -> str:
    return (await create_thread(live.app.state.resources, uid(user))).thread_id
