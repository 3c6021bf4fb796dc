"""Argument value types for vehicle figures, bounded to what a real vehicle can show."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from tools.values import lenient_number


def _places(step: str) -> AfterValidator:
    """Round to the column's precision; a value that rounds to nothing is an error."""

    def rounded(value: Decimal) -> Decimal:
        value = value.quantize(Decimal(step))
        if value <= 0:
            raise ValueError(f"must be at least {step}")
        return value

    return AfterValidator(rounded)


Litres = Annotated[Decimal, Field(gt=0, le=2000, allow_inf_nan=False), _places("0.01")]
PricePerLitre = Annotated[
    Decimal,
    Field(gt=0, le=20, allow_inf_nan=False),
    BeforeValidator(lenient_number),
    _places("0.001"),
]
Odometer = Annotated[
    Decimal,
    Field(ge=0, lt=10_000_000, allow_inf_nan=False),
    AfterValidator(lambda km: km.quantize(Decimal("0.1"))),
]
TankLitres = Annotated[Decimal, Field(gt=0, le=2000, allow_inf_nan=False), _places("0.01")]
Consumption = Annotated[Decimal, Field(gt=0, le=100, allow_inf_nan=False), _places("0.01")]

# Argument descriptions several wheels actions share.
VEHICLE = Field(
    default=None,
    description="The vehicle's name (list_vehicles shows them); omit for the default vehicle.",
    examples=["Troopy"],
)
ODOMETER = Field(default=None, description="Odometer reading in km.", examples=[152300])
DAY = Field(
    default=None, description="The day, YYYY-MM-DD; omit for today.", examples=["2026-03-09"]
)
START_DATE = Field(default=None, description="First day, YYYY-MM-DD.", examples=["2026-03-01"])
END_DATE = Field(
    default=None, description="Last day (included), YYYY-MM-DD.", examples=["2026-03-31"]
)
