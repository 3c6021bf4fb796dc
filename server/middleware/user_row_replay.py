"""A request that found its user's row deleted is run once more (redteam 10).

An operator deleting a `users` row does not revoke the user's token. Each process
remembers the users whose row it has seen, so their transactions skip making it (a round
trip each, several per turn); the first write after the deletion fails on the foreign
key, rolls back (nothing written), and makes the process forget the user (tools/db/
scope.py). Rounds 8 and 9 answered that request 409 "send it again". Now the error
handler marks the request (`USER_ROW_GONE`) and this middleware runs it once more with
the same body before anything was sent: the second run makes the row, and the client
sees its request work, as a new user's — none of the deleted data comes back.

It sits inside the rate limit and the stream cap (the retry counts once) and holds the
body (at most MAX_BODY_BYTES, read in full by every JSON route anyway)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.middleware.asgi import replaying, scope_state

USER_ROW_GONE = "user_row_gone"  # set by the foreign-key error handler (server/errors.py)


class UserRowReplayMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":  # gone before its body came
                await self.app(scope, replaying(b"", receive), send)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        state = scope_state(scope)
        refused = False

        async def first_send(message: Message) -> None:
            nonlocal refused
            if message["type"] == "http.response.start" and state.pop(USER_ROW_GONE, False):
                refused = True  # the 409 and its body are dropped; the request runs again
            if not refused:
                await send(message)

        await self.app(scope, replaying(body, receive), first_send)
        if refused:
            await self.app({**scope}, replaying(body, receive), send)
