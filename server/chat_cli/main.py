"""Entry point of `pam chat`: pick the transport, run the session, close cleanly."""

from __future__ import annotations

import asyncio
from uuid import UUID

from rich.console import Console

from server.chat_cli.remote import ChatCliError, WebSocketTransport, dev_token
from server.chat_cli.session import Session
from server.settings import Settings


async def chat_remote(console: Console, server: str, token: str | None, thread: str | None) -> None:
    server = server.rstrip("/")
    bearer: str = token if token else await asyncio.to_thread(dev_token, server)
    session: Session | None = None

    def notice(frame: dict[str, object]) -> None:  # pushed frames, shown between turns
        if session is not None:
            session.screen.notice(dict(frame))

    transport = WebSocketTransport(server, bearer, notice)
    session = Session(transport, console, thread)
    try:
        await session.run()
    finally:
        await transport.aclose()


async def chat_local(console: Console, settings: Settings, user: str, thread: str | None) -> None:
    from server.chat_cli.local import LocalTransport  # the graph and its imports: only here

    transport = LocalTransport(settings, user)
    with console.status("starting PAM in this process…"):
        await transport.open()
    try:
        await Session(transport, console, thread).run()
    finally:
        await transport.aclose()


def default_server(settings: Settings) -> str:
    """Where `pam serve` listens with these settings (HOST, PORT), as seen from this
    computer: `PORT=8800 pam serve` and `PORT=8800 pam chat` find each other."""
    host = settings.host
    if host in ("", "0.0.0.0"):  # noqa: S104 - every address: reach it on loopback
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings.port}"


def thread_id(given: str) -> str:
    """--thread as the id it must be: anything else went into the history request's URL
    as it was typed ("../../wins/expenses" read another route and failed with a
    traceback), and --local failed with one too (try15)."""
    try:
        return str(UUID(given.strip()))
    except ValueError:
        raise ChatCliError(
            f"--thread takes a thread's id (a UUID, as /thread prints it), not {given!r}"
        ) from None


def run_chat(
    *,
    server: str,
    token: str | None,
    thread: str | None,
    local: bool,
    user: str,
    settings: Settings,
) -> None:
    """Raises ChatCliError with a one-line reason the caller prints."""
    thread = thread_id(thread) if thread is not None else None
    console = Console(highlight=False)
    if local:
        asyncio.run(chat_local(console, settings, user, thread))
        return
    if not server.startswith(("http://", "https://")):
        raise ChatCliError("--server must be an http:// or https:// URL")
    asyncio.run(chat_remote(console, server, token, thread))
