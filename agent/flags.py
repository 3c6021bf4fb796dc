"""The feature flags PAM knows, and what one turn was given (docs/flags.md).

Every flag has a name from the catalogue below, a kind and a default that holds when
nobody has set it (or the flag store cannot be read). The server evaluates the flags
for the signed-in user once when a run starts (server/flags) and puts the outcome in
the run's typed context as `TurnFlags`; the graph reads only that, so a turn sees one
consistent set of flags from its first step to its last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tools.registry import ACTIONS_BY_NAME
from tools.types import Domain

FlagKind = Literal["boolean", "string"]
Transport = Literal[
    "rest_chat", "sse", "websocket", "agent_protocol", "mcp", "agent_to_agent", "agui"
]
TRANSPORTS: tuple[Transport, ...] = ("rest_chat", "sse", "websocket", "agent_protocol")
MODEL_FLAG = "experiment.model"
PROMPT_FLAG = "experiment.prompt"
# What a prompt variant adds to every domain's system prompt; "default" adds nothing.
PROMPT_VARIANTS: dict[str, str] = {
    "default": "",
    "brief": "Keep every reply to one short sentence unless the user asks for more.",
    "warm": "Be warm and encouraging; a short friendly word before the facts is welcome.",
}

DOMAIN_LABELS: dict[Domain, str] = {
    "wins": "Money tracking",
    "wheels": "Vehicles and trips",
    "you": "Calendar, tasks and profile",
    "social": "The community (posts, feed, groups)",
}
ACTION_LABELS = {
    "create_post": "Posting",
    "comment_on_post": "Commenting",
    "like_post": "Liking posts",
}
TRANSPORT_LABELS: dict[Transport, str] = {
    "rest_chat": "Chat over the REST API",
    "sse": "Streaming chat (SSE)",
    "websocket": "Chat over WebSocket",
    "agent_protocol": "The Agent Protocol API",
    "mcp": "PAM over MCP",
    "agent_to_agent": "PAM over A2A",
    "agui": "PAM over AG-UI",
}


@dataclass(frozen=True)
class FlagSpec:
    name: str
    kind: FlagKind
    default: bool | str
    description: str
    # What PAM says when a boolean flag is off for the user (a kill switch).
    paused: str = ""


def _catalogue() -> dict[str, FlagSpec]:
    specs = [
        FlagSpec(
            f"domain.{domain}",
            "boolean",
            True,
            f"The {domain} domain: {label.lower()}.",
            f"{label} is paused right now. Nothing was changed; please try again later.",
        )
        for domain, label in DOMAIN_LABELS.items()
    ]
    for name in sorted(ACTIONS_BY_NAME):
        label = ACTION_LABELS.get(name) or name.replace("_", " ").capitalize()
        specs.append(
            FlagSpec(
                f"action.{name}",
                "boolean",
                True,
                f"The {name} action.",
                f"{label} is paused right now. Nothing was changed; please try again later.",
            )
        )
    specs.append(
        FlagSpec(
            "web.page",
            "boolean",
            True,
            "The chat web page at / and its files.",
            "The PAM web page is paused right now; please try again later.",
        )
    )
    for transport, label in TRANSPORT_LABELS.items():
        specs.append(
            FlagSpec(
                f"transport.{transport}",
                "boolean",
                True,
                f"{label}.",
                f"{label} is paused right now; please try again later.",
            )
        )
    specs.append(
        FlagSpec(
            MODEL_FLAG,
            "string",
            "",
            "The chat model of the user's runs: offline, openai:<model> or "
            "python:<module>:<name>; empty means the deployment's PAM_MODEL.",
        )
    )
    specs.append(
        FlagSpec(
            PROMPT_FLAG,
            "string",
            "default",
            "The prompt variant of the user's runs: " + ", ".join(PROMPT_VARIANTS) + ".",
        )
    )
    return {spec.name: spec for spec in specs}


CATALOGUE: dict[str, FlagSpec] = _catalogue()


# The run metadata keys of an experiment arm (TurnFlags.run_metadata): the server's to
# set, never a client's (server/flags/apply.flagged_run) nor inherited from a thread.
EXPERIMENT_KEYS = ("experiment_model", "experiment_prompt", "experiment_variant")


@dataclass(frozen=True)
class TurnFlags:
    """The flags one run was given: which boolean flags are off for its user, and the
    experiment arm (model and prompt variant) it runs under."""

    off: frozenset[str] = field(default_factory=frozenset)
    model: str = ""
    prompt: str = "default"
    # Whether an experiment is running for this user (an experiment flag has a rule),
    # in whichever arm: the control arm is recorded too, so the arms can be compared.
    experiment: bool = False

    def allows(self, name: str) -> bool:
        return name not in self.off

    def paused_domain(self, domain: str) -> str | None:
        """The reply for a domain switched off for this user, else None."""
        name = f"domain.{domain}"
        return None if self.allows(name) else CATALOGUE[name].paused

    def paused_action(self, action: str) -> str | None:
        name = f"action.{action}"
        if self.allows(name) or name not in CATALOGUE:
            return None
        return CATALOGUE[name].paused

    @property
    def variant(self) -> str:
        """The experiment arm as one bounded label: `<model>/<prompt>` (`default` for
        the deployment's model)."""
        return f"{self.model or 'default'}/{self.prompt}"

    def run_metadata(self) -> dict[str, str]:
        """The arm, for the run's metadata: nothing outside an experiment (a client
        reading its runs sees only its own metadata then)."""
        if not self.experiment:
            return {}
        return {
            "experiment_model": self.model or "default",
            "experiment_prompt": self.prompt,
            "experiment_variant": self.variant,
        }

    def prompt_addition(self) -> str:
        return PROMPT_VARIANTS.get(self.prompt, "")


NO_FLAGS = TurnFlags()
