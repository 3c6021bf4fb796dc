"""The turn-cost breakdown: CPU samples that add up to the whole, each charged to one part
of the graph by its node and its stack."""

from __future__ import annotations

import time

import pytest

from bench.cpu_sampler import CpuSampler, node_path
from bench.procs import REPO
from bench.turn_parts import PARTS, breakdown, owner_of, part_of

VENV = "/venv/lib/python3.11/site-packages/"


def _burn(seconds: float) -> int:
    end, n = time.process_time() + seconds, 0
    while time.process_time() < end:
        n += sum(range(200))
    return n


def test_the_samples_add_up_to_the_cpu_used() -> None:
    sampler = CpuSampler()
    started = time.process_time()
    with sampler.sampling():
        _burn(0.3)
    used = time.process_time() - started
    assert sampler.total_s == pytest.approx(used, rel=0.02)
    burning = sum(s for (node, frames), s in sampler.samples.items() if "_burn" in str(frames))
    assert burning > 0.8 * used  # charged to the code that ran, not to the handler
    assert {node for node, _ in sampler.samples} == {""}  # outside any graph node


def test_a_node_path_drops_the_task_ids() -> None:
    assert node_path({"configurable": {"checkpoint_ns": "wins:1f0a|tools:9c2b"}}) == "wins|tools"
    assert node_path({"configurable": {}}) == ""
    assert node_path(None) == ""


def _frames(*names: str) -> tuple[tuple[str, str], ...]:
    return tuple((name, "f") for name in names)


PREGEL = VENV + "langgraph/pregel/main.py"
TOOL_CALL = (
    VENV + "langgraph/prebuilt/tool_node.py",
    VENV + "langchain_core/tools/structured.py",
    f"{REPO}/agent/tools.py",
)
PSYCOPG = VENV + "psycopg/cursor_async.py"


@pytest.mark.parametrize(
    ("node", "frames", "part"),
    [
        ("wins|tools", _frames(*TOOL_CALL, f"{REPO}/tools/db/scope.py", PSYCOPG), PARTS[11]),
        (
            "wins|tools",
            _frames(
                *TOOL_CALL, f"{REPO}/tools/wins/expenses.py", f"{REPO}/tools/profile.py", PSYCOPG
            ),
            PARTS[12],
        ),
        ("wins|tools", _frames(*TOOL_CALL, f"{REPO}/tools/wins/expenses.py", PSYCOPG), PARTS[13]),
        (
            "wins|tools",
            _frames(*TOOL_CALL, f"{REPO}/tools/run.py", VENV + "pydantic/main.py"),
            PARTS[14],
        ),
        ("wins|tools", _frames(*TOOL_CALL[:2], VENV + "typing_extensions.py"), PARTS[17]),
        (
            "wins|model",
            _frames(
                f"{REPO}/agent/domains.py",
                VENV + "langchain_core/language_models/chat_models.py",
                f"{REPO}/agent/brain/model.py",
            ),
            PARTS[7],
        ),
        (
            "wins|model",
            _frames(
                f"{REPO}/agent/domains.py", VENV + "langchain_core/language_models/chat_models.py"
            ),
            PARTS[8],
        ),
        (
            "wins|model",
            _frames(VENV + "langchain/agents/factory.py", f"{REPO}/agent/domains.py"),
            PARTS[9],
        ),
        ("wins", _frames(PREGEL, VENV + "langgraph/pregel/_loop.py"), PARTS[5]),
        ("router", _frames(f"{REPO}/agent/router.py", f"{REPO}/agent/brain/router.py"), PARTS[0]),
        (
            "router",
            _frames(f"{REPO}/agent/context_block.py", f"{REPO}/tools/db/scope.py", PSYCOPG),
            PARTS[2],
        ),
        (
            "finish",
            _frames(f"{REPO}/agent/finish.py", f"{REPO}/agent/transcript.py", PSYCOPG),
            PARTS[20],
        ),
        (
            "router",
            _frames(f"{REPO}/agent/context_block.py", f"{REPO}/tools/profile.py", PSYCOPG),
            PARTS[2],
        ),
        ("router", _frames(f"{REPO}/agent/context_block.py", VENV + "pydantic/main.py"), PARTS[3]),
        ("", _frames(PREGEL, f"{REPO}/tools/db/checkpoint_batch.py"), PARTS[23]),
        ("", _frames(PREGEL, VENV + "langgraph/pregel/_algo.py"), PARTS[24]),
        (
            "",
            _frames("/usr/lib/python3.11/asyncio/runners.py", VENV + "uvloop/__init__.py"),
            PARTS[25],
        ),
    ],
)
def test_each_sample_is_charged_to_its_part(
    node: str, frames: tuple[tuple[str, str], ...], part: str
) -> None:
    assert part_of(node, frames) == part


def test_the_parts_add_up_to_the_whole() -> None:
    samples = {
        ("wins|tools", _frames(*TOOL_CALL, f"{REPO}/tools/db/scope.py")): 0.003,
        ("router", _frames(f"{REPO}/agent/brain/router.py")): 0.002,
        ("", _frames(PREGEL)): 0.005,
    }
    out = breakdown(samples, turns=2)
    assert out["cpu_ms_per_turn"] == 5.0
    assert sum(p["ms"] for p in out["parts"].values()) == pytest.approx(5.0)
    assert sum(p["share"] for p in out["owners"].values()) == pytest.approx(1.0)
    assert owner_of(_frames(PREGEL, f"{REPO}/agent/brain/router.py")) == "the brain (agent/brain)"
    # PAM's functions by the innermost of PAM's frames: scope.py's, not tools.py's.
    assert list(out["ours_hot"]) == ["tools/db/scope.py f", "agent/brain/router.py f"]
