"""Two instances, the resources of issue 18 part B: a stateless run started on one is
joined, bulk-cancelled and cleaned up through the other."""

from __future__ import annotations

import pytest
from langgraph_sdk.errors import NotFoundError

from tests.api.test_agent_protocol_support import person, say, sdk
from tests.scale.conftest import Pair, until
from tests.scale.llm import GatedBrain

pytestmark = [pytest.mark.redis, pytest.mark.timeout(300)]  # the first test starts the servers


async def test_a_stateless_run_is_bulk_cancelled_from_the_other_instance(
    pair: Pair, gate: GatedBrain
) -> None:
    user = person("stateless-cancel")
    on_a, on_b = sdk(pair.a, user), sdk(pair.b, user)
    gate.close()
    run = await on_a.runs.create(None, "pam", input=say("Hello there"), on_completion="keep")
    await until(gate.holding.is_set)
    await on_b.runs.cancel_many(status="running")
    await on_b.runs.join(run["thread_id"], run["run_id"])
    got = await on_a.runs.get(run["thread_id"], run["run_id"])
    gate.open()
    await on_a.aclose()
    await on_b.aclose()
    assert got["status"] == "interrupted"


async def test_a_stateless_runs_thread_goes_on_both_instances_once_it_ended(pair: Pair) -> None:
    user = person("stateless-delete")
    on_a, on_b = sdk(pair.a, user), sdk(pair.b, user)
    run = await on_a.runs.create(None, "pam", input=say("Hello there"))
    joined = await on_b.runs.join(run["thread_id"], run["run_id"])

    async def gone() -> bool:
        return await on_b.threads.count() == 0

    await until(gone)
    with pytest.raises(NotFoundError):
        await on_a.threads.get(run["thread_id"])
    await on_a.aclose()
    await on_b.aclose()
    assert isinstance(joined, dict) and joined["reply"]
