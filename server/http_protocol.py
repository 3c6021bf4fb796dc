"""The HTTP/1.1 protocols `pam serve` runs: uvicorn's httptools (default) or h11
implementation (HTTP_PROTOCOL=h11), both bounded the same way.

- Headers: a request whose head (request line and headers) is larger than
  MAX_HEADER_BYTES is refused with 400 and the connection closed. h11 bounds a head
  still incomplete after a read (`h11_max_incomplete_event_size`) and
  `HeadBoundConnection` the size of a complete one (a head that arrives whole in one
  read is never incomplete); uvicorn's httptools protocol buffers any size (an
  8 MiB header line was read whole), so BoundedHttpToolsProtocol counts: the bytes
  received while a head is incomplete (memory held by a head never exceeds the limit
  by more than one socket read) and the size of each complete head.
- Time: a request's head must be complete within HEADERS_TIMEOUT_S of the connection
  opening (or, on a kept-alive connection, of the last response's end), else the
  connection is closed — a client trickling header bytes holds nothing for long.
  The body's own deadline is BodyLimitMiddleware's (408).
- Pipelining: a bad request behind others on one connection is refused after their
  responses, as h11 does by reading one request at a time.

httptools parses in C and frames a chunked body in one write per ASGI message (h11's
per-event state machine is Python): docs/chat-stream.md has the figures.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from server.settings import Settings

MAX_HEADER_BYTES = 64 * 1024
HEADERS_TIMEOUT_S = 10.0


class HeadDeadline(ABC):
    """The request head's deadline, for either protocol: armed when a connection opens and
    while a head is awaited, closing the connection if it is still awaited when the
    deadline passes."""

    headers_timeout_s = HEADERS_TIMEOUT_S
    _headers_deadline: asyncio.TimerHandle | None = None
    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport

    @abstractmethod
    def _waiting_for_head(self) -> bool: ...

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)  # type: ignore[misc]

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
        if self._waiting_for_head() and not self.transport.is_closing():
            self.transport.close()


class HeadBoundConnection(h11.Connection):
    """h11's connection refusing a complete request head over its incomplete-event limit:
    raised as h11's own parse errors are, uvicorn answers it with 400 and closes."""

    def next_event(self) -> Any:
        event = super().next_event()
        if isinstance(event, h11.Request):
            size = len(event.method) + len(event.target)
            size += sum(len(name) + len(value) + 4 for name, value in event.headers)
            if size > self._max_incomplete_event_size:
                raise h11.RemoteProtocolError("request head too large", error_status_hint=400)
        return event


class BoundedH11Protocol(HeadDeadline, H11Protocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conn = HeadBoundConnection(h11.SERVER, self.conn._max_incomplete_event_size)

    def handle_events(self) -> None:
        super().handle_events()
        # Their side IDLE: no complete request head yet (a new connection, or bytes of
        # the next request); anything else means the head is in, or the socket upgraded.
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._arm()
        else:
            self._disarm()

    def _waiting_for_head(self) -> bool:
        return self.conn.their_state is h11.IDLE


class HeadTooLarge(Exception):
    """Raised from httptools' headers-complete callback: the parser stops and uvicorn
    answers its parse errors with 400 and closes."""


class BoundedHttpToolsProtocol(HeadDeadline, HttpToolsProtocol):
    max_header_bytes = MAX_HEADER_BYTES

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = True  # waiting for (the rest of) a request head
        self._head_received = 0  # bytes read while the head was incomplete
        self._head_size = 0  # the head as parsed: request target, names and values
        self._heads_completed = 0
        self._refusal: str | None = None  # a 400 waiting for the responses before it

    def data_received(self, data: bytes) -> None:
        was_in_head = self._in_head
        heads_before = self._heads_completed
        super().data_received(data)
        # A head still incomplete after this read: all of it counts when the same head
        # was under way before it and none completed in it (a read that ended a head or
        # a body starts the count at zero; a complete head's own size is checked in
        # on_headers_complete).
        if (
            self._in_head
            and was_in_head
            and self._heads_completed == heads_before
            and not self.transport.is_closing()
        ):
            self._head_received += len(data)
            if self._head_received > self.max_header_bytes:
                self.send_400_response("Invalid HTTP request received.")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_size = 0

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        self._head_size += len(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        super().on_header(name, value)
        self._head_size += len(name) + len(value) + 4  # ": " and CRLF

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._heads_completed += 1
        self._disarm()
        if self._head_size > self.max_header_bytes:
            raise HeadTooLarge
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_head = True
        self._head_received = 0

    def handle_websocket_upgrade(self) -> None:
        super().handle_websocket_upgrade()
        self._in_head = False  # the socket is the WebSocket protocol's now
        self._disarm()

    def send_400_response(self, msg: str) -> None:
        if self.cycle is not None and not self.cycle.response_complete:
            # A pipelined request went wrong while the ones before it are still being
            # answered: a 400 now would land inside a response, so it waits for them,
            # reading nothing more (the parser has stopped at the error).
            self._refusal = msg
            self.flow.pause_reading()
            self._disarm()
            return
        super().send_400_response(msg)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.transport.is_closing():
            return
        if self._refusal is None:
            if self._in_head:
                self._arm()
            return
        if self.pipeline:  # requests parsed before the bad one are answered first
            self.flow.pause_reading()
            return
        self._cancel_keep_alive()
        super().send_400_response(self._refusal)

    def _cancel_keep_alive(self) -> None:
        if self.timeout_keep_alive_task is not None:
            self.timeout_keep_alive_task.cancel()
            self.timeout_keep_alive_task = None

    def _waiting_for_head(self) -> bool:
        return self._in_head


def bounded_h11(headers_timeout_s: float) -> type[BoundedH11Protocol]:
    """The protocol class with this deadline (uvicorn instantiates the class itself)."""
    return type(
        "BoundedH11Protocol", (BoundedH11Protocol,), {"headers_timeout_s": headers_timeout_s}
    )


def bounded_httptools(
    headers_timeout_s: float, max_header_bytes: int
) -> type[BoundedHttpToolsProtocol]:
    """The httptools protocol class with this deadline and head size limit."""
    return type(
        "BoundedHttpToolsProtocol",
        (BoundedHttpToolsProtocol,),
        {"headers_timeout_s": headers_timeout_s, "max_header_bytes": max_header_bytes},
    )


def bounded_protocol(settings: Settings) -> type[HttpToolsProtocol] | type[H11Protocol]:
    """The protocol class `pam serve` hands uvicorn, as the settings choose it."""
    if settings.http_protocol == "h11":
        return bounded_h11(settings.request_headers_timeout_s)
    return bounded_httptools(settings.request_headers_timeout_s, settings.max_header_bytes)
