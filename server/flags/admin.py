"""The flags admin API, /api/v1/admin/flags: for a token whose admin role claim
(PAM_ADMIN_ROLE_CLAIM, Supabase's `app_metadata.role` by default) is PAM_ADMIN_ROLE.
Anyone else gets 404, as if there were no such API. Every change is audited with the
admin's user id and takes effect on every instance at once (server/flags/service.py).
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from server.auth import AuthError
from server.deps import Res, bearer
from server.flags import control
from server.flags.rules import FlagError, FlagRule, spec_of
from server.flags.service import FlagService
from server.flags.settings import FlagSettings
from server.flags.store import audit_of

# Not in the OpenAPI document: to everyone but an admin there is no such API.
router = APIRouter(prefix="/api/v1/admin/flags", tags=["admin"], include_in_schema=False)
NOT_FOUND = "Not Found"


def claim_at(claims: dict[str, Any], path: str) -> Any:
    found: Any = claims
    for part in path.split("."):
        found = found.get(part) if isinstance(found, dict) else None
    return found


async def admin_user(
    resources: Res,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> UUID:
    flags = resources.flags
    if credentials is None or flags is None:
        raise HTTPException(404, NOT_FOUND)
    try:
        claims = await run_in_threadpool(resources.verifier.claims, credentials.credentials)
    except AuthError:
        raise HTTPException(404, NOT_FOUND) from None
    role = claim_at(claims, flags.settings.pam_admin_role_claim)
    if role != flags.settings.pam_admin_role:
        raise HTTPException(404, NOT_FOUND)
    # The user id through the identities table, as every route maps a token.
    return await resources.verifier.averify(credentials.credentials)


Admin = Annotated[UUID, Depends(admin_user)]


def role_claims(settings: FlagSettings) -> dict[str, Any]:
    """The claims that make a token's holder an admin (`pam token --admin`)."""
    claims: dict[str, Any] = {}
    inner = claims
    *parents, leaf = settings.pam_admin_role_claim.split(".")
    for part in parents:
        inner = inner.setdefault(part, {})
    inner[leaf] = settings.pam_admin_role
    return claims


class Rollout(BaseModel):
    percentage: float = Field(ge=0, le=100, description="Share of users, 0-100.")


def _service(resources: Res) -> FlagService:
    assert resources.flags is not None  # admin_user has checked
    return resources.flags


def _unknown(exc: FlagError) -> HTTPException:
    message = str(exc)
    return HTTPException(404 if message.startswith("unknown flag") else 422, message)


@router.get("")
async def list_flags(admin: Admin, resources: Res) -> list[dict[str, Any]]:
    """Every flag PAM knows, with the rule in force and where it comes from."""
    flags = _service(resources)
    return await control.list_flags(resources.pool, flags.settings.pam_flags)


@router.get("/{name}")
async def get_flag(name: str, admin: Admin, resources: Res) -> dict[str, Any]:
    flags = _service(resources)
    try:
        return await control.get_flag(resources.pool, name, flags.settings.pam_flags)
    except FlagError as exc:
        raise _unknown(exc) from None


@router.put("/{name}")
async def put_flag(name: str, rule: FlagRule, admin: Admin, resources: Res) -> dict[str, Any]:
    """Set the flag's rule (default, value, percentage, users)."""
    flags = _service(resources)
    try:
        await control.set_flag(resources.pool, name, rule, f"user:{admin}")
    except FlagError as exc:
        raise _unknown(exc) from None
    await flags.reload()
    return await control.get_flag(resources.pool, name, flags.settings.pam_flags)


@router.put("/{name}/rollout")
async def put_rollout(name: str, body: Rollout, admin: Admin, resources: Res) -> dict[str, Any]:
    """Move the flag's rollout percentage; a user in keeps being in as it grows."""
    flags = _service(resources)
    try:
        await control.set_rollout(resources.pool, name, body.percentage, f"user:{admin}")
    except FlagError as exc:
        raise _unknown(exc) from None
    await flags.reload()
    return await control.get_flag(resources.pool, name, flags.settings.pam_flags)


@router.delete("/{name}")
async def delete_flag(name: str, admin: Admin, resources: Res) -> dict[str, Any]:
    """Clear the flag's rule: its default applies again."""
    flags = _service(resources)
    try:
        await control.clear_flag(resources.pool, name, f"user:{admin}")
    except FlagError as exc:
        raise _unknown(exc) from None
    await flags.reload()
    return await control.get_flag(resources.pool, name, flags.settings.pam_flags)


@router.get("/{name}/audit")
async def flag_audit(name: str, admin: Admin, resources: Res) -> list[dict[str, Any]]:
    """The flag's changes, newest first: who, when, old -> new."""
    try:
        spec_of(name)
    except FlagError as exc:
        raise _unknown(exc) from None
    return [
        {
            "actor": e.actor,
            "changed_at": e.changed_at.isoformat(),
            "old": e.old,
            "new": e.new,
        }
        for e in await audit_of(resources.pool, name)
    ]
