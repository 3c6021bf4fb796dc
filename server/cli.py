"""The `pam` command line."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from typing import Annotated, Any, NoReturn

import psycopg
import typer

from server.flags.settings import FlagSettings
from server.settings import Settings, load_settings
from tools.db.embedded import database_url
from tools.db.migrate import migrate, status
from tools.db.pool import DatabaseError

app = typer.Typer(help="PAM: the assistant for life on the road.", no_args_is_help=True)
db_app = typer.Typer(help="Database commands.", no_args_is_help=True)
app.add_typer(db_app, name="db")


def _mount_flags() -> None:
    from server.flags.cli import flags_app

    app.add_typer(flags_app, name="flags")


_mount_flags()


def fail(message: str) -> NoReturn:
    typer.echo(f"pam: {message}", err=True)
    raise typer.Exit(code=1)


def _exit_through_python_on_sigterm() -> None:
    # uvicorn re-raises SIGTERM once its graceful shutdown is done; with the default
    # handler that kills the process before `finally` blocks run, leaving the embedded
    # Postgres behind. Exiting through Python lets it stop with us.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to bind (default PORT).")] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            envvar="PAM_WORKERS",
            help="Worker processes on the one port (default: every core in production, "
            "1 otherwise); they coordinate through Redis with REDIS_URL, through Postgres "
            "without. See docs/operations.md.",
        ),
    ] = None,
) -> None:
    """Run the HTTP/WebSocket server (uvicorn)."""
    settings = load_settings()  # first: a bad setting is one line, before anything imports

    import uvicorn

    from server.app import create_app
    from server.http_protocol import bounded_protocol
    from server.workers import default_workers, refusal

    workers = default_workers(settings) if workers is None else workers
    if (why := refusal(workers, settings)) is not None:
        fail(why)

    # Resolve and migrate the database before uvicorn starts, so a bad URL, an
    # unreachable server or an unusable data directory is one line, not a traceback.
    try:
        with database_url(settings.database_url, settings.pam_data_dir) as url:
            asyncio.run(migrate(url))
            options: dict[str, Any] = dict(
                host=host or settings.host,
                port=port or settings.port,
                log_level=settings.log_level.lower(),
                lifespan="on",
                # Bigger WebSocket frames are refused by uvicorn with close code 1009.
                ws_max_size=settings.ws_max_frame_bytes,
                # permessage-deflate keeps a zlib compressor and decompressor per socket
                # (45 KiB of an idle socket's 75) and deflates every token frame, for
                # frames of a few dozen bytes that hardly compress.
                ws_per_message_deflate=False,
                # Bounded request heads and a deadline for them (server/http_protocol.py).
                http=bounded_protocol(settings),
                h11_max_incomplete_event_size=settings.max_header_bytes,
                timeout_graceful_shutdown=settings.shutdown_grace_s,
            )
            if workers == 1:
                _exit_through_python_on_sigterm()
                app_ = create_app(settings.model_copy(update={"database_url": url}), freeze_gc=True)
                uvicorn.run(app_, **options)
            else:
                serve_workers(settings, url, workers, options)
    except DatabaseError as exc:
        fail(str(exc))


def serve_workers(settings: Settings, url: str, workers: int, options: dict[str, Any]) -> None:
    """uvicorn's supervisor: it holds the socket, spawns the workers (each builds its app
    from the environment), restarts one that dies, and stops them all on SIGTERM."""
    import uvicorn

    from server.auth import TokenVerifier
    from server.workers import WORKER_PROTOCOLS, worker_environment

    # The workers read their settings from the environment: the resolved (perhaps
    # embedded) database, how they coordinate, and a local signing secret made once
    # here, not raced for.
    os.environ["DATABASE_URL"] = url
    os.environ.update(worker_environment(settings))
    TokenVerifier.from_settings(settings)
    # uvicorn pickles its config to the workers; a class made at run time does not pickle.
    options = {**options, "http": WORKER_PROTOCOLS[settings.http_protocol]}
    uvicorn.run("server.workers:worker_app", factory=True, workers=workers, **options)


@app.command()
def token(
    user: Annotated[str, typer.Option("--user", help="The user the token is for (its `sub`).")],
    days: Annotated[int, typer.Option(min=1, max=365, help="How long it stays valid.")] = 30,
    admin: Annotated[
        bool, typer.Option(help="Carry the admin role claim (the flags admin API).")
    ] = False,
) -> None:
    """Print a bearer token for USER, signed with the configured or local secret."""
    from server.auth import AuthError, TokenVerifier
    from server.flags.admin import role_claims

    settings = load_settings()
    extra = role_claims(FlagSettings()) if admin else None
    try:
        verifier = TokenVerifier.from_settings(settings)
        typer.echo(verifier.issue(user, ttl_s=days * 86400, extra=extra))
    except AuthError as exc:
        fail(str(exc))


@app.command()
def chat(
    thread: Annotated[str | None, typer.Option(help="Continue this thread (its id).")] = None,
    server: Annotated[
        str | None,
        typer.Option(help="The PAM server (default: http://HOST:PORT, as `pam serve` listens)."),
    ] = None,
    token: Annotated[
        str | None, typer.Option(help="Bearer token (default: the server's local token).")
    ] = None,
    local: Annotated[
        bool, typer.Option("--local", help="No server: run PAM in this process.")
    ] = False,
    user: Annotated[str, typer.Option(help="With --local: whose data to use.")] = "local",
) -> None:
    """Chat with PAM in the terminal: replies stream in, approvals are asked inline."""
    settings = load_settings()
    from server.chat_cli.main import default_server, run_chat
    from server.chat_cli.remote import ChatCliError

    try:
        run_chat(
            server=server or default_server(settings),
            token=token,
            thread=thread,
            local=local,
            user=user,
            settings=settings,
        )
    except ChatCliError as exc:
        fail(str(exc))
    except DatabaseError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        raise typer.Exit(code=130) from None


@app.command()
def worker() -> None:
    """Run the background jobs worker alone (reminders, budget alerts) until stopped.
    `pam serve` runs one too unless PAM_WORKER=false; any number may run at once."""
    settings = load_settings()
    from server.jobs.standalone import run_standalone

    try:
        with database_url(settings.database_url, settings.pam_data_dir) as url:
            asyncio.run(run_standalone(settings, url))
    except DatabaseError as exc:
        fail(str(exc))


@db_app.command("migrate")
def db_migrate() -> None:
    """Apply pending migrations (safe to run from several processes at once)."""
    settings = load_settings()
    try:
        with database_url(settings.database_url, settings.pam_data_dir) as url:
            ran = asyncio.run(migrate(url))
    except DatabaseError as exc:
        fail(str(exc))
    if not ran:
        typer.echo("database is up to date")
    for m in ran:
        typer.echo(f"applied {m.version:04d}_{m.name}")


@db_app.command("prune")
def db_prune(
    keep: Annotated[int, typer.Option(min=1, help="checkpoints kept per thread")] = 1,
) -> None:
    """Drop old checkpoints (each thread keeps its newest); transcripts stay whole."""
    from tools.db.prune import prune_checkpoints

    settings = load_settings()
    try:
        with database_url(settings.database_url, settings.pam_data_dir) as url:
            pruned = prune_checkpoints(url, keep)
    except (DatabaseError, psycopg.Error) as exc:
        fail(str(exc))
    typer.echo(
        f"dropped {pruned.checkpoints} checkpoints, {pruned.writes} pending writes "
        f"and {pruned.blobs} blobs"
    )


@db_app.command("status")
def db_status() -> None:
    """List migrations and whether each is applied."""
    settings = load_settings()
    try:
        with database_url(settings.database_url, settings.pam_data_dir) as url:
            rows = asyncio.run(status(url))
    except DatabaseError as exc:
        fail(str(exc))
    for row in rows:
        typer.echo(f"{row.version:04d}_{row.name}  {'applied' if row.applied else 'pending'}")
    pending = sum(not r.applied for r in rows)
    typer.echo(f"{len(rows) - pending} applied, {pending} pending")
