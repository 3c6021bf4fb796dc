"""The sweep's catalogue: each public method of langgraph-sdk's async client
(assistants, threads, runs, crons, store) with its main keyword options, as one named
call each. A call builds what it needs for its own fresh user and returns the answer
(streams as their [event, data] pairs). `DELIBERATE` names the calls where PAM answers
otherwise on purpose, with the reason (docs/agent-protocol.md says each).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from langgraph_sdk.schema import Run

from server.agent_protocol.assistant import ASSISTANT_ID
from tests.conformance.differences import without_checkpoint_thread as states
from tests.conformance.script import say
from tests.conformance.sides import ASSISTANT, Caller
from tests.conformance.sweep import CallScript
from tests.fakes import HOLD

CALLS: dict[str, CallScript] = {}


def call(name: str) -> Callable[[CallScript], CallScript]:
    def register(script: CallScript) -> CallScript:
        assert name not in CALLS, name
        CALLS[name] = script
        return script

    return register


EXPENSE = "spent $12.50 on coffee"
TOP: Any = {"checkpoint_ns": ""}  # the root graph's checkpoints
# The graph's default assistant by id: `langgraph dev` takes the graph's name only for runs.
DEFAULT = ASSISTANT_ID


async def _thread(c: Caller, metadata: dict[str, Any] | None = None, **kwargs: Any) -> str:
    made = await c.sdk.threads.create(metadata={**_mine(c), **(metadata or {})}, **kwargs)
    return str(made["thread_id"])


async def _busy(c: Caller, thread_id: str) -> Run:
    """A run still running at the case's next call, whatever the machine's load: its reply
    is held (tests.fakes.HOLD). An expense turn has no paced reply and ends 0.1-0.4 s after
    PAM acknowledges it, which a stalled client missed (a `rollback` then found the thread
    idle, so both runs stayed). Cases cancel it, or it ends by itself HOLD_S later."""
    return await c.sdk.runs.create(
        thread_id, ASSISTANT, input=say(f"hello {HOLD}"), context=c.context
    )


async def _running(c: Caller, thread_id: str) -> Run:
    """A held run (`_busy`) once its side has started it. `langgraph dev` deletes a run
    cancelled with `rollback` while still pending (no worker has it yet) and keeps one
    that runs, as `interrupted`; PAM starts a run as it acknowledges it."""
    run = await _busy(c, thread_id)
    for _ in range(100):
        if (await c.sdk.runs.get(thread_id, run["run_id"]))["status"] == "running":
            break
        await asyncio.sleep(0.05)
    return run


async def _turned(c: Caller, text: str = EXPENSE) -> str:
    """A thread with one finished turn."""
    thread_id = await _thread(c)
    await c.sdk.runs.wait(thread_id, ASSISTANT, input=say(text), context=c.context)
    return thread_id


async def _assistant(c: Caller, metadata: dict[str, Any] | None = None, **kwargs: Any) -> str:
    made = await c.sdk.assistants.create(
        ASSISTANT, metadata={**_mine(c), **(metadata or {})}, **kwargs
    )
    return str(made["assistant_id"])


class StreamError(Exception):
    """A run stream's `error` event: the run failed on that side."""


async def _parts(stream: Any) -> list[list[Any]]:
    found = [[p.event, p.data] async for p in stream if p.event != "end"]
    for event, data in found:
        if event == "error":
            raise StreamError(str(data)[:200])
    return found


def _mine(c: Caller, **more: Any) -> dict[str, Any]:
    """Metadata that tells this call's rows apart from every other's: `langgraph dev` has
    one namespace for every caller, so its searches would find other calls' rows."""
    return {"sweep": c.user, **more}


def _own(c: Caller, rows: list[Any]) -> list[Any]:
    """The rows of a search without filters that are this call's (or the graph's own)."""
    return [
        r
        for r in rows
        if (r.get("metadata") or {}).get("sweep") == c.user
        or (r.get("metadata") or {}).get("created_by") == "system"
    ]


# ---------------------------------------------------------------- assistants


@call("assistants.get(default)")
async def _(c: Caller) -> Any:
    return await c.sdk.assistants.get(DEFAULT)


@call("assistants.get(created)")
async def _(c: Caller) -> Any:
    return await c.sdk.assistants.get(await _assistant(c, name="mine"))


@call("assistants.get_graph")
async def _(c: Caller) -> Any:
    return await c.sdk.assistants.get_graph(DEFAULT)


@call("assistants.get_graph(xray=True)")
async def _(c: Caller) -> Any:
    return await c.sdk.assistants.get_graph(DEFAULT, xray=True)


@call("assistants.get_graph(xray=1)")
async def _(c: Caller) -> Any:
    return await c.sdk.assistants.get_graph(DEFAULT, xray=1)


@call("assistants.get_schemas (keys)")
async def _(c: Caller) -> Any:
    return sorted(await c.sdk.assistants.get_schemas(DEFAULT))


@call("assistants.get_subgraphs (namespaces)")
async def _(c: Caller) -> Any:
    return sorted(await c.sdk.assistants.get_subgraphs(DEFAULT))


@call("assistants.get_subgraphs(recurse=True) (namespaces)")
async def _(c: Caller) -> Any:
    return sorted(await c.sdk.assistants.get_subgraphs(DEFAULT, recurse=True))


@call("assistants.get_subgraphs(namespace=) (namespaces)")
async def _(c: Caller) -> Any:
    return sorted(await c.sdk.assistants.get_subgraphs(DEFAULT, namespace="wins"))


@call("assistants.create(config=, context=, metadata=, name=, description=)")
async def _(c: Caller) -> Any:
    return await c.sdk.assistants.create(
        ASSISTANT,
        config={"tags": ["sweep"]},
        context={"timezone": "Australia/Perth"},
        metadata={"team": "road"},
        name="mine",
        description="a sweep's",
    )


@call("assistants.create(assistant_id=, if_exists=do_nothing) twice")
async def _(c: Caller) -> Any:
    assistant_id = str(uuid.uuid4())
    await c.sdk.assistants.create(ASSISTANT, assistant_id=assistant_id, name="first")
    return await c.sdk.assistants.create(
        ASSISTANT, assistant_id=assistant_id, if_exists="do_nothing", name="second"
    )


@call("assistants.create(assistant_id=, if_exists=raise) twice")
async def _(c: Caller) -> Any:
    assistant_id = str(uuid.uuid4())
    await c.sdk.assistants.create(ASSISTANT, assistant_id=assistant_id)
    return await c.sdk.assistants.create(ASSISTANT, assistant_id=assistant_id, if_exists="raise")


@call("assistants.create(unknown graph_id)")
async def _(c: Caller) -> Any:
    return await c.sdk.assistants.create("no-such-graph")


@call("assistants.update(metadata=, name=, description=, context=)")
async def _(c: Caller) -> Any:
    assistant_id = await _assistant(c, metadata={"a": 1})
    return await c.sdk.assistants.update(
        assistant_id,
        metadata={"b": 2},
        name="renamed",
        description="changed",
        context={"timezone": "Australia/Perth"},
    )


@call("assistants.update(graph_id=, config=)")
async def _(c: Caller) -> Any:
    assistant_id = await _assistant(c)
    return await c.sdk.assistants.update(
        assistant_id, graph_id=ASSISTANT, config={"recursion_limit": 30}
    )


@call("assistants.delete")
async def _(c: Caller) -> Any:
    assistant_id = await _assistant(c)
    await c.sdk.assistants.delete(assistant_id)
    return await c.sdk.assistants.search(metadata=_mine(c))


@call("assistants.delete(delete_threads=True)")
async def _(c: Caller) -> Any:
    assistant_id = await _assistant(c)
    return await c.sdk.assistants.delete(assistant_id, delete_threads=True)


@call("assistants.delete(unknown)")
async def _(c: Caller) -> Any:
    return await c.sdk.assistants.delete(str(uuid.uuid4()))


@call("assistants.search()")
async def _(c: Caller) -> Any:
    await _assistant(c)
    return _own(c, await c.sdk.assistants.search(limit=1000))


@call("assistants.search(metadata=)")
async def _(c: Caller) -> Any:
    await _assistant(c, metadata={"team": "road"})
    return await c.sdk.assistants.search(metadata=_mine(c, team="road"))


@call("assistants.search(graph_id=, name=)")
async def _(c: Caller) -> Any:
    await _assistant(c, name=c.user)
    return await c.sdk.assistants.search(graph_id=ASSISTANT, name=c.user, metadata=_mine(c))


@call("assistants.search(limit=, offset=)")
async def _(c: Caller) -> Any:
    for name in ("one", "two"):
        await _assistant(c, name=name)
    return await c.sdk.assistants.search(limit=1, offset=1, metadata=_mine(c))


@call("assistants.search(sort_by=, sort_order=)")
async def _(c: Caller) -> Any:
    for name in ("one", "two"):
        await _assistant(c, name=name)
    found = await c.sdk.assistants.search(sort_by="created_at", sort_order="asc", metadata=_mine(c))
    return [a["name"] for a in found]


@call("assistants.search(select=)")
async def _(c: Caller) -> Any:
    await _assistant(c, name="one")
    return await c.sdk.assistants.search(select=["assistant_id", "name"], metadata=_mine(c))


@call("assistants.search(response_format=object)")
async def _(c: Caller) -> Any:
    for name in ("one", "two"):
        await _assistant(c, name=name)
    return await c.sdk.assistants.search(response_format="object", limit=1, metadata=_mine(c))


@call("assistants.count()")
async def _(c: Caller) -> Any:
    return type(await c.sdk.assistants.count()).__name__


@call("assistants.count(metadata=, graph_id=, name=)")
async def _(c: Caller) -> Any:
    await _assistant(c, name="counted")
    return await c.sdk.assistants.count(metadata=_mine(c), graph_id=ASSISTANT, name="counted")


@call("assistants.get_versions")
async def _(c: Caller) -> Any:
    assistant_id = await _assistant(c)
    await c.sdk.assistants.update(assistant_id, name="v2")
    return await c.sdk.assistants.get_versions(assistant_id)


@call("assistants.get_versions(metadata=, limit=, offset=)")
async def _(c: Caller) -> Any:
    assistant_id = await _assistant(c, metadata={"v": 1})
    await c.sdk.assistants.update(assistant_id, metadata={"v": 2})
    return await c.sdk.assistants.get_versions(assistant_id, metadata={"v": 2}, limit=5, offset=0)


@call("assistants.set_latest")
async def _(c: Caller) -> Any:
    assistant_id = await _assistant(c, name="one")
    await c.sdk.assistants.update(assistant_id, name="two")
    return await c.sdk.assistants.set_latest(assistant_id, 1)


@call("assistants.update(default)")
async def _(c: Caller) -> Any:
    return await c.sdk.assistants.update(DEFAULT, name="taken over")


# ---------------------------------------------------------------- threads


@call("threads.create()")
async def _(c: Caller) -> Any:
    return await c.sdk.threads.create()


@call("threads.create(metadata=)")
async def _(c: Caller) -> Any:
    return await c.sdk.threads.create(metadata={"topic": "fuel"})


@call("threads.create(thread_id=, if_exists=do_nothing) twice")
async def _(c: Caller) -> Any:
    thread_id = str(uuid.uuid4())
    await c.sdk.threads.create(thread_id=thread_id, metadata={"n": 1})
    return await c.sdk.threads.create(thread_id=thread_id, if_exists="do_nothing")


@call("threads.create(thread_id=, if_exists=raise) twice")
async def _(c: Caller) -> Any:
    thread_id = str(uuid.uuid4())
    await c.sdk.threads.create(thread_id=thread_id)
    return await c.sdk.threads.create(thread_id=thread_id, if_exists="raise")


@call("threads.create(supersteps=)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(
        c,
        graph_id=ASSISTANT,
        supersteps=[
            {"updates": [{"values": say("hello"), "as_node": "__input__"}]},
        ],
    )
    return {
        "thread": await c.sdk.threads.get(thread_id),
        "state": states(await c.sdk.threads.get_state(thread_id)),
    }


@call("threads.create(graph_id=)")
async def _(c: Caller) -> Any:
    return await c.sdk.threads.create(graph_id=ASSISTANT)


@call("threads.create(ttl=)")
async def _(c: Caller) -> Any:
    return await c.sdk.threads.create(ttl={"ttl": 60, "strategy": "delete"})


@call("threads.get")
async def _(c: Caller) -> Any:
    return await c.sdk.threads.get(await _turned(c))


@call("threads.get(include=[ttl])")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c, ttl=60)
    return await c.sdk.threads.get(thread_id, include=["ttl"])


@call("threads.get(unknown)")
async def _(c: Caller) -> Any:
    return await c.sdk.threads.get(str(uuid.uuid4()))


@call("threads.update(metadata=)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c, metadata={"a": 1})
    return await c.sdk.threads.update(thread_id, metadata={"b": 2})


@call("threads.update(ttl=)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    return await c.sdk.threads.update(thread_id, metadata={}, ttl=30)


@call("threads.update(return_minimal=True)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    return await c.sdk.threads.update(thread_id, metadata={"b": 2}, return_minimal=True)


@call("threads.delete")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    await c.sdk.threads.delete(thread_id)
    return await c.sdk.threads.search(ids=[thread_id])


@call("threads.search()")
async def _(c: Caller) -> Any:
    await _turned(c)
    return _own(c, await c.sdk.threads.search(limit=1000))


@call("threads.search(metadata=)")
async def _(c: Caller) -> Any:
    await _thread(c, metadata={"topic": "fuel"})
    await _thread(c, metadata={"topic": "food"})
    return await c.sdk.threads.search(metadata=_mine(c, topic="fuel"))


@call("threads.search(values=)")
async def _(c: Caller) -> Any:
    await _turned(c)
    await _thread(c)
    return await c.sdk.threads.search(values={"domain": "wins"}, metadata=_mine(c))


@call("threads.search(ids=)")
async def _(c: Caller) -> Any:
    first = await _thread(c)
    await _thread(c)
    return await c.sdk.threads.search(ids=[first])


@call("threads.search(status=idle)")
async def _(c: Caller) -> Any:
    await _turned(c)
    return await c.sdk.threads.search(status="idle", metadata=_mine(c))


@call("threads.search(status=interrupted)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    await c.sdk.runs.wait(
        thread_id, ASSISTANT, input=say(EXPENSE), interrupt_before=["wins"], context=c.context
    )
    return await c.sdk.threads.search(status="interrupted", metadata=_mine(c))


@call("threads.search(sort_by=, sort_order=)")
async def _(c: Caller) -> Any:
    await _thread(c, metadata={"n": 1})
    await _thread(c, metadata={"n": 2})
    found = await c.sdk.threads.search(sort_by="created_at", sort_order="asc", metadata=_mine(c))
    return [(t["metadata"] or {}).get("n") for t in found]


@call("threads.search(sort_by=updated_at)")
async def _(c: Caller) -> Any:
    await _thread(c, metadata={"n": 1})
    await _thread(c, metadata={"n": 2})
    found = await c.sdk.threads.search(sort_by="updated_at", sort_order="desc", metadata=_mine(c))
    return [(t["metadata"] or {}).get("n") for t in found]


@call("threads.search(sort_by=state_updated_at)")
async def _(c: Caller) -> Any:
    await _thread(c, metadata={"n": 1})
    return await c.sdk.threads.search(sort_by="state_updated_at", metadata=_mine(c))


@call("threads.search(select=)")
async def _(c: Caller) -> Any:
    await _turned(c)
    return await c.sdk.threads.search(select=["thread_id", "status", "metadata"], metadata=_mine(c))


@call("threads.search(extract=)")
async def _(c: Caller) -> Any:
    await _thread(c, metadata={"topic": "fuel"})
    return await c.sdk.threads.search(extract={"topic": "metadata.topic"}, metadata=_mine(c))


@call("threads.search(limit=, offset=)")
async def _(c: Caller) -> Any:
    for n in range(3):
        await _thread(c, metadata={"n": n})
    found = await c.sdk.threads.search(limit=1, offset=1, metadata=_mine(c))
    return [(t["metadata"] or {})["n"] for t in found]


@call("threads.count()")
async def _(c: Caller) -> Any:
    await _thread(c)
    return type(await c.sdk.threads.count()).__name__


@call("threads.count(metadata=, status=)")
async def _(c: Caller) -> Any:
    await _thread(c, metadata={"topic": "fuel"})
    return await c.sdk.threads.count(metadata=_mine(c, topic="fuel"), status="idle")


@call("threads.count(values=)")
async def _(c: Caller) -> Any:
    await _turned(c)
    return await c.sdk.threads.count(values={"domain": "wins"}, metadata=_mine(c))


@call("threads.copy")
async def _(c: Caller) -> Any:
    copy: Any = c.sdk.threads.copy  # typed as returning None; it answers the new thread
    copied = await copy(await _turned(c))
    state = await c.sdk.threads.get_state(copied["thread_id"])
    return {"thread": copied, "state": states(state)}


@call("threads.prune(delete)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    return await c.sdk.threads.prune([thread_id])


@call("threads.prune(keep_latest)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    pruned = await c.sdk.threads.prune([thread_id], strategy="keep_latest")
    history = await c.sdk.threads.get_history(thread_id, limit=100)
    return {"pruned": pruned, "history": len(history)}


@call("threads.get_state")
async def _(c: Caller) -> Any:
    return states(await c.sdk.threads.get_state(await _turned(c)))


@call("threads.get_state(checkpoint_id=)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    older = (await c.sdk.threads.get_history(thread_id, limit=3))[2]
    return states(
        await c.sdk.threads.get_state(thread_id, checkpoint_id=older["checkpoint"]["checkpoint_id"])
    )


@call("threads.get_state(checkpoint=)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    older = (await c.sdk.threads.get_history(thread_id, limit=3))[2]
    return states(await c.sdk.threads.get_state(thread_id, checkpoint=older["checkpoint"]))


@call("threads.get_state(subgraphs=True)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    await c.sdk.runs.wait(
        thread_id, ASSISTANT, input=say(EXPENSE), interrupt_after=["wins"], context=c.context
    )
    return states(await c.sdk.threads.get_state(thread_id, subgraphs=True))


@call("threads.get_state(select=)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    return states(await c.sdk.threads.get_state(thread_id, select=["values", "next", "metadata"]))


@call("threads.get_state(empty thread)")
async def _(c: Caller) -> Any:
    return await c.sdk.threads.get_state(await _thread(c))


@call("threads.update_state(values)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    updated = await c.sdk.threads.update_state(thread_id, {"messages": []})
    return {"updated": updated, "state": states(await c.sdk.threads.get_state(thread_id))}


@call("threads.update_state(as_node=)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    updated = await c.sdk.threads.update_state(
        thread_id, {"messages": [{"role": "ai", "content": "noted"}]}, as_node="finish"
    )
    return {"updated": updated, "state": states(await c.sdk.threads.get_state(thread_id))}


@call("threads.update_state(checkpoint_id=)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    older = (await c.sdk.threads.get_history(thread_id, limit=3))[2]
    return await c.sdk.threads.update_state(
        thread_id, {"messages": []}, checkpoint_id=older["checkpoint"]["checkpoint_id"]
    )


@call("threads.update_state(checkpoint=)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    older = (await c.sdk.threads.get_history(thread_id, limit=3))[2]
    return await c.sdk.threads.update_state(
        thread_id, {"messages": []}, checkpoint=older["checkpoint"]
    )


@call("threads.update_state(empty thread)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    return await c.sdk.threads.update_state(thread_id, say("hello"), as_node="__input__")


@call("threads.get_history")
async def _(c: Caller) -> Any:
    return states(await c.sdk.threads.get_history(await _turned(c)))


@call("threads.get_history(limit=, before=<id>)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    latest = (await c.sdk.threads.get_history(thread_id, limit=1))[0]
    before = latest["checkpoint"]["checkpoint_id"]
    return states(await c.sdk.threads.get_history(thread_id, limit=2, before=before))


@call("threads.get_history(before=<checkpoint>)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    latest = (await c.sdk.threads.get_history(thread_id, limit=1))[0]
    return states(await c.sdk.threads.get_history(thread_id, limit=2, before=latest["checkpoint"]))


@call("threads.get_history(metadata=)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    return states(await c.sdk.threads.get_history(thread_id, metadata={"source": "input"}))


@call("threads.get_history(checkpoint=)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    return states(await c.sdk.threads.get_history(thread_id, checkpoint=TOP, limit=2))


@call("threads.get_history(select=)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    return states(await c.sdk.threads.get_history(thread_id, select=["next", "metadata"], limit=2))


def _run_done(part: Any) -> bool:
    """The thread stream's end of a run: a metadata event with status run_done."""
    return bool(part.event == "metadata" and (part.data or {}).get("status") == "run_done")


@call("threads.join_stream (a run started after joining)")
async def _(c: Caller) -> Any:
    import asyncio

    thread_id = await _thread(c)

    async def later() -> None:
        await asyncio.sleep(0.5)
        await c.sdk.runs.create(thread_id, ASSISTANT, input=say("hello"), context=c.context)

    starter = asyncio.create_task(later())
    events = []
    async for part in await c.sdk.threads.join_stream(thread_id):
        events.append(part.event)
        if _run_done(part) or len(events) > 200:
            break
    await starter
    return sorted(set(events) - {"end"})


@call("threads.join_stream(stream_mode=lifecycle)")
async def _(c: Caller) -> Any:
    import asyncio

    thread_id = await _thread(c)

    async def later() -> None:
        await asyncio.sleep(0.5)
        await c.sdk.runs.create(thread_id, ASSISTANT, input=say("hello"), context=c.context)

    starter = asyncio.create_task(later())
    events = []
    async for part in await c.sdk.threads.join_stream(thread_id, stream_mode="lifecycle"):
        events.append(part.event)
        if _run_done(part) or len(events) > 200:
            break
    await starter
    return sorted(set(events) - {"end"})


@call("threads.join_stream(stream_mode=state_update)")
async def _(c: Caller) -> Any:
    import asyncio

    thread_id = await _turned(c)

    async def later() -> None:
        await asyncio.sleep(0.5)
        await c.sdk.threads.update_state(thread_id, say("hello"), as_node="__input__")

    starter = asyncio.create_task(later())
    events = []
    stream = await c.sdk.threads.join_stream(thread_id, stream_mode="state_update")
    try:
        async with asyncio.timeout(5):
            async for part in stream:
                events.append(part.event)
                if len(events) >= 2:
                    break
    except TimeoutError:
        events.append("timeout")
    await starter
    return sorted(set(events) - {"end"})


# ---------------------------------------------------------------- runs


@call("runs.create + join")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    run = await c.sdk.runs.create(thread_id, ASSISTANT, input=say(EXPENSE), context=c.context)
    joined = await c.sdk.runs.join(thread_id, run["run_id"])
    return {"run": run, "joined": joined}


@call("runs.create(metadata=, config=, stream_mode=)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    run = await c.sdk.runs.create(
        thread_id,
        ASSISTANT,
        input=say(EXPENSE),
        metadata={"from": "sweep"},
        config={"tags": ["sweep"]},
        stream_mode=["values", "updates"],
        context=c.context,
    )
    await c.sdk.runs.join(thread_id, run["run_id"])
    return await c.sdk.runs.get(thread_id, run["run_id"])


@call("runs.create(if_not_exists=create)")
async def _(c: Caller) -> Any:
    thread_id = str(uuid.uuid4())
    run = await c.sdk.runs.create(
        thread_id, ASSISTANT, input=say("hello"), if_not_exists="create", context=c.context
    )
    await c.sdk.runs.join(thread_id, run["run_id"])
    return {"run": run, "thread": await c.sdk.threads.get(thread_id)}


@call("runs.create(if_not_exists=reject) unknown thread")
async def _(c: Caller) -> Any:
    return await c.sdk.runs.create(
        str(uuid.uuid4()), ASSISTANT, input=say("hello"), if_not_exists="reject", context=c.context
    )


@call("runs.create(unknown thread)")
async def _(c: Caller) -> Any:
    return await c.sdk.runs.create(
        str(uuid.uuid4()), ASSISTANT, input=say("hello"), context=c.context
    )


@call("runs.create(after_seconds=)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    run = await c.sdk.runs.create(
        thread_id, ASSISTANT, input=say("hello"), after_seconds=1, context=c.context
    )
    pending = (await c.sdk.runs.get(thread_id, run["run_id"]))["status"]
    await c.sdk.runs.join(thread_id, run["run_id"])
    ended = (await c.sdk.runs.get(thread_id, run["run_id"]))["status"]
    return {"run": run, "pending": pending, "ended": ended}


@call("runs.create(multitask_strategy=reject) while busy")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    first = await _busy(c, thread_id)
    try:
        return await c.sdk.runs.create(
            thread_id,
            ASSISTANT,
            input=say("hello"),
            multitask_strategy="reject",
            context=c.context,
        )
    finally:  # not left holding a worker of the server
        await c.sdk.runs.cancel(thread_id, first["run_id"], wait=True)


@call("runs.create(multitask_strategy=enqueue) while busy")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    first = await c.sdk.runs.create(thread_id, ASSISTANT, input=say(EXPENSE), context=c.context)
    second = await c.sdk.runs.create(
        thread_id, ASSISTANT, input=say("hello"), multitask_strategy="enqueue", context=c.context
    )
    await c.sdk.runs.join(thread_id, second["run_id"])
    listed = await c.sdk.runs.list(thread_id)
    return {
        "second": second["status"],
        "statuses": {r["run_id"] == first["run_id"]: r["status"] for r in listed},
    }


@call("runs.create(multitask_strategy=interrupt) while busy")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    first = await _busy(c, thread_id)
    second = await c.sdk.runs.create(
        thread_id,
        ASSISTANT,
        input=say("hello"),
        multitask_strategy="interrupt",
        context=c.context,
    )
    await c.sdk.runs.join(thread_id, second["run_id"])
    return {
        "first": (await c.sdk.runs.get(thread_id, first["run_id"]))["status"],
        "second": (await c.sdk.runs.get(thread_id, second["run_id"]))["status"],
    }


@call("runs.create(multitask_strategy=rollback) while busy")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    first = await _busy(c, thread_id)
    second = await c.sdk.runs.create(
        thread_id,
        ASSISTANT,
        input=say("hello"),
        multitask_strategy="rollback",
        context=c.context,
    )
    await c.sdk.runs.join(thread_id, second["run_id"])
    listed = await c.sdk.runs.list(thread_id)
    return {"runs": [r["run_id"] == first["run_id"] for r in listed]}


@call("runs.create(stream_resumable=True) + join_stream")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    run = await c.sdk.runs.create(
        thread_id, ASSISTANT, input=say(EXPENSE), stream_resumable=True, context=c.context
    )
    return sorted({e for e, _ in await _parts(c.sdk.runs.join_stream(thread_id, run["run_id"]))})


@call("runs.create(durability=exit)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    run = await c.sdk.runs.create(
        thread_id, ASSISTANT, input=say(EXPENSE), durability="exit", context=c.context
    )
    await c.sdk.runs.join(thread_id, run["run_id"])
    return len(await c.sdk.threads.get_history(thread_id, limit=100))


@call("runs.create(durability=async)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    run = await c.sdk.runs.create(
        thread_id, ASSISTANT, input=say(EXPENSE), durability="async", context=c.context
    )
    await c.sdk.runs.join(thread_id, run["run_id"])
    return len(await c.sdk.threads.get_history(thread_id, limit=100))


@call("runs.create(checkpoint_during=False)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    run = await c.sdk.runs.create(
        thread_id, ASSISTANT, input=say(EXPENSE), checkpoint_during=False, context=c.context
    )
    await c.sdk.runs.join(thread_id, run["run_id"])
    return (await c.sdk.runs.get(thread_id, run["run_id"]))["status"]


@call("runs.create(checkpoint_id=) fork")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    older = (await c.sdk.threads.get_history(thread_id, limit=100))[-1]
    run = await c.sdk.runs.create(
        thread_id,
        ASSISTANT,
        input=say("hello"),
        checkpoint_id=older["checkpoint"]["checkpoint_id"],
        context=c.context,
    )
    await c.sdk.runs.join(thread_id, run["run_id"])
    return states(await c.sdk.threads.get_state(thread_id))


@call("runs.create(checkpoint=) fork")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    older = (await c.sdk.threads.get_history(thread_id, limit=100))[-1]
    run = await c.sdk.runs.create(
        thread_id, ASSISTANT, input=say("hello"), checkpoint=older["checkpoint"], context=c.context
    )
    await c.sdk.runs.join(thread_id, run["run_id"])
    return states(await c.sdk.threads.get_state(thread_id))


@call("runs.create(webhook=)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    run = await c.sdk.runs.create(
        thread_id,
        ASSISTANT,
        input=say("hello"),
        webhook="http://127.0.0.1:9/hook",
        context=c.context,
    )
    await c.sdk.runs.join(thread_id, run["run_id"])
    return (await c.sdk.runs.get(thread_id, run["run_id"]))["status"]


@call("runs.create(webhook=<public url>)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    return await c.sdk.runs.create(
        thread_id,
        ASSISTANT,
        input=say("hello"),
        webhook="https://hooks.example.com/run-done",
        context=c.context,
    )


@call("runs.create(stateless, on_completion=keep)")
async def _(c: Caller) -> Any:
    run = await c.sdk.runs.create(
        None, ASSISTANT, input=say("hello"), on_completion="keep", context=c.context
    )
    await c.sdk.runs.join(run["thread_id"], run["run_id"])
    return {"run": run, "thread": await c.sdk.threads.get(run["thread_id"])}


@call("runs.create(stateless, on_completion=delete)")
async def _(c: Caller) -> Any:
    run = await c.sdk.runs.create(None, ASSISTANT, input=say("hello"), context=c.context)
    return run


@call("runs.create(stateless, after_seconds=)")
async def _(c: Caller) -> Any:
    return await c.sdk.runs.create(
        None, ASSISTANT, input=say("hello"), after_seconds=1, context=c.context
    )


@call("runs.create(command=resume)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    await c.sdk.runs.wait(thread_id, ASSISTANT, input=say("delete that expense"), context=c.context)
    run = await c.sdk.runs.create(
        thread_id,
        ASSISTANT,
        command={"resume": {"decisions": [{"type": "approve"}]}},
        context=c.context,
    )
    return await c.sdk.runs.join(thread_id, run["run_id"])


@call("runs.create(command=goto)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    run = await c.sdk.runs.create(
        thread_id, ASSISTANT, command={"goto": "finish"}, context=c.context
    )
    await c.sdk.runs.join(thread_id, run["run_id"])
    return (await c.sdk.runs.get(thread_id, run["run_id"]))["status"]


@call("runs.create(command=update)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    run = await c.sdk.runs.create(
        thread_id, ASSISTANT, command={"update": {"messages": []}}, context=c.context
    )
    await c.sdk.runs.join(thread_id, run["run_id"])
    return (await c.sdk.runs.get(thread_id, run["run_id"]))["status"]


@call("runs.stream(stream_mode=custom)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    return await _parts(
        c.sdk.runs.stream(
            thread_id, ASSISTANT, input=say(EXPENSE), stream_mode="custom", context=c.context
        )
    )


@call("runs.stream(stream_mode=messages)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    parts = await _parts(
        c.sdk.runs.stream(
            thread_id, ASSISTANT, input=say(EXPENSE), stream_mode="messages", context=c.context
        )
    )
    return sorted({e for e, _ in parts})


@call("runs.stream(stream_mode=tasks)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    parts = await _parts(
        c.sdk.runs.stream(
            thread_id, ASSISTANT, input=say(EXPENSE), stream_mode="tasks", context=c.context
        )
    )
    return sorted({e for e, _ in parts})


@call("runs.stream(stream_mode=tools)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    parts = await _parts(
        c.sdk.runs.stream(
            thread_id, ASSISTANT, input=say(EXPENSE), stream_mode="tools", context=c.context
        )
    )
    return sorted({e for e, _ in parts})


@call("runs.stream(stream_mode=lifecycle)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    parts = await _parts(
        c.sdk.runs.stream(
            thread_id, ASSISTANT, input=say(EXPENSE), stream_mode="lifecycle", context=c.context
        )
    )
    return sorted({e for e, _ in parts})


@call("runs.stream(stateless)")
async def _(c: Caller) -> Any:
    parts = await _parts(c.sdk.runs.stream(None, ASSISTANT, input=say(EXPENSE), context=c.context))
    return [e for e, _ in parts]


@call("runs.stream(if_not_exists=create)")
async def _(c: Caller) -> Any:
    parts = await _parts(
        c.sdk.runs.stream(
            str(uuid.uuid4()),
            ASSISTANT,
            input=say("hello"),
            if_not_exists="create",
            context=c.context,
        )
    )
    return [e for e, _ in parts]


@call("runs.stream(on_disconnect=cancel)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    parts = await _parts(
        c.sdk.runs.stream(
            thread_id, ASSISTANT, input=say("hello"), on_disconnect="cancel", context=c.context
        )
    )
    return [e for e, _ in parts]


@call("runs.stream(feedback_keys=)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    parts = await _parts(
        c.sdk.runs.stream(
            thread_id, ASSISTANT, input=say("hello"), feedback_keys=["thumbs"], context=c.context
        )
    )
    return [e for e, _ in parts]


@call("runs.stream(stream_resumable=True, durability=sync)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    parts = await _parts(
        c.sdk.runs.stream(
            thread_id,
            ASSISTANT,
            input=say("hello"),
            stream_resumable=True,
            durability="sync",
            context=c.context,
        )
    )
    return [e for e, _ in parts]


@call("runs.stream(version=v2)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    parts = c.sdk.runs.stream(
        thread_id, ASSISTANT, input=say("hello"), context=c.context, version="v2"
    )
    return sorted({p["type"] async for p in parts})


@call("runs.stream(checkpoint_id=)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    older = (await c.sdk.threads.get_history(thread_id, limit=100))[-1]
    parts = await _parts(
        c.sdk.runs.stream(
            thread_id,
            ASSISTANT,
            input=say("hello"),
            checkpoint_id=older["checkpoint"]["checkpoint_id"],
            context=c.context,
        )
    )
    return [e for e, _ in parts]


@call("runs.wait")
async def _(c: Caller) -> Any:
    return await c.sdk.runs.wait(await _thread(c), ASSISTANT, input=say(EXPENSE), context=c.context)


@call("runs.wait(stateless)")
async def _(c: Caller) -> Any:
    return await c.sdk.runs.wait(None, ASSISTANT, input=say(EXPENSE), context=c.context)


@call("runs.wait(if_not_exists=create, multitask_strategy=)")
async def _(c: Caller) -> Any:
    return await c.sdk.runs.wait(
        str(uuid.uuid4()),
        ASSISTANT,
        input=say("hello"),
        if_not_exists="create",
        multitask_strategy="enqueue",
        context=c.context,
    )


@call("runs.wait(raise_error=False) failing run")
async def _(c: Caller) -> Any:
    return await c.sdk.runs.wait(
        await _thread(c),
        ASSISTANT,
        input=say(EXPENSE),
        config={"recursion_limit": 2},
        raise_error=False,
        context=c.context,
    )


@call("runs.wait(failing run)")
async def _(c: Caller) -> Any:
    return await c.sdk.runs.wait(
        await _thread(c),
        ASSISTANT,
        input=say(EXPENSE),
        config={"recursion_limit": 2},
        context=c.context,
    )


@call("runs.create_batch")
async def _(c: Caller) -> Any:
    payloads: list[Any] = [
        {"assistant_id": ASSISTANT, "input": say("hello"), "context": c.context},
        {"assistant_id": ASSISTANT, "input": say(EXPENSE), "context": c.context},
    ]
    return await c.sdk.runs.create_batch(payloads)


@call("runs.list")
async def _(c: Caller) -> Any:
    return await c.sdk.runs.list(await _turned(c))


@call("runs.list(limit=, offset=, status=, select=)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    await c.sdk.runs.wait(thread_id, ASSISTANT, input=say("hello"), context=c.context)
    return await c.sdk.runs.list(
        thread_id, limit=1, offset=1, status="success", select=["run_id", "status"]
    )


@call("runs.get")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    run = (await c.sdk.runs.list(thread_id))[0]
    return await c.sdk.runs.get(thread_id, run["run_id"])


@call("runs.get(unknown)")
async def _(c: Caller) -> Any:
    return await c.sdk.runs.get(await _thread(c), str(uuid.uuid4()))


@call("runs.cancel(wait=True)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    run = await _busy(c, thread_id)
    await c.sdk.runs.cancel(thread_id, run["run_id"], wait=True)
    return (await c.sdk.runs.get(thread_id, run["run_id"]))["status"]


@call("runs.cancel(action=rollback)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    run = await _running(c, thread_id)
    await c.sdk.runs.cancel(thread_id, run["run_id"], wait=True, action="rollback")
    return await c.sdk.runs.list(thread_id)


@call("runs.cancel(ended run)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    run = (await c.sdk.runs.list(thread_id))[0]
    return await c.sdk.runs.cancel(thread_id, run["run_id"])


@call("runs.cancel_many(thread_id=, run_ids=)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    run = await _busy(c, thread_id)
    await c.sdk.runs.cancel_many(thread_id=thread_id, run_ids=[run["run_id"]])
    await c.sdk.runs.join(thread_id, run["run_id"])
    return (await c.sdk.runs.get(thread_id, run["run_id"]))["status"]


@call("runs.cancel_many(status=all)")
async def _(c: Caller) -> Any:
    return await c.sdk.runs.cancel_many(status="all")


@call("runs.join_stream")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    run = await c.sdk.runs.create(thread_id, ASSISTANT, input=say(EXPENSE), context=c.context)
    return sorted({e for e, _ in await _parts(c.sdk.runs.join_stream(thread_id, run["run_id"]))})


@call("runs.join_stream(stream_mode=, last_event_id=)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    run = await c.sdk.runs.create(
        thread_id,
        ASSISTANT,
        input=say(EXPENSE),
        stream_resumable=True,
        stream_mode=["values", "updates"],
        context=c.context,
    )
    await c.sdk.runs.join(thread_id, run["run_id"])
    parts = c.sdk.runs.join_stream(
        thread_id, run["run_id"], stream_mode="updates", last_event_id="-1"
    )
    return sorted({e for e, _ in await _parts(parts)})


@call("runs.join_stream(cancel_on_disconnect=True)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    run = await c.sdk.runs.create(thread_id, ASSISTANT, input=say("hello"), context=c.context)
    parts = c.sdk.runs.join_stream(thread_id, run["run_id"], cancel_on_disconnect=True)
    return sorted({e for e, _ in await _parts(parts)})


@call("runs.join(ended run)")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    run = (await c.sdk.runs.list(thread_id))[0]
    return await c.sdk.runs.join(thread_id, run["run_id"])


@call("runs.delete")
async def _(c: Caller) -> Any:
    thread_id = await _turned(c)
    run = (await c.sdk.runs.list(thread_id))[0]
    await c.sdk.runs.delete(thread_id, run["run_id"])
    return await c.sdk.runs.list(thread_id)


# ---------------------------------------------------------------- crons


@call("crons.create")
async def _(c: Caller) -> Any:
    return await c.sdk.crons.create(
        ASSISTANT, schedule="0 9 * * *", input=say("hello"), context=c.context
    )


@call("crons.create(timezone=, end_time=, enabled=, metadata=, on_run_completed=)")
async def _(c: Caller) -> Any:
    return await c.sdk.crons.create(
        ASSISTANT,
        schedule="0 9 * * *",
        input=say("hello"),
        timezone="Australia/Perth",
        end_time=datetime(2030, 1, 1, tzinfo=UTC),
        enabled=True,
        metadata={"from": "sweep"},
        on_run_completed="keep",
        context=c.context,
    )


@call("crons.create(stream_mode=, durability=, multitask_strategy=, config=)")
async def _(c: Caller) -> Any:
    return await c.sdk.crons.create(
        ASSISTANT,
        schedule="*/5 * * * *",
        input=say("hello"),
        stream_mode=["values"],
        durability="async",
        multitask_strategy="enqueue",
        config={"tags": ["sweep"]},
        interrupt_before=["wins"],
        context=c.context,
    )


@call("crons.create(bad schedule)")
async def _(c: Caller) -> Any:
    return await c.sdk.crons.create(ASSISTANT, schedule="not a schedule", input=say("hello"))


@call("crons.create_for_thread")
async def _(c: Caller) -> Any:
    return await c.sdk.crons.create_for_thread(
        await _thread(c), ASSISTANT, schedule="0 9 * * *", input=say("hello"), context=c.context
    )


@call("crons.create_for_thread(enabled=False, timezone=)")
async def _(c: Caller) -> Any:
    return await c.sdk.crons.create_for_thread(
        await _thread(c),
        ASSISTANT,
        schedule="0 9 * * *",
        input=say("hello"),
        enabled=False,
        timezone="Australia/Perth",
        context=c.context,
    )


@call("crons.update")
async def _(c: Caller) -> Any:
    made = await c.sdk.crons.create(
        ASSISTANT, schedule="0 9 * * *", input=say("hello"), context=c.context
    )
    return await c.sdk.crons.update(
        made["cron_id"],  # type: ignore[typeddict-item]
        schedule="0 10 * * *",
        enabled=False,
        metadata={"b": 2},
    )


@call("crons.search()")
async def _(c: Caller) -> Any:
    await c.sdk.crons.create_for_thread(
        await _thread(c),
        ASSISTANT,
        schedule="0 9 * * *",
        input=say("hello"),
        metadata=_mine(c),
        context=c.context,
    )
    return _own(c, await c.sdk.crons.search(limit=1000))


@call("crons.search(thread_id=, assistant_id=, enabled=)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    await c.sdk.crons.create_for_thread(
        thread_id, ASSISTANT, schedule="0 9 * * *", input=say("hello"), context=c.context
    )
    return await c.sdk.crons.search(thread_id=thread_id, assistant_id=DEFAULT, enabled=True)


@call("crons.search(metadata=, limit=, offset=, sort_by=, sort_order=, select=)")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    for hour in (8, 9):
        await c.sdk.crons.create_for_thread(
            thread_id,
            ASSISTANT,
            schedule=f"0 {hour} * * *",
            input=say("hello"),
            metadata=_mine(c),
            context=c.context,
        )
    return await c.sdk.crons.search(
        metadata=_mine(c),
        limit=1,
        offset=0,
        sort_by="created_at",
        sort_order="asc",
        select=["cron_id", "schedule"],
    )


@call("crons.count")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    await c.sdk.crons.create_for_thread(
        thread_id, ASSISTANT, schedule="0 9 * * *", input=say("hello"), context=c.context
    )
    return await c.sdk.crons.count(thread_id=thread_id, assistant_id=DEFAULT)


@call("crons.delete")
async def _(c: Caller) -> Any:
    thread_id = await _thread(c)
    made = await c.sdk.crons.create_for_thread(
        thread_id, ASSISTANT, schedule="0 9 * * *", input=say("hello"), context=c.context
    )
    await c.sdk.crons.delete(
        made["cron_id"]  # type: ignore[typeddict-item]
    )
    return await c.sdk.crons.search(thread_id=thread_id)


# ---------------------------------------------------------------- store


def _ns(c: Caller) -> list[str]:
    """A namespace of this call's own: `langgraph dev` has one store for every caller."""
    return ["sweep", c.user[-10:], "notes"]


@call("store.put_item + get_item")
async def _(c: Caller) -> Any:
    await c.sdk.store.put_item(_ns(c), "van", {"make": "Hiace"})
    return await c.sdk.store.get_item(_ns(c), "van")


@call("store.put_item(ttl=, index=False) + get_item(refresh_ttl=)")
async def _(c: Caller) -> Any:
    await c.sdk.store.put_item(_ns(c), "van", {"make": "Hiace"}, index=False, ttl=10)
    return await c.sdk.store.get_item(_ns(c), "van", refresh_ttl=True)


@call("store.get_item(missing)")
async def _(c: Caller) -> Any:
    return await c.sdk.store.get_item(_ns(c), "nothing-here")


@call("store.delete_item")
async def _(c: Caller) -> Any:
    await c.sdk.store.put_item(_ns(c), "van", {"make": "Hiace"})
    await c.sdk.store.delete_item(_ns(c), "van")
    return await c.sdk.store.search_items(_ns(c))


async def _notes(c: Caller) -> list[str]:
    namespace = _ns(c)
    await c.sdk.store.put_item(namespace, "a", {"kind": "fuel", "litres": 40})
    await c.sdk.store.put_item(namespace, "b", {"kind": "food", "litres": 0})
    return namespace


@call("store.search_items(prefix)")
async def _(c: Caller) -> Any:
    namespace = await _notes(c)
    return await c.sdk.store.search_items(namespace[:2])


@call("store.search_items(filter=, limit=, offset=)")
async def _(c: Caller) -> Any:
    namespace = await _notes(c)
    return await c.sdk.store.search_items(namespace, filter={"kind": "fuel"}, limit=5, offset=0)


@call("store.search_items(filter={$gt})")
async def _(c: Caller) -> Any:
    namespace = await _notes(c)
    return await c.sdk.store.search_items(namespace, filter={"litres": {"$gt": 10}})


@call("store.search_items(query=, refresh_ttl=)")
async def _(c: Caller) -> Any:
    namespace = await _notes(c)
    found = await c.sdk.store.search_items(namespace, query="fuel", refresh_ttl=True)
    return sorted(i["key"] for i in found["items"])


@call("store.list_namespaces()")
async def _(c: Caller) -> Any:
    await _notes(c)
    return type((await c.sdk.store.list_namespaces())["namespaces"]).__name__


@call("store.list_namespaces(prefix=, suffix=, max_depth=, limit=, offset=)")
async def _(c: Caller) -> Any:
    namespace = await _notes(c)
    return await c.sdk.store.list_namespaces(
        prefix=namespace[:2], suffix=_ns(c), max_depth=3, limit=5, offset=0
    )


# Calls that reach every caller's rows on `langgraph dev` (no users there): run alone,
# after the others, so they cannot touch another call's runs.
SOLO = frozenset({"runs.cancel_many(status=all)"})

# PAM's deliberate differences: the call's name, then the reason (docs/agent-protocol.md).
# `langgraph dev` (langgraph-api 0.16.7) reads a thread stream's mode from `stream_modes`;
# the Python SDK's threads.join_stream sends `stream_mode`, which it ignores (run_modes).
IGNORED_THREAD_MODE = (
    "langgraph dev reads the thread stream's mode from `stream_modes` and ignores the "
    "`stream_mode` the SDK sends, so there every mode streams as run_modes; PAM takes both "
    "names and streams the mode asked for"
)
DELIBERATE: dict[str, str] = {
    "threads.get_state(checkpoint_id=)": (
        "langgraph dev asks its in-memory saver without a checkpoint_ns and that saver "
        "echoes the request's config, so this one state's `checkpoint` lacks the key; "
        "PAM's Postgres saver always names it (\"\" for the root graph), as the SDK's "
        "Checkpoint type has it"
    ),
    "threads.join_stream(stream_mode=lifecycle)": (
        IGNORED_THREAD_MODE + " (lifecycle: each run's start and run_done only)"
    ),
    "threads.join_stream(stream_mode=state_update)": (
        IGNORED_THREAD_MODE + " (state_update: an event per update_state, which run_modes "
        "never sends)"
    ),
    "assistants.update(default)": (
        "the graph's default assistant is code every user reads; one user changing it "
        "would change it for all, so update/delete/set_latest on it are 403 with a message"
    ),
    "runs.create(webhook=<public url>)": (
        "PAM makes no requests to addresses a client names (a webhook is the server "
        "calling any URL it is given): 422 'Webhooks are not supported by this server.'"
    ),
    "assistants.delete(delete_threads=True)": (
        "threads are not tied to one assistant here (a run names any assistant the caller "
        "can read), so 'its threads' would be a guess: 422 naming delete_threads"
    ),
}

# Differences found and not yet fixed, each with why (test_sweep.py: strict xfails).
LEFT: dict[str, str] = {}
