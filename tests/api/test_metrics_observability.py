"""Tracing and error reporting switch on from settings alone: LangSmith's variables are
exported for LangChain to read; Sentry starts only with a DSN, and then really reports
(to a local stand-in for Sentry, in a child process so this one stays untouched)."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sentry_sdk
from pydantic import SecretStr

from server.observability import export_langsmith_env, init_sentry, langsmith_env
from server.settings import Settings
from tests.servers import REPO

LANGSMITH_VARS = (
    "LANGSMITH_TRACING",
    "LANGSMITH_API_KEY",
    "LANGSMITH_PROJECT",
    "LANGSMITH_ENDPOINT",
)


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def test_langsmith_variables_are_exported_when_tracing_is_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in LANGSMITH_VARS:
        monkeypatch.setenv(name, "")  # so that teardown restores (or removes) it
        monkeypatch.delenv(name)
    off = settings(langsmith_tracing=True)  # no key: nothing to trace to
    assert langsmith_env(off) == {} and export_langsmith_env(off) is False
    on = settings(
        langsmith_tracing=True,
        langsmith_api_key=SecretStr("ls-test-key"),
        langsmith_project="pam-tests",
        langsmith_endpoint="http://127.0.0.1:9/langsmith",
    )
    assert export_langsmith_env(on) is True
    assert {name: os.environ[name] for name in LANGSMITH_VARS} == {
        "LANGSMITH_TRACING": "true",
        "LANGSMITH_API_KEY": "ls-test-key",
        "LANGSMITH_PROJECT": "pam-tests",
        "LANGSMITH_ENDPOINT": "http://127.0.0.1:9/langsmith",
    }


def test_sentry_stays_off_without_a_dsn() -> None:
    assert init_sentry(settings(sentry_dsn=None)) is False
    assert init_sentry(settings(sentry_dsn=SecretStr(""))) is False
    assert not sentry_sdk.get_client().is_active()


@dataclass
class SentryStandIn:
    port: int
    received: list[tuple[str, bytes]]  # (path, body) of every POST


@contextmanager
def sentry_stand_in() -> Iterator[SentryStandIn]:
    """A local HTTP server that accepts Sentry envelopes and keeps them."""
    received: list[tuple[str, bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            received.append((self.path, body))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, format: str, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield SentryStandIn(port=int(server.server_address[1]), received=received)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


PROBE = """
import sys, sentry_sdk
from pydantic import SecretStr
from server.observability import init_sentry
from server.settings import Settings
settings = Settings(_env_file=None, sentry_dsn=SecretStr(sys.argv[1]), environment="test")
assert init_sentry(settings) is True
assert sentry_sdk.get_client().is_active()
sentry_sdk.capture_message("pam sentry probe")
sentry_sdk.flush(timeout=10)
"""


@pytest.mark.slow  # the child imports the SDK's integrations (LangChain, OpenAI, ...) afresh
def test_sentry_reports_when_a_dsn_is_set() -> None:
    with sentry_stand_in() as sentry:
        dsn = f"http://publickey@127.0.0.1:{sentry.port}/42"
        done = subprocess.run(
            [sys.executable, "-c", PROBE, dsn], cwd=REPO, capture_output=True, timeout=60
        )
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        sent = b"".join(body for path, body in sentry.received if path == "/api/42/envelope/")
    assert b"pam sentry probe" in sent
    assert b'"environment":"test"' in sent.replace(b" ", b"")
