"""`GET /api/v1/dev/token`: the embedded default signs in a browser on this computer.

It answers only when all of these hold, and is a 404 (as if it did not exist) otherwise:
- no real auth is configured (no SUPABASE_JWT_SECRET / PAM_JWT_SECRET / PAM_JWKS_URL), so
  the tokens it issues are signed with the local secret in PAM_DATA_DIR;
- ENVIRONMENT is not production;
- the peer is a loopback address, the Host header names this computer (a DNS-rebinding
  page reaches 127.0.0.1 under its own host name), and no proxy header says the request
  was forwarded on behalf of someone else (X-Forwarded-Host included);
- the request comes from PAM's own page or a non-browser client: a browser's `Origin`,
  when sent, is this server's own origin, and `Sec-Fetch-Site` is not same-site or
  cross-site — so a page on another port (the CORS origins included) never gets one.
"""

from __future__ import annotations

import ipaddress

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel

from server.deps import Res
from server.settings import Settings

router = APIRouter(prefix="/api/v1/dev", tags=["dev"])

LOCAL_USER = "local"
TOKEN_TTL_S = 12 * 3600
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip")
OTHER_SITES = frozenset({"same-site", "cross-site"})


class DevToken(BaseModel):
    token: str
    user: str
    expires_in: int


def is_loopback(host: str | None) -> bool:
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(host_header: str) -> str:
    """`localhost:8000` -> `localhost`; `[::1]:8000` -> `[::1]`."""
    if host_header.startswith("["):
        return host_header.split("]", 1)[0] + "]"
    return host_header.rsplit(":", 1)[0] if ":" in host_header else host_header


def local_auth_only(settings: Settings) -> bool:
    return (
        settings.pam_jwt_secret is None
        and not settings.pam_jwks_url
        and settings.environment != "production"
    )


def from_this_computer(request: Request) -> bool:
    peer = request.client.host if request.client else None
    host = host_name(request.headers.get("host", "")).lower()
    forwarded = any(name in request.headers for name in PROXY_HEADERS)
    return is_loopback(peer) and host in LOCAL_HOSTS and not forwarded


def same_origin(request: Request) -> bool:
    """Not asked for by a page of another origin (ports differ: another origin)."""
    origin = request.headers.get("origin")
    own = f"{request.url.scheme}://{request.headers.get('host', '')}".lower()
    if origin is not None and origin.lower() != own:
        return False
    return request.headers.get("sec-fetch-site", "").lower() not in OTHER_SITES


@router.get("/token", response_model=DevToken)
async def dev_token(request: Request, resources: Res) -> DevToken:
    """A token for the local user, for a browser or `pam chat` on this computer."""
    allowed = from_this_computer(request) and same_origin(request)
    if not (local_auth_only(resources.settings) and allowed):
        raise HTTPException(404, "Not Found")
    token = resources.verifier.issue(LOCAL_USER, ttl_s=TOKEN_TTL_S)
    return DevToken(token=token, user=LOCAL_USER, expires_in=TOKEN_TTL_S)
