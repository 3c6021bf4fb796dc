"""Argument value types for vehicle figures, bounded to what a real vehicle can show."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field


def _places(step: str) -> AfterValidator:
    """Round to the column's precision; a value that rounds to nothing is an error."""

    def rounded(value: Decimal) -> Decimal:
        value = value.quantize(Decimal(step))
        if value <= 0:
            raise ValueError(f"must be at least {step}")
        return value

    return AfterValidator(rounded)


Litres = Annotated[Decimal, Field(gt=0, le=2000, allow_inf_nan=False), _places("0.01")]
PricePerLitre = Annotated[Decimal, Field(gt=0, le=20, allow_inf_nan=False), _places("0.001")]
Odometer = Annotated[
    Decimal,
    Field(ge=0, lt=10_000_000, allow_inf_nan=False),
    AfterValidator(lambda km: km.quantize(Decimal("0.1"))),
]
TankLitres = Annotated[Decimal, Field(gt=0, le=2000, allow_inf_nan=False), _places("0.01")]
Consumption = Annotated[Decimal, Field(gt=0, le=100, allow_inf_nan=False), _places("0.01")]
