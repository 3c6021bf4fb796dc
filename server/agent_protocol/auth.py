"""Who is calling: the verified bearer token, or the same JWT in `X-Api-Key`.

The official clients (agent-chat-ui, `useStream`, the SDKs) can only be given an "API
key", which they send as `X-Api-Key`; accepting PAM's JWT there lets them sign in
without a proxy. The token is verified exactly like a bearer token.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import Depends, Header, HTTPException
from fastapi.security import HTTPAuthorizationCredentials

from server.auth import AuthError
from server.deps import Res, bearer

CHALLENGE = {"WWW-Authenticate": "Bearer"}


async def protocol_user(
    resources: Res,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    x_api_key: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> UUID:
    token = credentials.credentials if credentials is not None else x_api_key
    if not token:
        raise HTTPException(401, "Missing bearer token.", headers=CHALLENGE)
    try:
        return await resources.verifier.averify(token)
    except AuthError:
        raise HTTPException(401, "Invalid or expired token.", headers=CHALLENGE) from None


ProtocolUser = Annotated[UUID, Depends(protocol_user)]
