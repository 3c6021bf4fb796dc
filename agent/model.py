"""The chat model factory: an OpenAI-compatible server, or PAM's offline brain."""

from __future__ import annotations

import os

from langchain_core.language_models import BaseChatModel

APOLOGY = (
    "Sorry — I couldn't get an answer from my language model just now. Nothing was "
    "changed; please try again in a moment."
)


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
        return ChatOpenAI(
            model=name.removeprefix("openai:"),
            temperature=0,
            timeout=60,
            max_retries=2,
            stream_usage=True,
        )
    if name.startswith("bench:"):
        # Benchmark-only models (bench/models.py): the same brain with a fixed pace, so
        # `pam serve` and `langgraph dev` can be measured with one selectable model.
        from bench.models import bench_model

        return bench_model(name.removeprefix("bench:"))
    raise ValueError(f"unknown model {name!r}: use 'offline' or 'openai:<model>'")
