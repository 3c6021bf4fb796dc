"""The `pam` command line: help, and one clear line for every way start-up can fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer
from typer.testing import CliRunner

from server.cli import app
from tests.servers import free_port


def pam(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        cwd=cwd or Path(__file__).resolve().parents[2],
    )


def test_help_lists_every_command() -> None:
    out = pam("--help")
    assert out.returncode == 0
    for command in ("serve", "db"):
        assert command in out.stdout
    db_help = pam("db", "--help")
    assert "migrate" in db_help.stdout
    assert "status" in db_help.stdout
    assert "prune" in db_help.stdout


def test_db_status_and_migrate_on_a_server(migrated_url: str) -> None:
    status = pam("db", "status", env={"DATABASE_URL": migrated_url})
    assert status.returncode == 0, status.stderr
    assert "0 pending" in status.stdout
    migrate = pam("db", "migrate", env={"DATABASE_URL": migrated_url})
    assert migrate.returncode == 0
    assert "up to date" in migrate.stdout


def test_db_prune_says_what_it_dropped_and_refuses_keep_zero(migrated_url: str) -> None:
    pruned = pam("db", "prune", "--keep", "2", env={"DATABASE_URL": migrated_url})
    assert pruned.returncode == 0, pruned.stderr
    assert pruned.stdout.startswith("dropped ") and "checkpoints" in pruned.stdout
    refused = pam("db", "prune", "--keep", "0", env={"DATABASE_URL": migrated_url})
    assert refused.returncode == 2
    assert "--keep" in refused.stderr


def test_malformed_database_url_is_one_line_naming_it() -> None:
    out = pam("db", "migrate", env={"DATABASE_URL": "mysql://x"})
    assert out.returncode == 1
    assert out.stderr.strip().count("\n") == 0
    assert "DATABASE_URL" in out.stderr


def test_unreachable_database_is_one_line() -> None:
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/db?connect_timeout=2"
    out = pam("db", "migrate", env={"DATABASE_URL": url})
    assert out.returncode == 1
    assert "cannot reach the database" in out.stderr
    assert out.stderr.strip().count("\n") == 0


def test_unusable_data_dir_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = pam("db", "migrate", env={"PAM_DATA_DIR": str(blocker / "data")})
    assert out.returncode == 1
    assert "PAM_DATA_DIR" in out.stderr
    assert out.stderr.strip().count("\n") == 0


def test_serve_with_a_bad_setting_fails_at_start_up() -> None:
    out = pam("serve", env={"PAM_MODEL": "nonsense"})
    assert out.returncode == 1
    assert "PAM_MODEL" in out.stderr


def test_serve_with_an_openai_model_and_no_key_is_one_line() -> None:
    """Found trying the README's settings: this was the OpenAI client's traceback."""
    out = pam("serve", env={"PAM_MODEL": "openai:gpt-4o-mini", "OPENAI_API_KEY": ""})
    assert out.returncode == 1
    assert "PAM_MODEL=openai:gpt-4o-mini needs OPENAI_API_KEY" in out.stderr
    assert out.stderr.strip().count("\n") == 0


def test_chat_without_server_goes_where_port_says() -> None:
    """`PORT=N pam serve` then `PORT=N pam chat`: it used to try 8000 whatever PORT said."""
    port = free_port()  # nothing listens there: the one line names the address tried
    out = pam("chat", env={"PORT": str(port)})
    assert out.returncode == 1
    assert f"cannot reach PAM at http://127.0.0.1:{port} " in out.stderr
    assert out.stderr.strip().count("\n") == 0


def test_embedded_default_migrates_in_the_data_dir(tmp_path: Path) -> None:
    out = pam("db", "migrate", env={"PAM_DATA_DIR": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    assert "applied 0001" in out.stdout
    assert (tmp_path / "postgres" / "PG_VERSION").exists()


def test_serve_with_an_unreachable_database_is_one_line() -> None:
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/db?connect_timeout=2"
    out = pam("serve", "--port", str(free_port()), env={"DATABASE_URL": url})
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [out.stderr.strip()]
    assert "cannot reach the database" in out.stderr


def test_serve_stopped_with_sigterm_stops_its_embedded_postgres(tmp_path: Path) -> None:
    import signal
    import time

    import httpx
    import psutil

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["PAM_DATA_DIR"] = str(tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--port", str(port)],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health/live", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.3)
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=60) == 0
    pgdata = str(tmp_path / "postgres")
    deadline = time.monotonic() + 15
    left: list[psutil.Process] = [psutil.Process()]
    while left and time.monotonic() < deadline:
        left = [
            p
            for p in psutil.process_iter(attrs=("name", "cmdline"))
            if p.info["name"] == "postgres" and pgdata in " ".join(p.info["cmdline"] or [])
        ]
        time.sleep(0.3)
    assert left == []


def _command_paths(command: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command under a group (typer carries its own click: groups are known by their
    `commands`)."""
    paths = []
    for name, sub in getattr(command, "commands", {}).items():
        paths.append((*prefix, name))
        paths.extend(_command_paths(sub, (*prefix, name)))
    return paths


def test_every_command_answers_help() -> None:
    paths = _command_paths(typer.main.get_command(app))
    assert ("db", "migrate") in paths
    for path in paths:
        out = CliRunner().invoke(app, [*path, "--help"])
        assert out.exit_code == 0, f"{' '.join(path)} --help: {out.output}{out.exception!r}"
        assert "Usage" in out.output
