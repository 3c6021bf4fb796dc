"""A streaming response that knows when it is over, for `on_disconnect: cancel`."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping

import anyio
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

OnClose = Callable[[], Awaitable[None]]


class ClosingStream(StreamingResponse):
    """Calls `on_close` once the body has ended or the client has gone, whichever is
    first; the callback tells the two apart by asking the run whether it is done."""

    def __init__(
        self,
        body: AsyncIterator[bytes],
        *,
        media_type: str,
        headers: Mapping[str, str],
        on_close: OnClose | None = None,
    ) -> None:
        super().__init__(body, media_type=media_type, headers=dict(headers))
        self._body = body
        self._on_close = on_close

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            with anyio.CancelScope(shield=True), contextlib.suppress(Exception):
                # Close the body now rather than whenever it is garbage collected.
                aclose = getattr(self._body, "aclose", None)
                if aclose is not None:
                    await aclose()
                if self._on_close is not None:
                    await self._on_close()
