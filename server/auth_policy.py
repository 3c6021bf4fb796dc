"""What PAM accepts as proof of identity: the rules in one place (docs/security.md).

- A shared HS256 secret used in production must not be a published example and must
  carry at least SECRET_FLOOR_BITS of estimated entropy (zxcvbn's guess count; the floor
  is measured by `python -m bench.secret_entropy`).
- With PAM_JWKS_URL configured, HS256 is off unless PAM_JWT_HS256_WITH_JWKS=true says
  both are wanted on purpose (and then the secret passes the same checks).
- A token may not live longer than PAM_JWT_MAX_LIFETIME_S (from `iat`, or from now when
  it has none), and a `role` claim, when present, must be one of PAM_JWT_ROLES.
"""

from __future__ import annotations

import math
from typing import Any

from zxcvbn import zxcvbn

SECRET_FLOOR_BITS = 80.0
# zxcvbn's matching is quadratic in the length; a secret's first characters decide.
ESTIMATE_CHARS = 100
MIN_SECRET_CHARS = 32

# Secrets printed in documentation, example .env files and quick-start guides: anyone
# can sign tokens with them. Compared after stripping surrounding whitespace.
KNOWN_EXAMPLE_SECRETS = frozenset(
    {
        "change-me",
        "changeme",
        "secret",
        "your-secret",
        "your-jwt-secret",
        "jwt-secret",
        # Supabase's self-hosting .env example and its local development default.
        "your-super-secret-jwt-token-with-at-least-32-characters-long",
        "super-secret-jwt-token-with-at-least-32-characters-long",
        # PAM's own test and example values.
        "test-secret-that-is-long-enough-for-hs256-0123456789",
        "unit-test-secret-that-is-long-enough-0123456789",
    }
)


def secret_bits(secret: str) -> float:
    """Estimated entropy in bits: log2 of zxcvbn's guesses to find the secret."""
    guesses = float(zxcvbn(secret[:ESTIMATE_CHARS])["guesses"])
    return math.log2(max(guesses, 1.0))


def secret_problem(secret: str) -> str | None:
    """Why `secret` may not sign production tokens, or None when it may."""
    if secret.strip() in KNOWN_EXAMPLE_SECRETS:
        return "is a published example secret"
    if len(secret) < MIN_SECRET_CHARS:
        return f"is shorter than {MIN_SECRET_CHARS} characters"
    bits = secret_bits(secret)
    if bits < SECRET_FLOOR_BITS:
        return f"is too guessable (about {bits:.0f} bits; at least {SECRET_FLOOR_BITS:.0f} needed)"
    return None


def hs256_accepted(*, secret: str | None, jwks_url: str | None, hs256_with_jwks: bool) -> bool:
    """Whether HS256 tokens are verified at all (with JWKS only when asked for)."""
    return bool(secret) and (not jwks_url or hs256_with_jwks)


def production_auth_problem(
    *, secret: str | None, jwks_url: str | None, hs256_with_jwks: bool
) -> str | None:
    """Why these auth settings may not run in production, or None."""
    if not secret and not jwks_url:
        return (
            "SUPABASE_JWT_SECRET (or PAM_JWT_SECRET) or PAM_JWKS_URL must be set "
            "when ENVIRONMENT=production"
        )
    if secret and hs256_accepted(secret=secret, jwks_url=jwks_url, hs256_with_jwks=hs256_with_jwks):
        problem = secret_problem(secret)
        if problem is not None:
            return (
                f"SUPABASE_JWT_SECRET (or PAM_JWT_SECRET) {problem}; use a random secret "
                "such as `openssl rand -base64 32` when ENVIRONMENT=production"
            )
    return None


def claims_problem(
    claims: dict[str, Any], *, now: float, max_lifetime_s: int, roles: frozenset[str]
) -> str | None:
    """Why verified claims still do not sign anyone in, or None."""
    issued = claims.get("iat")
    start = float(issued) if isinstance(issued, int | float) and issued <= now else now
    if float(claims["exp"]) - start > max_lifetime_s:
        return f"token lifetime exceeds {max_lifetime_s} s"
    role = claims.get("role")
    if role is not None and (not isinstance(role, str) or role not in roles):
        return f"role {role!r} is not accepted"
    return None
