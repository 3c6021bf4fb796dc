"""What a model is shown of each action: every parameter described, money a number, the
schema compact; and the arguments it sends read leniently where that is safe."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import ValidationError

from agent.tools import domain_tools, model_parameters, tool_description
from tools.registry import ACTIONS, ACTIONS_BY_NAME
from tools.wheels.fuel import LogFuelArgs
from tools.wins.budgets import SetBudgetArgs
from tools.wins.expenses import AddExpenseArgs

MONEY = {
    ("add_expense", "amount"),
    ("update_expense", "amount"),
    ("add_income", "amount"),
    ("set_budget", "monthly_limit"),
    ("log_fuel", "total_cost"),
    ("log_maintenance", "cost"),
}


def _properties(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return dict(schema.get("properties") or {})


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_every_parameter_has_a_description(action: Any) -> None:
    """The argument model is the one source: its JSON schema (REST) and the model's tool
    schema both describe every parameter; enums and booleans aside, each has an example
    or says its format."""
    for schema in (action.args.model_json_schema(), model_parameters(action.args)):
        for name, prop in _properties(schema).items():
            assert str(prop.get("description", "")).strip(), f"{action.name}.{name}"
    for name, prop in _properties(action.args.model_json_schema()).items():
        plain = prop.get("enum") is None and prop.get("type") not in ("boolean", "integer")
        options = [prop, *prop.get("anyOf", [])]
        typed = ("integer", "boolean")
        if plain and not any(o.get("enum") or o.get("type") in typed for o in options):
            said = prop.get("examples") or "YYYY" in prop["description"]
            assert said, f"{action.name}.{name} has neither an example nor a format"


def test_the_share_of_described_parameters_is_counted_over_all_tools() -> None:
    properties = [p for a in ACTIONS for p in _properties(model_parameters(a.args)).values()]
    assert len(properties) >= 116
    assert all(p.get("description") for p in properties)


@pytest.mark.parametrize(("tool", "field"), sorted(MONEY))
def test_money_is_a_number_in_the_schema(tool: str, field: str) -> None:
    prop = _properties(model_parameters(ACTIONS_BY_NAME[tool].args))[field]
    assert prop["type"] == "number" and "anyOf" not in prop


def test_a_tool_schema_is_compact() -> None:
    """No titles, no null alternatives, no length limits: tokens a model pays on every
    call for nothing it needs."""
    for domain in ("wins", "wheels", "you", "social"):
        for tool in domain_tools(domain):
            text = str(convert_to_openai_tool(tool))
            for noise in ("'title': '", "'null'", "minLength", "maxLength", "'default': None"):
                assert noise not in text, (tool.name, noise)


def test_a_call_that_needs_approval_says_so_in_its_description() -> None:
    for action in ACTIONS:
        said = "approve" in tool_description(action)
        assert said == (action.needs_approval is not None), action.name


@pytest.mark.parametrize(
    ("sent", "read"),
    [
        ("$1,240", Decimal("1240.00")),
        ("1,240.50", Decimal("1240.50")),
        ("AUD 85.40", Decimal("85.40")),
        ("85.40 aud", Decimal("85.40")),
        ("NZ$12", Decimal("12.00")),
        ("12,50", Decimal("12.50")),
        (" 45 ", Decimal("45.00")),
        (85.405, Decimal("85.41")),
    ],
)
def test_money_is_read_leniently(sent: object, read: Decimal) -> None:
    assert AddExpenseArgs.model_validate({"amount": sent, "category": "food"}).amount == read


@pytest.mark.parametrize("sent", ["-$3", "abc", "$", "1.2.3", "0.001", "$2,000,000"])
def test_what_is_not_an_amount_is_still_refused(sent: str) -> None:
    with pytest.raises(ValidationError):
        AddExpenseArgs.model_validate({"amount": sent, "category": "food"})


def test_a_currency_symbol_means_a_code_or_the_users_own() -> None:
    def currency(sent: str) -> str | None:
        return AddExpenseArgs.model_validate(
            {"amount": 5, "category": "food", "currency": sent}
        ).currency

    assert currency("$") is None  # "dollars": the user's own currency
    assert currency("NZ$") == "NZD" and currency("€") == "EUR" and currency("usd") == "USD"
    with pytest.raises(ValidationError):
        currency("dollars")


def test_a_threshold_said_as_a_percentage_is_a_fraction() -> None:
    def threshold(sent: object) -> Decimal | None:
        args = SetBudgetArgs.model_validate(
            {"category": "food", "monthly_limit": 400, "alert_threshold": sent}
        )
        return args.alert_threshold

    assert threshold(80) == threshold("80%") == threshold(0.8) == Decimal("0.80")
    for odd in (180, 2, True):  # no share, or more likely a slip than a 2% warning
        with pytest.raises(ValidationError):
            threshold(odd)


def test_a_fill_needs_a_price_and_the_schema_says_so() -> None:
    props = _properties(model_parameters(LogFuelArgs))
    assert "price_per_litre" in props["total_cost"]["description"]
    assert "total_cost" in props["price_per_litre"]["description"]
    assert LogFuelArgs.model_validate({"litres": 50, "price_per_litre": "$1.99"}).price_per_litre
    with pytest.raises(ValidationError, match="total_cost or price_per_litre"):
        LogFuelArgs.model_validate({"litres": 50})


def test_the_reminder_convention_is_told_in_the_schema() -> None:
    props = _properties(model_parameters(ACTIONS_BY_NAME["create_event"].args))
    assert "0 = at the start" in props["reminder_minutes"]["description"]
    assert "add_task" in props["reminder_minutes"]["description"]
    assert "no offset" in props["start"]["description"]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_no_schema_points_at_definitions_it_does_not_carry(action: Any) -> None:
    """A nested argument model (log_tyre_pressures' `pressures`) reaches the model inlined:
    a `$ref` without its `$defs` made every call of the domain fail."""
    text = str(model_parameters(action.args))
    assert "$ref" not in text and "$defs" not in text


def test_a_nested_argument_model_shows_its_fields() -> None:
    pressures = model_parameters(ACTIONS_BY_NAME["log_tyre_pressures"].args)["properties"][
        "pressures"
    ]
    assert pressures["type"] == "object"
    assert set(pressures["properties"]) == {
        "all_round", "front_left", "front_right", "rear_left", "rear_right", "spare"
    }  # fmt: skip
    assert pressures["properties"]["rear_left"] == {"type": "number"}
    convert_to_openai_tool(domain_tools("wheels")[0])  # the whole domain still converts


@pytest.mark.parametrize("domain", ["wins", "wheels", "you", "social"])
def test_tool_functions_carry_resolved_annotations(domain: Any) -> None:
    """LangChain resolves a tool function's type hints on every call (to find a config
    parameter): annotations kept as strings were compiled anew each time, ~0.3 ms of a
    tool call (bench/results/i19-graph-steps.md)."""
    for tool in domain_tools(domain):
        hints = tool.coroutine.__annotations__  # type: ignore[attr-defined]
        assert hints, tool.name
        assert not [v for v in hints.values() if isinstance(v, str)], tool.name


async def test_an_action_tool_calls_its_coroutine_as_a_structured_tool_does() -> None:
    """`ActionTool` skips LangChain's per-call look-ups (no run manager, no config, no
    callbacks for a coroutine that takes none): the same content and artefact as the
    stock StructuredTool, and LangChain finds nothing to inject into its `_arun`."""
    from langchain_core.tools import StructuredTool
    from langchain_core.tools.base import _get_runnable_config_param
    from langchain_core.utils._signature import _signature_parameters

    from agent.tools import ActionTool

    async def echo(**kwargs: Any) -> tuple[str, dict[str, Any]]:
        return str(sorted(kwargs)), {"seen": kwargs}

    schema = {"type": "object", "properties": {"a": {"type": "integer"}}}
    made = [
        kind.from_function(
            coroutine=echo,
            name="echo",
            description="e",
            args_schema=schema,
            response_format="content_and_artifact",
        )
        for kind in (StructuredTool, ActionTool)
    ]
    call = {"name": "echo", "args": {"a": 1}, "id": "c1", "type": "tool_call"}
    stock, ours = [await tool.ainvoke(call) for tool in made]
    assert (
        (ours.content, ours.artifact)
        == (stock.content, stock.artifact)
        == ("['a']", {"seen": {"a": 1}})
    )
    assert not _signature_parameters(made[1]._arun).get("run_manager")
    assert _get_runnable_config_param(made[1]._arun) is None
    assert all(isinstance(t, ActionTool) for t in domain_tools("wins"))
