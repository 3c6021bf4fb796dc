"""Redteam 11 (left open by redteam 10): the offline brain's reading is linear in a
message's length, and a 4,000-character message of one repeated unit ("$1$1...") kept its
patterns busy for ~70 times an ordinary message's CPU. A last message over READ_CHARS is
now answered with TOO_LONG, unread and with nothing done, for about an ordinary message's
CPU (measured side by side here); one at the limit is read as before."""

from __future__ import annotations

import time

from langchain_core.messages import AIMessage, HumanMessage

from agent.brain.model import READ_CHARS, TOO_LONG
from tests.unit.brain.support import route, step

ORDINARY = "I spent $40 on fuel"
ADVERSARIAL = "$1" * 2000  # 4,000 characters: the costliest unit redteam 10 timed


def turn_cpu(text: str) -> float:
    """CPU of the brain's calls in a turn: the router, then each routed domain's agent."""
    started = time.process_time()
    for domain in route(text):
        step(domain, text)
    return time.process_time() - started


def test_a_message_past_the_limit_costs_about_what_an_ordinary_one_does() -> None:
    turn_cpu(ORDINARY)  # one-off costs (patterns, schemas) paid before timing
    ordinary = min(turn_cpu(ORDINARY) for _ in range(5))
    adversarial = min(turn_cpu(ADVERSARIAL) for _ in range(3))
    assert adversarial < 3 * ordinary, f"{adversarial * 1000:.1f} ms vs {ordinary * 1000:.1f} ms"


def test_a_message_past_the_limit_is_answered_unread_and_one_at_it_is_read() -> None:
    assert route(ADVERSARIAL) == ["general"]
    refused = step("wins", "spent $40 on fuel " + "x" * READ_CHARS)
    assert refused.tool_calls == [] and refused.text == TOO_LONG.format(n=READ_CHARS)
    at_limit = step("wins", ORDINARY.ljust(READ_CHARS))
    assert [c["name"] for c in at_limit.tool_calls] == ["add_expense"]


def test_an_earlier_message_past_the_limit_does_not_stop_the_next_turn() -> None:
    earlier = [HumanMessage("1 " * 3000), AIMessage(TOO_LONG.format(n=READ_CHARS))]
    answer = step("wins", *earlier, ORDINARY)
    assert [c["name"] for c in answer.tool_calls] == ["add_expense"]
