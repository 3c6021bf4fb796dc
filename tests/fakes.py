"""Test doubles: the scripted chat model lives in evals (benchmarks use it too)."""

from evals.scripted import ScriptedChatModel, call, route

__all__ = ["ScriptedChatModel", "call", "route"]
