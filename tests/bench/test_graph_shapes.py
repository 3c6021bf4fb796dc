"""bench.graph_shapes times the shapes PAM's graph could take: each must run a turn to
its end (router, the domain's answer, finish), or its figure means nothing."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from bench.graph_shapes import SHAPES, shape

# The domain's steps in each shape, each adding one answer.
STEPS = {"pam": 5, "subgraph_3_steps": 3, "router_runs_domain": 5, "flat": 5, "outer_only": 1}


def test_every_shape_is_counted() -> None:
    assert set(STEPS) == set(SHAPES)


@pytest.mark.parametrize("name", SHAPES)
async def test_every_shape_runs_a_turn_to_finish(name: str) -> None:
    out = await shape(name).ainvoke({"messages": [HumanMessage("hi")]})
    assert out["reply"] == "done"
    answers = [m for m in out["messages"] if isinstance(m, AIMessage)]
    assert len(answers) == STEPS[name]
    assert all(m.name == "wins" for m in answers)
