"""The HTTP/1.1 protocol `pam serve` runs: uvicorn's h11 implementation, bounded.

- Headers: h11 refuses a request whose head (request line and headers) is larger than
  MAX_HEADER_BYTES with 400 and closes (httptools, uvicorn's default when installed,
  buffers any size: an 8 MiB header line was read whole).
- Time: a request's head must be complete within HEADERS_TIMEOUT_S of the connection
  opening (or of the first byte of the next request on a kept-alive connection), else
  the connection is closed — a client trickling header bytes holds nothing for long.
  The body's own deadline is BodyLimitMiddleware's (408).
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

MAX_HEADER_BYTES = 64 * 1024
HEADERS_TIMEOUT_S = 10.0


class BoundedH11Protocol(H11Protocol):
    headers_timeout_s = HEADERS_TIMEOUT_S

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headers_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        # Their side IDLE: no complete request head yet (a new connection, or bytes of
        # the next request); anything else means the head is in, or the socket upgraded.
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._arm()
        else:
            self._disarm()

    def _arm(self) -> None:
        if self._headers_deadline is None:
            self._headers_deadline = self.loop.call_later(
                self.headers_timeout_s, self._headers_too_slow
            )

    def _disarm(self) -> None:
        if self._headers_deadline is not None:
            self._headers_deadline.cancel()
            self._headers_deadline = None

    def _headers_too_slow(self) -> None:
        self._headers_deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def bounded_h11(headers_timeout_s: float) -> type[BoundedH11Protocol]:
    """The protocol class with this deadline (uvicorn instantiates the class itself)."""
    return type(
        "BoundedH11Protocol", (BoundedH11Protocol,), {"headers_timeout_s": headers_timeout_s}
    )
