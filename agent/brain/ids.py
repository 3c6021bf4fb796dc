"""Deterministic tool call ids: the same conversation always yields the same ids."""

from __future__ import annotations

import hashlib

from langchain_core.messages import BaseMessage

from agent.brain.convo import text_of


def conversation_key(history: list[BaseMessage]) -> str:
    """A digest of the conversation up to the user's last message (stable within a turn)."""
    digest = hashlib.sha256()
    for message in history:
        digest.update(f"{message.type}\x00{text_of(message)}\x01".encode())
    return digest.hexdigest()


def call_id(key: str, tool: str, index: int, *, lookup: bool = False, again: bool = False) -> str:
    """`call_<12 hex>`; lookups (listing rows to find "that one") end in `_lk`; `again`: the
    same request called a second time (without a vehicle the user has not got)."""
    said = f"{key}:{tool}:{index}:{lookup}" + (":again" if again else "")
    raw = hashlib.sha256(said.encode()).hexdigest()[:12]
    return f"call_{raw}_lk" if lookup else f"call_{raw}"


def is_lookup(tool_call_id: str) -> bool:
    return tool_call_id.endswith("_lk")
