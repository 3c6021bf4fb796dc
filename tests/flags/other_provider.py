"""Another OpenFeature provider, as a deployment would plug one in with
PAM_FLAGS_PROVIDER=python:tests.flags.other_provider:provider (the SDK's in-memory one
stands in for flagd or a vendor's)."""

from __future__ import annotations

from openfeature.provider.in_memory_provider import InMemoryFlag, InMemoryProvider


def provider() -> InMemoryProvider:
    return InMemoryProvider(
        {
            "domain.social": InMemoryFlag("off", {"on": True, "off": False}),
            "experiment.prompt": InMemoryFlag("warm", {"warm": "warm", "plain": "default"}),
        }
    )
