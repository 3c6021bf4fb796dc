"""Security headers on every HTTP response (a route's own value wins).

The CSP allows the service's own scripts, styles and connections (the web chat page is
served from the same origin, WebSocket included) and nothing inline; the OpenAPI page,
which only exists outside production, loads Swagger UI from its CDN.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self';"
    " form-action 'self'; frame-ancestors 'none'"
)
DOCS_CDN = "https://cdn.jsdelivr.net"
DOCS_CSP = (
    f"default-src 'self'; script-src 'self' 'unsafe-inline' {DOCS_CDN};"
    f" style-src 'self' 'unsafe-inline' {DOCS_CDN}; img-src 'self' data: {DOCS_CDN}"
    " https://fastapi.tiangolo.com; connect-src 'self'; object-src 'none';"
    " frame-ancestors 'none'"
)
HSTS = "max-age=63072000; includeSubDomains"


def security_headers(path: str, *, production: bool) -> dict[str, str]:
    headers = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Content-Security-Policy": DOCS_CSP if path.startswith("/api/docs") else CSP,
        "Cross-Origin-Opener-Policy": "same-origin",
        # The chat page may share the user's location with PAM; nothing else.
        "Permissions-Policy": "geolocation=(self), camera=(), microphone=()",
    }
    if production:
        headers["Strict-Transport-Security"] = HSTS
    return headers


def _raw(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [
        (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()
    ]


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, production: bool) -> None:
        self.app = app
        self.production = production
        # Encoded once: the two sets a response can get (the API docs' page, the rest).
        self.docs = _raw(security_headers("/api/docs", production=production))
        self.rest = _raw(security_headers("/", production=production))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = self.docs if scope["path"].startswith("/api/docs") else self.rest

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)  # a route's own value wins
                present = {name for name, _ in headers.raw}
                headers.raw.extend(h for h in wanted if h[0] not in present)
            await send(message)

        await self.app(scope, receive, send_with_headers)
