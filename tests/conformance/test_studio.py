"""What LangGraph Studio calls besides runs: subgraphs, CORS preflight."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from server.agent_protocol.assistant import ASSISTANT_ID
from tests.conformance.script import on_both, same_on_both, say
from tests.conformance.sides import ASSISTANT, Caller, Side

STUDIO = "https://smith.langchain.com"
# The graph's default assistant: the same id on both (uuid5 of the graph id).
DEFAULT_ASSISTANT = ASSISTANT_ID


@pytest.mark.row("`assistants.get_subgraphs`")
@pytest.mark.parametrize("namespace", [None, "wins"])
async def test_get_subgraphs(sides: tuple[Side, Side], namespace: str | None) -> None:
    async def script(caller: Caller) -> Any:
        found = await caller.sdk.assistants.get_subgraphs(
            DEFAULT_ASSISTANT, namespace=namespace, recurse=True
        )
        # The namespaces and their input/output; the rest: differences.py "schemas".
        return {
            ns: {k: v for k, v in s.items() if k in ("input_schema", "output_schema")}
            for ns, s in found.items()
        }

    found = await same_on_both(sides, script)
    assert set(found) == ({"wins"} if namespace else {"wins", "wheels", "you", "social"})


@pytest.mark.row("CORS for Studio's origin, `Access-Control-Allow-Private-Network`")
async def test_studio_preflight(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        async with httpx.AsyncClient(base_url=caller.side.url) as http:
            answer = await http.options(
                "/threads/search",
                headers={
                    "Origin": STUDIO,
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "content-type,x-api-key",
                    "Access-Control-Request-Private-Network": "true",
                },
            )
        headers = answer.headers
        return {
            "status": answer.status_code,
            "origin": headers.get("access-control-allow-origin"),
            "private network": headers.get("access-control-allow-private-network"),
            "methods": "POST" in headers.get("access-control-allow-methods", ""),
            "headers": "x-api-key" in headers.get("access-control-allow-headers", "").lower(),
        }

    reference, pam = await on_both(sides, script)
    # differences.py "CORS origins": `*` there, the configured origin here; and
    # "private-network preflight": 400 there (with the header), 200 here.
    assert reference.pop("origin") == "*" and pam.pop("origin") == STUDIO
    assert reference.pop("status") == 400 and pam.pop("status") == 200
    assert pam == reference
    assert pam["private network"] == "true"


@pytest.mark.row("`GET /threads/{id}/stream` (`threads.join_stream`)")
async def test_join_thread_stream(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        thread_id = (await caller.sdk.threads.create())["thread_id"]
        joined: list[list[Any]] = []

        async def follow() -> None:
            async for part in await caller.sdk.threads.join_stream(thread_id):
                joined.append([part.event, part.data])
                if part.event == "metadata" and part.data.get("status") == "run_done":
                    return

        follower = asyncio.create_task(follow())
        await asyncio.sleep(1.0)  # joined before the run starts, as Studio does
        await caller.sdk.runs.create(
            thread_id,
            ASSISTANT,
            input=say("spent $12.50 on coffee"),
            stream_mode=["values", "updates"],
            context=caller.context,
        )
        await asyncio.wait_for(follower, 60)
        return joined

    found = await same_on_both(sides, script)
    assert found[-1][1]["status"] == "run_done"
