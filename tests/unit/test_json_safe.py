"""Free JSON in request bodies is refused at the edge when Postgres or orjson could not
store it (found by schemathesis as 500s), and money too large to round is a 422."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from server.agent_protocol.schemas import ThreadCreate
from server.chat.schemas import ChatRequest, Decision, ResumeRequest
from server.json_safe import check_storable, json_bytes
from tools.wins.expenses import AddExpenseArgs

DEEP: object = 1
for _ in range(40):
    DEEP = [DEEP]


@pytest.mark.parametrize(
    "value",
    [
        "a\x00b",
        {"k\x00": 1},
        [1, [2, {"x": 2**64}]],
        -(2**63) - 1,
        1e300,
        -1.0e19,
        DEEP,
    ],
)
def test_what_cannot_be_stored_is_refused(value: object) -> None:
    with pytest.raises(ValueError):
        check_storable(value)


@pytest.mark.parametrize("value", ["ok", 2**63 - 1, -(2**63), 1.5e18, True, None, {"a": [1, "b"]}])
def test_what_can_be_stored_passes(value: object) -> None:
    check_storable(value)


def test_request_bodies_refuse_nul_and_huge_numbers() -> None:
    with pytest.raises(ValidationError, match="NUL"):
        ChatRequest.model_validate({"message": "hi", "message_id": "a\x00"})
    with pytest.raises(ValidationError, match="64 bits"):
        ThreadCreate.model_validate({"metadata": {"n": 2**70}})
    assert ThreadCreate.model_validate({"metadata": {"n": 1}}).metadata == {"n": 1}


@pytest.mark.parametrize("amount", [9.7e46, -9.7e46, 1e30])
def test_money_too_large_to_round_is_a_validation_error(amount: float) -> None:
    with pytest.raises(ValidationError, match="at most"):
        AddExpenseArgs.model_validate({"amount": amount, "category": "fuel"})


def test_a_request_built_in_code_from_models_is_measured_not_refused() -> None:
    """The doors build a ResumeRequest from Decision objects, not JSON: the size bound
    measures their JSON (it raised a TypeError, a 500 at /agui, before)."""
    built = ResumeRequest(thread_id=uuid.uuid4(), decisions=[Decision(type="approve")])
    assert built.decisions[0].type == "approve"
    as_json = [{"type": "reject", "edited_action": None, "message": "x" * 100}]
    assert json_bytes([Decision(type="reject", message="x" * 100)]) == json_bytes(as_json)
