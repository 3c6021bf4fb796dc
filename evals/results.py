"""What a run of a conversation produced: per turn, what happened and how it scored."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evals.dataset import Conversation, Expect

KINDS = ("route", "tools", "args", "reply", "interrupt")


@dataclass(frozen=True)
class ToolCall:
    name: str
    args: dict[str, Any]


@dataclass
class Observed:
    """One turn as the graph ran it."""

    route: list[str] = field(default_factory=list)
    tools: list[ToolCall] = field(default_factory=list)
    reply: str = ""
    interrupt: bool = False
    latency_ms: float = 0.0
    # Write calls that succeeded this turn (what changed the user's data), and the model
    # tokens the turn used (its `usage`, when the model reports any).
    writes: list[ToolCall] = field(default_factory=list)
    input_tokens: int = 0
    output_tokens: int = 0
    ran: bool = True  # False: the turn never ran (setup failed, or an earlier turn crashed)


@dataclass
class TurnScore:
    """Each kind is True/False when the turn states that expectation, None otherwise."""

    route: bool | None = None
    tools: bool | None = None
    args: bool | None = None
    reply: bool | None = None
    interrupt: bool | None = None
    failures: list[str] = field(default_factory=list)

    def kind(self, name: str) -> bool | None:
        value: bool | None = getattr(self, name)
        return value


@dataclass
class TurnResult:
    number: int  # 1-based, as failure messages say it
    said: str
    expect: Expect
    observed: Observed
    score: TurnScore


@dataclass
class RunResult:
    """One run of one conversation, as its own fresh user."""

    conversation: Conversation
    run: int  # 1-based within --repeat
    turns: list[TurnResult] = field(default_factory=list)
    setup_failures: list[str] = field(default_factory=list)
    state_ok: bool | None = None
    state_failures: list[str] = field(default_factory=list)

    @property
    def failures(self) -> list[str]:
        turn_failures = [f for t in self.turns for f in t.score.failures]
        return [*self.setup_failures, *turn_failures, *self.state_failures]

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass
class SuiteResult:
    model: str
    files: list[str]
    repeat: int
    runs: list[RunResult]  # conversation order, then run order
    notes: list[str] = field(default_factory=list)  # e.g. replay misses

    def by_conversation(self) -> dict[str, list[RunResult]]:
        grouped: dict[str, list[RunResult]] = {}
        for run in self.runs:
            grouped.setdefault(run.conversation.id, []).append(run)
        return grouped
