"""A local JWKS endpoint serving one RSA public key, so the server can be run with
PAM_JWKS_URL (as with Supabase's asymmetric keys) and attacked with it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

KID = "chaos-rsa-1"


@dataclass(frozen=True)
class RsaKey:
    private: rsa.RSAPrivateKey
    kid: str = KID

    @property
    def public_pem(self) -> bytes:
        return self.private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(self.private.public_key()))
        return {**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}


def new_rsa_key(kid: str = KID) -> RsaKey:
    return RsaKey(rsa.generate_private_key(public_exponent=65537, key_size=2048), kid)


@contextmanager
def jwks_server(key: RsaKey) -> Iterator[str]:
    """Serve {"keys": [key]} on a free loopback port; yields the JWKS URL."""
    body = json.dumps({"keys": [key.jwk()]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet: the harness prints its own summary

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/.well-known/jwks.json"
    finally:
        server.shutdown()
        server.server_close()
