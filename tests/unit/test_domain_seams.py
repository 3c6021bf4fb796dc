"""One `Domain` literal (tools/types.py): every table keyed by domain names each domain
once, and the offline brain routes each tool to the domain its registered action has."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from agent.brain.slots import DOMAIN, EXTRACT
from agent.flags import DOMAIN_LABELS
from agent.nodes import DOMAIN_NODES
from agent.prompts import DOMAIN_PROMPTS
from evals.replay.sloppy import NEIGHBOUR
from evals.report import DOMAINS as REPORTED_ROUTES
from server.chat_cli.render import DOMAINS as CLI_LABELS
from server.doors.a2a import SKILLS
from tools.registry import ACTIONS_BY_NAME
from tools.types import Domain

EVERY_DOMAIN = set(get_args(Domain))


@pytest.mark.parametrize(
    "keys",
    [DOMAIN_LABELS, CLI_LABELS, NEIGHBOUR, [skill[0] for skill in SKILLS]],
    ids=["flag labels", "terminal labels", "sloppy neighbours", "a2a skills"],
)
def test_each_domain_table_names_every_domain_once(keys: Any) -> None:
    names = list(keys)
    assert sorted(names) == sorted(EVERY_DOMAIN)


def test_prompts_and_the_eval_report_cover_every_route() -> None:
    assert set(DOMAIN_PROMPTS) == set(DOMAIN_NODES) == {*EVERY_DOMAIN, "general"}
    assert tuple(REPORTED_ROUTES) == DOMAIN_NODES


def test_the_brain_routes_each_tool_to_its_registered_domain() -> None:
    assert set(DOMAIN) == set(EXTRACT)
    assert {tool: ACTIONS_BY_NAME[tool].domain for tool in EXTRACT} == DOMAIN
