"""Where a turn's CPU goes: each CPU sample (bench/cpu_sampler.py) charged to one part of
the graph, by the node it ran in and the code on its stack, so the parts add up to the
whole turn.

Within a node the most specific code wins: the brain before LangChain's chat-model call
before middleware; in the tools node the user scope (the transaction's BEGIN with the
RLS settings, and its COMMIT) before the profile read before the action's own queries
before the action's Python. A second view charges each sample to whose code it is (the
innermost frame that is not the standard library's).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, get_args

from bench.cpu_sampler import Frame, Sample
from bench.procs import REPO
from tools.types import Domain

DOMAINS = frozenset(get_args(Domain))

# Files whose frames are the model's own work (the offline brain) and LangChain's call
# around a chat model.
BRAIN = ("agent/brain/", "tests/fakes.py")
MODEL_CALL = ("langchain_core/language_models/", "langchain_core/outputs/")
MIDDLEWARE = (
    "langchain/agents/middleware/",
    "langsmith/run_helpers.py",
    "agent/domains.py",
    "agent/flag_middleware.py",
    "agent/prompts.py",
    "agent/approvals.py",
    "agent/dialogue.py",
    "agent/model_calls.py",
    "agent/quoted.py",
    "agent/inline_tracing.py",
)
SCOPE = ("tools/db/scope.py", "psycopg_pool/")
CHECKPOINTER = (
    "langgraph/checkpoint/postgres",
    "langgraph/checkpoint/serde",
    "tools/db/checkpoint",
)
LOOP_ONLY = ("asyncio/", "uvloop/", "bench/", "<after the last sample>", "contextvars")

# Every part a sample can be charged to, in the order the report lists them.
PARTS = (
    "router: the brain (routing)",
    "router: LangChain's chat-model call",
    "router: the context block's database work (BEGIN + RLS settings, 4 reads, COMMIT)",
    "router: the context block's Python (rows to objects, its lines)",
    "router: the rest (PAM's router, LangGraph's node call)",
    "domain: LangGraph's subgraph loop (entry, steps, channels, branches)",
    "domain: middleware hook nodes (before_agent, before_model, after_model)",
    "domain model: the brain",
    "domain model: LangChain's chat-model call",
    "domain model: middleware (prompt, flags, PAM's, human-in-the-loop)",
    "domain model: create_agent's model node",
    "tools: user scope (BEGIN + RLS settings, COMMIT)",
    "tools: profile read",
    "tools: the action's queries",
    "tools: the action (validation, logic, result)",
    "tools: PAM's tool wrapper (zone check, result text)",
    "tools: middleware (wrap_tool_call)",
    "tools: ToolNode and LangChain's tool call",
    "general node",
    "next_domain",
    "finish: the transcript's database work (BEGIN + RLS settings, rows, COMMIT)",
    "finish: the transcript's Python (its rows)",
    "finish: the rest",
    "checkpointer (the Postgres saver: serialisation, reads, writes)",
    "LangGraph: the outer graph's loop",
    "event loop (between tasks)",
)


Rule = tuple[tuple[str, ...], str]  # (file name fragments, the part)


def _has(frames: tuple[Frame, ...], fragments: Iterable[str]) -> bool:
    return any(f in name for name, _ in frames for f in fragments)


def _innermost(frames: tuple[Frame, ...], rules: tuple[Rule, ...], default: str) -> str:
    """The part of the innermost frame some rule names (the standard library's and
    psycopg's frames are charged to the code that called them)."""
    for depth in range(len(frames) - 1, -1, -1):
        name = frames[depth][0]
        for fragments, part in rules:
            if any(f in name for f in fragments):
                if part in DATABASE_WORK and _has(frames[depth + 1 :], ("psycopg/",)):
                    return DATABASE_WORK[part]
                return part
    return default


ACTION = "tools: the action (validation, logic, result)"
ACTION_QUERIES = "tools: the action's queries"
# Python that called psycopg: its database work. (A pipelined transaction waits for all
# its answers at its end, in the transaction's own frames: reads and scope are one part.)
DATABASE_WORK = {ACTION: ACTION_QUERIES, PARTS[3]: PARTS[2], PARTS[21]: PARTS[20]}
PAM_TOOLS = f"{REPO}/tools/"  # PAM's actions, not LangChain's langchain_core/tools/
ROUTER: tuple[Rule, ...] = (
    (BRAIN, PARTS[0]),
    (MODEL_CALL, PARTS[1]),
    (SCOPE, PARTS[2]),
    (("agent/context_block.py", PAM_TOOLS, "agent/transcript.py"), PARTS[3]),
)
MODEL: tuple[Rule, ...] = (
    (BRAIN, PARTS[7]),
    (MODEL_CALL, PARTS[8]),
    (MIDDLEWARE, PARTS[9]),
)
TOOLS: tuple[Rule, ...] = (
    (SCOPE, PARTS[11]),
    (("tools/profile.py",), PARTS[12]),
    (("agent/tools.py",), PARTS[15]),
    (("langchain_core/tools/",), PARTS[17]),
    ((PAM_TOOLS,), ACTION),
    (MIDDLEWARE, PARTS[16]),
)
FINISH: tuple[Rule, ...] = (
    (SCOPE, PARTS[20]),
    (("agent/transcript.py",), PARTS[21]),
)


def part_of(node: str, frames: tuple[Frame, ...]) -> str:
    """The one part a sample is charged to."""
    if _has(frames, CHECKPOINTER):
        return PARTS[23]
    top, _, inner = node.partition("|")
    if top == "router":
        return _innermost(frames, ROUTER, PARTS[4])
    if top == "finish":
        return _innermost(frames, FINISH, PARTS[22])
    if top in DOMAINS:
        if not inner:
            return PARTS[5]
        if inner.startswith("model"):
            return _innermost(frames, MODEL, PARTS[10])
        if inner.startswith("tools"):
            return _innermost(frames, TOOLS, PARTS[17])
        return PARTS[6]
    if top == "general":
        return PARTS[18]
    if top == "next_domain":
        return PARTS[19]
    if all(any(f in name for f in LOOP_ONLY) for name, _ in frames):
        return PARTS[25]
    return PARTS[24]


# Whose code a frame is, most specific first.
OWNERS = (
    ("agent/brain/", "the brain (agent/brain)"),
    ("langchain/agents/", "LangChain agents and middleware"),
    ("langgraph/prebuilt/", "LangGraph prebuilt (ToolNode)"),
    ("langgraph/", "LangGraph"),
    ("langchain_core/callbacks", "LangChain callbacks"),
    ("langchain_core/tracers", "LangChain callbacks"),
    ("langchain_core/", "LangChain core"),
    ("langsmith/", "LangSmith (traceable wrappers)"),
    ("psycopg", "psycopg"),
    ("pydantic", "pydantic"),
    (f"{REPO}/agent/", "PAM: agent"),
    (PAM_TOOLS, "PAM: tools"),
    ("uvloop", "event loop"),
)


def owner_of(frames: tuple[Frame, ...]) -> str:
    """The innermost frame that is neither the standard library's nor the harness's."""
    for name, _ in reversed(frames):
        for fragment, owner in OWNERS:
            if fragment in name:
                return owner
    return "event loop, standard library, other"


def ours_innermost(frames: tuple[Frame, ...]) -> str | None:
    """`agent/brain/dates.py find_day`: PAM's innermost function on the stack (its own
    time and that of the libraries it called), None when PAM's code is not on it."""
    for name, function in reversed(frames):
        if name.startswith(f"{REPO}/") and "/.venv/" not in name:
            where = name.removeprefix(f"{REPO}/")
            if where.split("/")[0] in ("agent", "tools"):
                return f"{where} {function}"
    return None


HOT = 15  # PAM's functions listed, the dearest first


def breakdown(samples: Mapping[Sample, float], turns: int) -> dict[str, Any]:
    """{"parts": {part: {"ms": per turn, "share": of the whole}}, "owners": {...},
    "ours_hot": {PAM's innermost function: {...}}}."""
    total = sum(samples.values()) or 1.0
    parts: dict[str, float] = defaultdict(float)
    owners: dict[str, float] = defaultdict(float)
    hot: dict[str, float] = defaultdict(float)
    for (node, frames), seconds in samples.items():
        parts[part_of(node, frames)] += seconds
        owners[owner_of(frames)] += seconds
        if (ours := ours_innermost(frames)) is not None:
            hot[ours] += seconds

    def table(counts: dict[str, float], order: Iterable[str]) -> dict[str, dict[str, float]]:
        return {
            k: {"ms": round(counts[k] * 1000 / turns, 3), "share": round(counts[k] / total, 4)}
            for k in order
            if counts.get(k, 0) > 0
        }

    return {
        "cpu_ms_per_turn": round(total * 1000 / turns, 2),
        "parts": table(parts, PARTS),
        "owners": table(owners, sorted(owners, key=lambda k: -owners[k])),
        "ours_hot": table(hot, sorted(hot, key=lambda k: -hot[k])[:HOT]),
    }
