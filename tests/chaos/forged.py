"""Tokens an attacker might present, each of which the server must refuse (401), and
the two genuine ones (HS256 with the shared secret, RS256 from the JWKS) it accepts."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import jwt

from tests.chaos.jwks import RsaKey, new_rsa_key
from tests.tokens import AUDIENCE, JWT_SECRET


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unsigned(header: dict[str, Any], claims: dict[str, Any]) -> str:
    return f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"


def claims(user: str, **changes: Any) -> dict[str, Any]:
    """Genuine claims for `user`; a change to None leaves that claim out."""
    now = int(time.time())
    base: dict[str, Any] = {"sub": user, "aud": AUDIENCE, "iat": now, "exp": now + 600}
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def hs256(payload: dict[str, Any], secret: str | bytes = JWT_SECRET) -> str:
    """Signed by hand, so any bytes can be the key (PyJWT refuses a PEM as an HMAC key)."""
    head = _unsigned({"alg": "HS256", "typ": "JWT"}, payload)
    key = secret.encode() if isinstance(secret, str) else secret
    return f"{head}.{_b64(hmac.new(key, head.encode(), hashlib.sha256).digest())}"


def rs256(payload: dict[str, Any], key: RsaKey) -> str:
    return jwt.encode(payload, key.private, algorithm="RS256", headers={"kid": key.kid})


def tampered(token: str, **changes: Any) -> str:
    """A genuine token whose payload was edited, its signature kept."""
    head, payload, signature = token.split(".")
    padded = payload + "=" * (-len(payload) % 4)
    data = {**json.loads(base64.urlsafe_b64decode(padded)), **changes}
    return f"{head}.{_b64(json.dumps(data).encode())}.{signature}"


def attacks(victim: str, key: RsaKey) -> dict[str, str]:
    """Name -> token; every one must get 401. `victim` is the user they try to be."""
    genuine = hs256(claims(victim))
    stranger = new_rsa_key(key.kid)  # same kid, another private key
    return {
        "alg none (unsigned)": _unsigned({"alg": "none", "typ": "JWT"}, claims(victim)) + ".",
        "alg none, signature kept": _unsigned({"alg": "none"}, claims(victim))
        + "."
        + genuine.split(".")[2],
        "HS256 signed with the server's RSA public key (key confusion)": hs256(
            claims(victim), key.public_pem
        ),
        "HS256 signed with a guessed secret": hs256(claims(victim), "secret"),
        "RS256 signed by another key with the JWKS kid": rs256(claims(victim), stranger),
        "expired (exp an hour ago)": hs256(claims(victim, exp=int(time.time()) - 3600)),
        "wrong audience (anon)": hs256(claims(victim, aud="anon")),
        "no audience": hs256(claims(victim, aud=None)),
        "no exp": hs256(claims(victim, exp=None)),
        "no sub": hs256(claims(victim, sub=None)),
        "empty sub": hs256(claims(victim, sub="")),
        "tampered payload (sub changed, signature kept)": tampered(
            hs256(claims("mallory")), sub=victim
        ),
        "tampered payload (exp extended, signature kept)": tampered(
            hs256(claims(victim, exp=int(time.time()) - 60)), exp=int(time.time()) + 3600
        ),
        "not a JWT": "not-a-token",
    }


def genuine(user: str, key: RsaKey) -> dict[str, str]:
    """The controls: both must be accepted, or the 401s above prove nothing."""
    return {
        "genuine HS256 (shared secret)": hs256(claims(user)),
        "genuine RS256 (JWKS key)": rs256(claims(user), key),
    }
