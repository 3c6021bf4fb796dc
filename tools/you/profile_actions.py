"""update_profile: the settings every other action reads through tools.profile."""

from __future__ import annotations

from functools import cache
from typing import Annotated, Literal, Self
from zoneinfo import available_timezones

from psycopg import sql
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    StringConstraints,
    model_validator,
)

from tools.db.scope import UserDb
from tools.types import Action, ActionResult, Args, UiAction
from tools.values import Currency, Name
from tools.you.models import lowercase

PROFILE_FIELDS = (
    "display_name",
    "home_base",
    "currency",
    "units",
    "timezone",
    "travel_style",
    "pets",
)
_LABELS = {"display_name": "name", "timezone": "time zone"}


@cache
def _zones_by_folded_name() -> dict[str, str]:
    # `localtime` and `Factory` are tzdata files, not places.
    return {zone.casefold(): zone for zone in available_timezones() - {"localtime", "Factory"}}


def _time_zone(value: str) -> str:
    """The canonical IANA name, so `australia/perth` is accepted as `Australia/Perth`."""
    zone = _zones_by_folded_name().get(value.casefold())
    if zone is None:
        raise ValueError(
            f"'{value}' is not a time zone I know; use an IANA name such as Australia/Perth"
        )
    return zone


Text200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
TimeZoneName = Annotated[str, StringConstraints(max_length=64), AfterValidator(_time_zone)]
Units = Annotated[Literal["metric", "imperial"], BeforeValidator(lowercase)]


class UpdateProfileArgs(Args):
    display_name: Name | None = Field(
        default=None, description="What to call the user.", examples=["Bev"]
    )
    home_base: Text200 | None = Field(
        default=None, description="Their home town or base.", examples=["Bendigo"]
    )
    currency: Currency | None = Field(
        default=None, description="ISO currency code for money.", examples=["AUD"]
    )
    units: Units | None = Field(default=None, description="Units for replies.")
    timezone: TimeZoneName | None = Field(
        default=None,
        description="IANA time zone name (not an abbreviation like AEST).",
        examples=["Australia/Perth"],
    )
    travel_style: Text200 | None = Field(
        default=None, description="How they travel.", examples=["full-time in a 21ft van"]
    )
    pets: Text200 | None = Field(
        default=None, description="Pets travelling with them.", examples=["a kelpie called Red"]
    )

    @model_validator(mode="after")
    def _changes_something(self) -> Self:
        if all(getattr(self, name) is None for name in PROFILE_FIELDS):
            raise ValueError(f"give at least one of {', '.join(PROFILE_FIELDS)} to change")
        return self


class ProfileOut(BaseModel):
    display_name: str | None
    home_base: str | None
    currency: str
    units: Literal["metric", "imperial"]
    timezone: str
    travel_style: str | None
    pets: str | None


class ProfileResult(ActionResult):
    profile: ProfileOut


async def update_profile(db: UserDb, args: UpdateProfileArgs) -> ProfileResult:
    """Create the profile row on first use, else change only the fields given. A first
    row given no time zone takes the device's, when it said one: a traveller in Perth
    whose first change was the currency got Sydney's zone, which clients that send no
    zone (reminders, a terminal on UTC, the doors) then read "today" in (try18)."""
    changes = {
        name: getattr(args, name) for name in PROFILE_FIELDS if getattr(args, name) is not None
    }
    first = dict(changes)
    if "timezone" not in first and db.zone:
        first["timezone"] = db.zone
    columns = [sql.Identifier(name) for name in first]
    # Column names come from PROFILE_FIELDS, never from input; values stay parameters.
    query = sql.SQL(
        "INSERT INTO profiles (user_id, {columns}, updated_at) VALUES (%s, {values}, %s)"
        " ON CONFLICT (user_id) DO UPDATE SET {sets}, updated_at = EXCLUDED.updated_at"
        " RETURNING {fields}, (xmax = 0) AS created"
    ).format(
        columns=sql.SQL(", ").join(columns),
        values=sql.SQL(", ").join(sql.Placeholder() * len(columns)),
        sets=sql.SQL(", ").join(
            sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(name)) for name in changes
        ),
        fields=sql.SQL(", ").join(sql.Identifier(name) for name in PROFILE_FIELDS),
    )
    cur = await db.conn.execute(query, (db.user_id, *first.values(), db.now))
    row = await cur.fetchone()
    assert row is not None  # INSERT ... RETURNING always yields the row
    if row.pop("created") and "timezone" not in changes and db.zone:
        changes["timezone"] = f"{db.zone} (this device's)"
    profile = ProfileOut(**{**row, "currency": row["currency"].strip()})
    said = "; ".join(
        f"{_LABELS.get(name, name.replace('_', ' '))} {value}" for name, value in changes.items()
    )
    return ProfileResult(
        summary=f"Updated your profile: {said}.",
        ids=[db.user_id],  # the profile row's key is the user's id
        ui_actions=[
            UiAction(
                type="reload_profile",
                entity_type="profile",
                entity_id=str(db.user_id),
                entity_title=profile.display_name,
            )
        ],
        profile=profile,
    )


ACTIONS = [
    Action(
        name="update_profile",
        domain="you",
        args=UpdateProfileArgs,
        fn=update_profile,
        description=(
            "Change the user's profile: name, home base, currency, units, time zone,"
            " travel style or pets."
        ),
    ),
]
