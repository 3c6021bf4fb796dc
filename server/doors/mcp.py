"""The MCP door: PAM over the Model Context Protocol (the official `mcp` SDK's server,
Streamable HTTP transport) at `/mcp`.

Stateless HTTP with JSON answers: each POST is one request, any instance can serve it,
and nothing is kept between requests (an approval waits in a signed ticket, not a
session). The caller is the bearer token's user, verified like every other route's
token; without one the answer is 401 with `WWW-Authenticate: Bearer resource_metadata=`
pointing at the RFC 9728 metadata (`/.well-known/oauth-protected-resource/mcp`) that
names where tokens come from, which is how MCP clients discover authorization.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import mcp_types as types
from mcp.server import Server, ServerRequestContext
from mcp.server.auth.middleware.bearer_auth import AuthenticatedUser
from mcp.server.auth.provider import AccessToken
from mcp.server.streamable_http_manager import StreamableHTTPASGIApp, StreamableHTTPSessionManager
from mcp.shared.auth import ProtectedResourceMetadata
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from server.doors.door import DoorRoute, DoorSettings, token_user
from server.doors.mcp_tools import call_tool, tool_list
from server.resources import Resources

PATH = "/mcp"
METADATA_PATH = "/.well-known/oauth-protected-resource" + PATH
INSTRUCTIONS = (
    "PAM keeps the user's money (wins), vehicles and trips (wheels), calendar, tasks "
    "and profile (you), and community (social). Call the actions directly, or ask_pam "
    "for a whole conversation turn. A call answering status approval_required has done "
    "nothing yet: ask the user, then call decide_approval."
)


def _user_of(ctx: ServerRequestContext[Any, Any]) -> tuple[UUID, Starlette]:
    """The verified user (BearerGate put it on the request) and the app."""
    request = ctx.request
    if not isinstance(request, Request):
        raise RuntimeError("an MCP request reached a tool without its HTTP request")
    user = request.scope.get("user")
    if not isinstance(user, AuthenticatedUser) or user.access_token.subject is None:
        raise RuntimeError("an MCP request reached a tool without a verified user")
    return UUID(user.access_token.subject), request.app


async def _list_tools(
    ctx: ServerRequestContext[Any, Any], params: types.PaginatedRequestParams | None
) -> types.ListToolsResult:
    return types.ListToolsResult(tools=list(tool_list()))


async def _call_tool(
    ctx: ServerRequestContext[Any, Any], params: types.CallToolRequestParams
) -> types.CallToolResult:
    subject, app = _user_of(ctx)
    return await call_tool(app, subject, params.name, dict(params.arguments or {}))


def mcp_server() -> Server[Any]:
    return Server(
        "pam",
        version="0.1.0",
        title="PAM",
        instructions=INSTRUCTIONS,
        on_list_tools=_list_tools,
        on_call_tool=_call_tool,
    )


def _metadata_url(request_scope: Scope) -> str:
    request = Request(request_scope)
    return str(request.base_url).rstrip("/") + METADATA_PATH


class BearerGate:
    """Verifies the bearer token as every route does (server/auth.py) and hands the MCP
    transport an authenticated user whose `subject` is PAM's user id; 401 otherwise."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        resources: Resources = scope["app"].state.resources
        header = Request(scope).headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        token = token.strip() if scheme.lower() == "bearer" else ""
        user = await token_user(resources, token)
        if user is None:
            challenge = (
                f'Bearer error="invalid_token", error_description="Missing, invalid or '
                f'expired bearer token", resource_metadata="{_metadata_url(scope)}"'
            )
            response = JSONResponse(
                {
                    "error": "invalid_token",
                    "error_description": "Missing, invalid or expired token.",
                },
                status_code=401,
                headers={"WWW-Authenticate": challenge},
            )
            await response(scope, receive, send)
            return
        access = AccessToken(token=token, client_id="pam", scopes=[], subject=str(user))
        scope["user"] = AuthenticatedUser(access)
        await self.app(scope, receive, send)


class McpDoor:
    """The door's routes and its session manager (run for the app's lifetime)."""

    def __init__(self) -> None:
        self.manager = StreamableHTTPSessionManager(
            app=mcp_server(), json_response=True, stateless=True
        )
        self.settings = DoorSettings()

    def routes(self) -> list[DoorRoute]:
        endpoint = BearerGate(StreamableHTTPASGIApp(self.manager))
        return [
            DoorRoute(PATH, endpoint=endpoint, methods=["GET", "POST", "DELETE"]),
            DoorRoute(METADATA_PATH, endpoint=self._metadata, methods=["GET"]),
        ]

    async def _metadata(self, request: Request) -> Response:
        base = str(request.base_url).rstrip("/")
        issuer = self.settings.pam_auth_issuer_url or base
        metadata = ProtectedResourceMetadata.model_validate(
            {
                "resource": base + PATH,
                "authorization_servers": [issuer],
                "resource_name": "PAM",
                "resource_documentation": base + "/api/docs",
            }
        )
        return JSONResponse(metadata.model_dump(mode="json", exclude_none=True))
