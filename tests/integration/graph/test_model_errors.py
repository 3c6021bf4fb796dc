"""When the model errs: one retry layer, a turn deadline, the apology, a usable thread.

Errors are the real ones langchain-openai raises (openai's exception types); the
model's timing is real (asyncio sleeps), against the turn's real deadline."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx2 as httpx  # the HTTP client openai is built on
import openai
from langchain_core.messages import AIMessage, BaseMessage, SystemMessage
from langchain_core.outputs import ChatResult
from prometheus_client import REGISTRY

from agent.context import Context
from agent.model import APOLOGY
from agent.model_calls import error_kind
from server.metrics_callbacks import MetricsCallback
from tests.fakes import ScriptedChatModel, call, route
from tests.integration.graph.conftest import thread

URL = "http://model.test/v1/chat/completions"


def status_error(status: int) -> openai.APIStatusError:
    response = httpx.Response(status, request=httpx.Request("POST", URL))
    kinds: dict[int, type[openai.APIStatusError]] = {
        400: openai.BadRequestError,
        429: openai.RateLimitError,
        500: openai.InternalServerError,
    }
    return kinds[status](f"HTTP {status}", response=response, body=None)


class SlowModel(ScriptedChatModel):
    """Answers after `delay_s` of (cancellable) waiting, every call."""

    delay_s: float = 0.0

    async def _agenerate(self, messages: list[BaseMessage], *a: Any, **k: Any) -> ChatResult:
        await asyncio.sleep(self.delay_s)
        return self._next(messages)


def user(text: str) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": text}]}


def errors(kind: str) -> float:
    return REGISTRY.get_sample_value("pam_model_errors_total", {"kind": kind}) or 0.0


def test_errors_are_told_apart() -> None:
    assert error_kind(status_error(400)) == "bad_request"
    assert error_kind(status_error(429)) == "rate_limit"
    assert error_kind(status_error(500)) == "server_error"
    timeout = openai.APITimeoutError(request=httpx.Request("POST", URL))
    assert error_kind(timeout) == "timeout"
    assert error_kind(TimeoutError()) == "timeout"
    assert error_kind(ValueError("odd")) == "other"


async def test_a_400_is_not_retried_and_ends_in_the_apology(
    make_graph: Any, context: Context
) -> None:
    model = ScriptedChatModel(script=[route("wins"), status_error(400)])
    graph, config = make_graph(model), thread()
    before = errors("bad_request")
    out = await graph.ainvoke(
        user("spent 20 on lunch"), {**config, "callbacks": [MetricsCallback()]}, context=context
    )
    assert out["reply"] == APOLOGY
    assert len(model.seen) == 2  # the router, then one domain call: never retried
    assert errors("bad_request") == before + 1
    # The thread is usable: the next message is answered.
    model.script[:] = [route("general"), AIMessage("Here now.")]
    again = await graph.ainvoke(user("hello?"), config, context=context)
    assert again["reply"] == "Here now."


async def test_a_500_is_retried_and_the_turn_goes_on(make_graph: Any, context: Context) -> None:
    model = ScriptedChatModel(
        script=[route("wins"), status_error(500), call("add_expense", amount=20, category="food")]
    )
    out = await make_graph(model).ainvoke(user("spent 20 on food"), thread(), context=context)
    assert out["reply"].startswith("Logged $20.00 for food")
    assert len(model.seen) == 3


async def test_a_router_that_cannot_answer_apologises_at_once(
    make_graph: Any, context: Context
) -> None:
    model = ScriptedChatModel(script=[status_error(500)] * 3)
    out = await make_graph(model).ainvoke(user("hi"), thread(), context=context)
    assert out["reply"] == APOLOGY and out["route"] == ["general"]
    assert len(model.seen) == 3  # three tries of the router, no general call after them


async def test_a_model_that_never_answers_meets_the_deadline(
    make_graph: Any, context: Context
) -> None:
    model = SlowModel(script=[route("wins"), AIMessage("too late")], delay_s=5)
    ctx = Context(user_id=context.user_id, now=context.now, pool=context.pool, turn_budget_s=1)
    started = time.monotonic()
    out = await make_graph(model).ainvoke(user("hi"), thread(), context=ctx.starting_turn())
    took = time.monotonic() - started
    assert out["reply"] == APOLOGY
    assert took < 2.0, took  # the budget (1 s), not the model's 5 s, nor a retry's


async def test_a_slow_router_leaves_the_domain_only_the_rest_of_the_budget(
    make_graph: Any, context: Context
) -> None:
    model = SlowModel(script=[route("wins"), AIMessage("late")], delay_s=0.7)
    ctx = Context(user_id=context.user_id, now=context.now, pool=context.pool, turn_budget_s=1)
    started = time.monotonic()
    out = await make_graph(model).ainvoke(user("hi"), thread(), context=ctx.starting_turn())
    assert out["reply"] == APOLOGY
    assert time.monotonic() - started < 1.8


async def test_cut_off_tool_arguments_are_asked_for_again(
    make_graph: Any, context: Context
) -> None:
    broken = AIMessage(
        "",
        invalid_tool_calls=[
            {"name": "add_expense", "args": '{"amount": 20, "categ', "id": "b1", "error": None}
        ],
    )
    fixed = call("add_expense", "c1", amount=20, category="food")
    model = ScriptedChatModel(script=[route("wins"), broken, fixed])
    out = await make_graph(model).ainvoke(user("spent 20 on food"), thread(), context=context)
    assert out["reply"].startswith("Logged $20.00 for food")
    note = model.seen[2][-1]
    assert isinstance(note, SystemMessage) and "not valid JSON" in note.text


async def test_a_failure_after_a_write_says_what_was_done(
    make_graph: Any, context: Context
) -> None:
    """Two calls in one step, one refused: the model must answer, and cannot."""
    both = AIMessage(
        "",
        tool_calls=[
            {"name": "add_expense", "args": {"amount": 12, "category": "food"}, "id": "c1"},
            {"name": "add_expense", "args": {"amount": -3, "category": "food"}, "id": "c2"},
        ],
    )
    model = ScriptedChatModel(script=[route("wins"), both, *[status_error(500)] * 3])
    out = await make_graph(model).ainvoke(user("12 and -3 food"), thread(), context=context)
    assert out["reply"].startswith("Sorry — my language model stopped answering partway.")
    assert "Logged $12.00 for food" in out["reply"]
