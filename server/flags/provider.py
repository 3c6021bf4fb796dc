"""PAM's OpenFeature provider: the rules of the `feature_flags` table (kept in memory by
server/flags/service.py) with the PAM_FLAGS environment overrides on top.

Resolving reads only memory, so a turn never waits on the database for its flags. The
evaluation context's targeting key is the user id and its attributes the user's facts
(a rule's `where` looks at them); a flag nobody has set resolves to the caller's default
with reason DEFAULT.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from openfeature.evaluation_context import EvaluationContext
from openfeature.exception import ErrorCode
from openfeature.flag_evaluation import FlagResolutionDetails, Reason
from openfeature.provider import AbstractProvider, Metadata

from server.flags.rules import FlagRule, evaluate

T = TypeVar("T")
METADATA = Metadata(name="pam-postgres")
REASONS = {"default": Reason.DEFAULT, "targeted": Reason.TARGETING_MATCH, "rollout": Reason.SPLIT}


class PamFlagProvider(AbstractProvider):
    def __init__(self, overrides: Mapping[str, FlagRule] | None = None) -> None:
        super().__init__()
        self.overrides: dict[str, FlagRule] = dict(overrides or {})
        self.stored: dict[str, FlagRule] = {}
        self.rules: dict[str, FlagRule] = dict(self.overrides)
        self.generation = 0  # counts rule changes: what was evaluated before is stale
        self.targets_facts = _targets_facts(self.rules)

    def replace_stored(self, stored: Mapping[str, FlagRule]) -> None:
        """The table's rules as just read; an override wins over the table's rule."""
        self.stored = dict(stored)
        rules = {**self.stored, **self.overrides}
        if rules != self.rules:
            self.targets_facts = _targets_facts(rules)
            self.rules = rules  # one swap: a reader sees the old rules or the new
            self.generation += 1

    def get_metadata(self) -> Metadata:
        return METADATA

    def _resolve(
        self, key: str, default: T, context: EvaluationContext | None, kind: type
    ) -> FlagResolutionDetails[T]:
        rule = self.rules.get(key)
        if rule is None:
            return FlagResolutionDetails(value=default, reason=Reason.DEFAULT)
        if context is None:
            value, arm = evaluate(key, rule, None)
        else:
            value, arm = evaluate(key, rule, context.targeting_key, context.attributes)
        if type(value) is not kind:
            return FlagResolutionDetails(
                value=default,
                reason=Reason.ERROR,
                error_code=ErrorCode.TYPE_MISMATCH,
                error_message=f"{key} holds a {type(value).__name__}",
            )
        return FlagResolutionDetails(value=value, variant=arm, reason=REASONS[arm])  # type: ignore[arg-type]

    def resolve_boolean_details(
        self,
        flag_key: str,
        default_value: bool,
        evaluation_context: EvaluationContext | None = None,
    ) -> FlagResolutionDetails[bool]:
        return self._resolve(flag_key, default_value, evaluation_context, bool)

    def resolve_string_details(
        self, flag_key: str, default_value: str, evaluation_context: EvaluationContext | None = None
    ) -> FlagResolutionDetails[str]:
        return self._resolve(flag_key, default_value, evaluation_context, str)

    def resolve_integer_details(
        self, flag_key: str, default_value: int, evaluation_context: EvaluationContext | None = None
    ) -> FlagResolutionDetails[int]:
        return FlagResolutionDetails(value=default_value, reason=Reason.DEFAULT)

    def resolve_float_details(
        self,
        flag_key: str,
        default_value: float,
        evaluation_context: EvaluationContext | None = None,
    ) -> FlagResolutionDetails[float]:
        return FlagResolutionDetails(value=default_value, reason=Reason.DEFAULT)

    def resolve_object_details(
        self, flag_key: str, default_value: Any, evaluation_context: EvaluationContext | None = None
    ) -> FlagResolutionDetails[Any]:
        return FlagResolutionDetails(value=default_value, reason=Reason.DEFAULT)


def _targets_facts(rules: Mapping[str, FlagRule]) -> bool:
    """Whether any rule looks at profile facts (then a run start reads them)."""
    return any(rule.where for rule in rules.values())
