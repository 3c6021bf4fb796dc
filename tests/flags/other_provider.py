"""Another OpenFeature provider, as a deployment would plug one in with
PAM_FLAGS_PROVIDER=python:tests.flags.other_provider:provider (the SDK's in-memory one
stands in for flagd or a vendor's)."""

from __future__ import annotations

from openfeature.evaluation_context import EvaluationContext
from openfeature.flag_evaluation import FlagResolutionDetails, Reason
from openfeature.provider.in_memory_provider import InMemoryFlag, InMemoryProvider


def _off_in_usd_and_imperial(
    flag: InMemoryFlag[bool], context: EvaluationContext
) -> FlagResolutionDetails[bool]:
    """Targeting by profile facts the provider's own way: off for users who keep their
    money in USD and their distances in miles, on for everyone else."""
    facts = context.attributes
    off = facts.get("currency") == "USD" and facts.get("units") == "imperial"
    variant = "off" if off else "on"
    return FlagResolutionDetails(
        value=flag.variants[variant], variant=variant, reason=Reason.TARGETING_MATCH
    )


def provider() -> InMemoryProvider:
    return InMemoryProvider(
        {
            "domain.social": InMemoryFlag("off", {"on": True, "off": False}),
            "experiment.prompt": InMemoryFlag("warm", {"warm": "warm", "plain": "default"}),
            "action.fuel_stats": InMemoryFlag(
                "on", {"on": True, "off": False}, context_evaluator=_off_in_usd_and_imperial
            ),
        }
    )
