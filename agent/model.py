"""The chat model factory: an OpenAI-compatible server, or PAM's offline brain."""

from __future__ import annotations

import importlib
import os

from langchain_core.language_models import BaseChatModel

from agent.context import turn_budget_from_env

APOLOGY = (
    "Sorry — I couldn't get an answer from my language model just now. Nothing was "
    "changed; please try again in a moment."
)


def apology(done: list[str]) -> str:
    """The reply when the model is unavailable; what was already done is said."""
    if not done:
        return APOLOGY
    return (
        "Sorry — my language model stopped answering partway. Done so far: "
        + " ".join(done)
        + " Nothing else was changed; please try the rest again in a moment."
    )


def metered(model: BaseChatModel) -> bool:
    """Whether each call of `model` costs tokens: every model but PAM's offline brain,
    which answers in-process for nothing (and plans some requests over two steps)."""
    return model._llm_type != "pam-offline"


def default_model_name() -> str:
    """PAM_MODEL, else OpenAI when a key is set, else the offline brain."""
    explicit = os.environ.get("PAM_MODEL")
    if explicit:
        return explicit
    return "openai:gpt-4o-mini" if os.environ.get("OPENAI_API_KEY") else "offline"


def load_chat_model(name: str) -> BaseChatModel:
    if name == "offline":
        from agent.brain import OfflineBrain

        return OfflineBrain()
    if name.startswith("openai:"):
        from langchain_openai import ChatOpenAI

        # OPENAI_BASE_URL (read by the client) points this at any compatible server.
        # No retries in the client: agent/model_calls.py is PAM's one retry layer, and
        # it cuts every attempt off at the turn's deadline.
        return ChatOpenAI(
            model=name.removeprefix("openai:"),
            temperature=0,
            timeout=turn_budget_from_env(),
            max_retries=0,
            stream_usage=True,
        )
    if name.startswith("python:"):
        return _imported_model(name.removeprefix("python:"))
    raise ValueError(
        f"unknown model {name!r}: use 'offline', 'openai:<model>' or 'python:<module>:<name>'"
    )


def _imported_model(spec: str) -> BaseChatModel:
    """`module:name`, a chat model class or a zero-argument factory (like langgraph.json's
    graph paths), so a deployment or the benchmarks can plug in a model PAM does not know."""
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise ValueError(f"python:{spec!r}: expected python:<module>:<name>")
    factory = getattr(importlib.import_module(module_name), attribute)
    model = factory()
    if not isinstance(model, BaseChatModel):
        raise TypeError(f"python:{spec} made a {type(model).__name__}, not a chat model")
    return model
