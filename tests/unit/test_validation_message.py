"""The sentence a bad action call gets back (tools/run.validation_message): a field's
error names the field; a rule across fields says its own words, with no made-up field."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tools.run import validation_message
from tools.wheels.fuel import LogFuelArgs


def _error(raw: dict[str, object]) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        LogFuelArgs.model_validate(raw)
    return caught.value


def test_a_rule_across_fields_is_not_pinned_on_a_field_called_arguments() -> None:
    message, field = validation_message(_error({"litres": 40}))
    assert message == "Invalid arguments — give total_cost or price_per_litre (or both)."
    assert field == "arguments"


def test_a_field_error_names_the_field() -> None:
    message, field = validation_message(_error({"litres": 40, "total_cost": 78, "colour": "red"}))
    assert message == "Invalid arguments — colour: is not an argument of this action."
    assert field == "colour"
