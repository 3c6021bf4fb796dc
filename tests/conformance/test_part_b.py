"""Rows of the issue's table that part B of issue 18 built (assistants as rows, the
store, crons, stateless runs, thread copy/count/ttl, runs.delete), side by side."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conformance.script import new_thread, same_on_both, say, stream
from tests.conformance.sides import ASSISTANT, Caller, Side


@pytest.mark.row(
    "stateless runs (`/runs`, `/runs/stream`, `/runs/wait`, `/runs/batch`, `/runs/cancel`)"
)
async def test_stateless_wait(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        return await caller.sdk.runs.wait(
            None, ASSISTANT, input=say("spent $12.50 on coffee"), context=caller.context
        )

    await same_on_both(sides, script)


@pytest.mark.row("`assistants.create/update/delete`, `get_versions`, `set_latest`")
async def test_assistant_create(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        made = await caller.sdk.assistants.create(ASSISTANT, name="mine")
        return await caller.sdk.assistants.get_versions(made["assistant_id"])

    await same_on_both(sides, script)


@pytest.mark.row("`threads.copy`, `threads.count`, `threads.prune`, thread `ttl`")
async def test_thread_copy_and_count(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        mine = {"owner": caller.user}
        thread_id = (await caller.sdk.threads.create(metadata=mine))["thread_id"]
        await stream(caller, thread_id, input=say("spent $12.50 on coffee"))
        await caller.sdk.threads.copy(thread_id)
        copies = await caller.sdk.threads.search(metadata=mine)
        count = await caller.sdk.threads.count(metadata={"nothing": "matches"})
        return {"threads": len(copies), "count": count}

    await same_on_both(sides, script)


@pytest.mark.row("`runs.delete`")
async def test_runs_delete(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        thread_id = await new_thread(caller)
        run = await caller.sdk.runs.create(
            thread_id, ASSISTANT, input=say("hello"), context=caller.context
        )
        await caller.sdk.runs.join(thread_id, run["run_id"])
        await caller.sdk.runs.delete(thread_id, run["run_id"])
        return await caller.sdk.runs.list(thread_id)

    await same_on_both(sides, script)


@pytest.mark.row(
    "store API (`put_item`, `get_item`, `search_items`, `list_namespaces`, `delete_item`)"
)
async def test_store_items(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        namespace = ["notes", "van"]
        await caller.sdk.store.put_item(namespace, "van", {"make": "Hiace"})
        return await caller.sdk.store.get_item(namespace, "van")

    await same_on_both(sides, script)


@pytest.mark.row("crons (`create`, `create_for_thread`, `search`, `delete`)")
async def test_crons(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        thread_id = await new_thread(caller)
        await caller.sdk.crons.create_for_thread(
            thread_id, ASSISTANT, schedule="0 9 * * *", input=say("hello")
        )
        found = await caller.sdk.crons.search(thread_id=thread_id)
        for cron in found:
            await caller.sdk.crons.delete(cron["cron_id"])
        return [c["schedule"] for c in found]

    await same_on_both(sides, script)
