"""FastAPI dependencies, as `Annotated` aliases: `CurrentUser`, `Db`, `Res`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated
from uuid import UUID

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from server.auth import AuthError
from server.flags.apply import use_flags_of
from server.resources import Resources
from tools.db.scope import UserDb, user_db

bearer = HTTPBearer(auto_error=False, description="A Supabase-style JWT")


# The dependencies are `async def`: FastAPI runs a sync dependency in its thread pool,
# a thread hop per request for work that never blocks.
async def get_resources(request: Request) -> Resources:
    resources: Resources = request.app.state.resources
    return resources


Res = Annotated[Resources, Depends(get_resources)]


async def current_user(
    resources: Res,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> UUID:
    if credentials is None:
        raise HTTPException(401, "Missing bearer token.", headers={"WWW-Authenticate": "Bearer"})
    try:
        return await resources.verifier.averify(credentials.credentials)
    except AuthError:
        raise HTTPException(
            401, "Invalid or expired token.", headers={"WWW-Authenticate": "Bearer"}
        ) from None


CurrentUser = Annotated[UUID, Depends(current_user)]


async def scoped_db(resources: Res, user: CurrentUser) -> AsyncIterator[UserDb]:
    async with user_db(resources.pool, user, services=resources.services) as db:
        await use_flags_of(resources.flags, db)  # the kill switches of the actions it performs
        yield db


# scope="function": the transaction commits before the response is sent, so a client
# that reads right after a write sees it, and a failed commit is an error, not a 201.
Db = Annotated[UserDb, Depends(scoped_db, scope="function")]
