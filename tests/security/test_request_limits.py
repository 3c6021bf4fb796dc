"""Issue 14 M5, over raw sockets against a real `pam serve`: a request head larger than
MAX_HEADER_BYTES is refused and closed, a head trickled slower than its deadline is
closed, and a body slower than its deadline gets 408 — with each HTTP protocol
`pam serve` can run (HTTP_PROTOCOL, server/http_protocol.py)."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator

import pytest

from tests.api.conftest import TEST_JWT_SECRET, token_for
from tests.servers import RunningServer, pam_server

pytestmark = [pytest.mark.slow, pytest.mark.hardening]


MAX_HEADER_BYTES = 16384


@pytest.fixture(scope="module", params=["httptools", "h11"])
def http_protocol(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def bounded_server(
    http_protocol: str, migrated_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    env = {
        "DATABASE_URL": migrated_url,
        "PAM_JWT_SECRET": TEST_JWT_SECRET,
        "PAM_DATA_DIR": str(tmp_path_factory.mktemp("pam") / "data"),
        "PAM_WORKER": "false",
        "ENVIRONMENT": "test",
        "LOG_LEVEL": "WARNING",
        "MAX_HEADER_BYTES": str(MAX_HEADER_BYTES),
        "HTTP_PROTOCOL": http_protocol,
        "REQUEST_HEADERS_TIMEOUT_S": "1.5",
        "REQUEST_BODY_TIMEOUT_S": "1.5",
    }
    with pam_server(env) as server:
        yield server


def open_socket(server: RunningServer) -> socket.socket:
    host, port = server.url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    return sock


def read_all(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes (a timeout fails the test)."""
    chunks = []
    try:
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    except ConnectionResetError:
        pass  # closed with unread bytes of ours in its buffer
    return b"".join(chunks)


def test_an_oversized_header_is_refused_and_closed(bounded_server: RunningServer) -> None:
    with open_socket(bounded_server) as sock:
        head = b"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (1024 * 1024)
        # Closed before it was all sent is also a refusal.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(head + b"\r\n\r\n")
        answer = read_all(sock)
    assert b"200 OK" not in answer
    assert answer == b"" or answer.startswith(b"HTTP/1.1 400")


def test_a_normal_request_still_works(bounded_server: RunningServer) -> None:
    with open_socket(bounded_server) as sock:
        sock.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert read_all(sock).startswith(b"HTTP/1.1 200")


def test_a_head_just_under_the_limit_is_served(bounded_server: RunningServer) -> None:
    """Sent in pieces, each read adding to the count: only the limit refuses."""
    with open_socket(bounded_server) as sock:
        sock.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n")
        for _ in range(3):
            sock.sendall(b"X-Pad: " + b"a" * (MAX_HEADER_BYTES // 4) + b"\r\n")
            time.sleep(0.05)
        sock.sendall(b"\r\n")
        assert read_all(sock).startswith(b"HTTP/1.1 200")


def test_a_complete_head_over_the_limit_in_one_write_is_refused(
    bounded_server: RunningServer,
) -> None:
    with open_socket(bounded_server) as sock:
        head = b"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (MAX_HEADER_BYTES * 2)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(head + b"\r\nConnection: close\r\n\r\n")
        answer = read_all(sock)
    assert b"200 OK" not in answer
    assert answer == b"" or answer.startswith(b"HTTP/1.1 400")


def test_a_kept_alive_connection_serves_the_next_request(bounded_server: RunningServer) -> None:
    """The head's deadline and count start again for the next request on the socket."""
    request = b"GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"
    with open_socket(bounded_server) as sock:
        for _ in range(3):
            sock.sendall(request)
            answer = b""
            while b"\r\n\r\n" not in answer or not answer.endswith(b"}"):
                answer += sock.recv(65536)
            assert answer.startswith(b"HTTP/1.1 200")


def test_a_trickled_header_is_closed_at_its_deadline(bounded_server: RunningServer) -> None:
    with open_socket(bounded_server) as sock:
        started = time.monotonic()
        sock.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\n")
        closed = False
        while time.monotonic() - started < 8:
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            sock.settimeout(0.3)
            try:
                if sock.recv(1024) == b"":
                    closed = True
                    break
            except TimeoutError:
                pass
        assert closed, "a header trickled for 8 s kept its connection"
        assert time.monotonic() - started < 5


def test_a_silent_connection_is_closed(bounded_server: RunningServer) -> None:
    with open_socket(bounded_server) as sock:
        started = time.monotonic()
        assert read_all(sock) == b""
        assert time.monotonic() - started < 5


def test_a_slow_body_gets_408(bounded_server: RunningServer) -> None:
    token = token_for("slow-body")
    with open_socket(bounded_server) as sock:
        sock.sendall(
            b"POST /api/v1/pam/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + token.encode() + b"\r\n"
            b'Content-Length: 100\r\n\r\n{"message": '
        )
        started = time.monotonic()
        answer = read_all(sock)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"request_timeout" in answer
    assert time.monotonic() - started < 5


def test_a_body_larger_than_the_head_limit_in_the_same_write_is_no_head(
    bounded_server: RunningServer,
) -> None:
    """Head and body in one read, on a kept-alive connection: only head bytes count."""
    body = b"x" * (MAX_HEADER_BYTES * 2)
    request = (
        b"POST /health/live HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )
    with open_socket(bounded_server) as sock:
        for _ in range(2):
            sock.sendall(request)
            assert read_response(sock).startswith(b"HTTP/1.1 405")


def test_a_bad_request_pipelined_behind_a_good_one_is_refused_after_its_answer(
    bounded_server: RunningServer,
) -> None:
    """Both in one write: the first is answered whole, then the second gets its 400."""
    good = b"GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"
    bad = b"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (MAX_HEADER_BYTES * 2)
    with open_socket(bounded_server) as sock:
        sock.sendall(good + bad + b"\r\n\r\n")
        answer = read_all(sock)
    first, second = answer.split(b"HTTP/1.1 ")[1:]
    assert first.startswith(b"200") and first.endswith(b'{"status":"ok"}')
    assert second.startswith(b"400")


def read_response(sock: socket.socket) -> bytes:
    """One whole response on a kept-alive connection: its head, then its body by length."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.lower().split(b"\r\n")
        if line.startswith(b"content-length:")
    )
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, body
        body += chunk
    assert len(body) == length, "a byte past this response"
    return head
