"""TokenVerifier remembers tokens it has verified, never past their `exp`."""

from __future__ import annotations

import time

import jwt
import pytest

from server.auth import AuthError, TokenVerifier, user_uuid

SECRET = "unit-test-secret-that-is-long-enough-0123456789"


def verifier() -> TokenVerifier:
    return TokenVerifier(secret=SECRET, audience="authenticated")


def test_a_verified_token_is_not_decoded_again(monkeypatch: pytest.MonkeyPatch) -> None:
    v = verifier()
    token = v.issue("alice", ttl_s=3600)
    decodes = 0
    real = jwt.decode

    def counting(*args: object, **kwargs: object) -> object:
        nonlocal decodes
        decodes += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jwt, "decode", counting)
    assert v.verify(token) == v.verify(token) == user_uuid("alice")
    assert decodes == 1


def test_a_remembered_token_still_expires() -> None:
    v = verifier()
    token = v.issue("alice", ttl_s=1)
    assert v.verify(token) == user_uuid("alice")
    time.sleep(1.2)
    with pytest.raises(AuthError):
        v.verify(token)


def test_a_refused_token_is_not_remembered() -> None:
    v = verifier()
    forged = TokenVerifier(
        secret="another-secret-that-is-long-enough-98765", audience="authenticated"
    )
    token = forged.issue("alice")
    for _ in range(2):
        with pytest.raises(AuthError):
            v.verify(token)
    assert token not in v.verified
