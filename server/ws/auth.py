"""WebSocket sign-in: `?token=` or a first frame `{"type": "auth", "token"}`.

Nothing else is read before it succeeds; a bad or missing token closes the socket with
4001 at once, and a client that says nothing is closed after AUTH_TIMEOUT_S. The auth
frame keeps the token out of the URL (and so out of every proxy's access log).

A socket lives no longer than its token: at the token's `exp` it is closed with 4401
unless an `auth` frame with a fresh token of the same user came first (docs/security.md).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from uuid import UUID

from starlette.websockets import WebSocket

from server.auth import AuthError, TokenVerifier
from server.ws.frames import AuthFrame, BadFrame, parse_frame

UNAUTHORIZED = 4001
TOKEN_EXPIRED = 4401
TOKEN_EXPIRED_REASON = "Token expired: send an auth frame with a fresh token, or reconnect."  # noqa: S105
AUTH_TIMEOUT_S = 1.0


class AuthFailed(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class SignedIn:
    user: UUID
    expires_at: float  # the token's `exp` (seconds since the epoch)


async def verify(verifier: TokenVerifier, token: str) -> SignedIn:
    try:
        return SignedIn(await verifier.averify(token), verifier.expiry(token))
    except AuthError:
        raise AuthFailed("Invalid or expired token.") from None


async def first_frame_token(websocket: WebSocket) -> str:
    try:
        async with asyncio.timeout(AUTH_TIMEOUT_S):
            message = await websocket.receive()
    except TimeoutError:
        raise AuthFailed("No token: send ?token= or an auth frame first.") from None
    text = message.get("text")
    if message["type"] != "websocket.receive" or text is None:
        raise AuthFailed('The first frame must be {"type": "auth", "token": ...}.')
    try:
        frame = parse_frame(text)
    except BadFrame:
        frame = None
    if not isinstance(frame, AuthFrame):
        raise AuthFailed('The first frame must be {"type": "auth", "token": ...}.')
    return frame.token


async def authenticate(websocket: WebSocket, verifier: TokenVerifier) -> SignedIn:
    """The verified user, or AuthFailed (the caller closes with 4001)."""
    token = websocket.query_params.get("token")
    if token is None:
        token = await first_frame_token(websocket)
    return await verify(verifier, token)
