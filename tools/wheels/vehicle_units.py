"""Fuel figures in the user's units: storage stays metric, replies follow the profile."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from tools.format import KM_PER_MILE, LITRES_PER_GALLON, money

# L/100km -> US miles per gallon: 100 km / (L/100km) litres, converted both ways.
_MPG_FACTOR = Decimal(100) * LITRES_PER_GALLON / KM_PER_MILE


def _round(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def unit_price(price: Decimal, currency: str) -> str:
    """A price that may carry tenths of a cent (fuel is sold at $1.999/L): keep them."""
    exact = _round(price, "0.001")
    if exact == _round(exact, "0.01"):
        return money(exact, currency)
    # money() places the symbol or code; reuse its layout with three decimals.
    return money(1, currency).replace("1.00", f"{exact:,.3f}")


def price_per_volume(price_per_litre: Decimal, currency: str, units: str) -> str:
    if units == "imperial":
        return f"{unit_price(price_per_litre * LITRES_PER_GALLON, currency)}/gal"
    return f"{unit_price(price_per_litre, currency)}/L"


def economy(l_per_100km: Decimal, units: str) -> str:
    if units == "imperial":
        return f"{_round(_MPG_FACTOR / l_per_100km, '0.1')} mpg"
    return f"{_round(l_per_100km, '0.1')} L/100km"


def cost_per_distance(cost_per_km: Decimal, currency: str, units: str) -> str:
    if units == "imperial":
        return f"{unit_price(cost_per_km * KM_PER_MILE, currency)}/mi"
    return f"{unit_price(cost_per_km, currency)}/km"
