"""`pam chat` driven as a person would with piped input: against a real `pam serve`
over the WebSocket, and in-process (--local) on the same database."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx

from server.chat_cli.remote import WebSocketTransport
from tests.e2e.browser import SCREENSHOTS
from tests.servers import REPO, RunningServer

NOBODYS_EXPENSE = '{"expense_id": "00000000-0000-0000-0000-000000000000"}'
THREAD = re.compile(r"thread ([0-9a-f-]{36}) \(continue with --thread\)")


def pam_chat(*args: str, typed: str, env: dict[str, str] | None = None) -> str:
    """Run `pam chat ARGS` with `typed` as its input; its output (exit 0 asserted)."""
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "server", "chat", *args],
        input=typed,
        capture_output=True,
        text=True,
        env=full_env,
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def thread_of(transcript: str) -> str:
    match = THREAD.search(transcript)
    assert match, transcript
    return match[1]


def local_expenses(server: RunningServer) -> list[dict[str, object]]:
    token = httpx.get(f"{server.url}/api/v1/dev/token").json()["token"]
    answer = httpx.get(
        f"{server.url}/api/v1/wins/expenses", headers={"Authorization": f"Bearer {token}"}
    )
    expenses: list[dict[str, object]] = answer.json()["expenses"]
    return expenses


def test_chat_over_the_websocket_with_an_approval(local_server: RunningServer) -> None:
    typed = "spent $85.40 on diesel yesterday\ndelete that one\na\n"
    out = pam_chat("--server", local_server.url, typed=typed)
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "pam-chat-transcript.txt").write_text(out)
    assert "✓ Logged $85.40 for fuel" in out  # tool activity
    # A metered model (the paced brain) is not called again to restate a write: the
    # tool's summary is the reply.
    assert "pam> Logged $85.40 for fuel" in out
    assert "PAM asks: Delete the $85.40 fuel expense of" in out  # asked from the row
    assert "✓ Deleted the $85.40 fuel expense" in out
    assert "(updated: spending)" in out
    assert local_expenses(local_server) == []  # the approved delete happened

    again = pam_chat("--server", local_server.url, "--thread", thread_of(out), typed="/thread\n")
    assert "you> delete that one" in again  # history of the thread, shown first
    assert "pam> Deleted the $85.40 fuel expense" in again
    assert f"thread {thread_of(out)}" in again


def test_reject_and_edit_answers(local_server: RunningServer) -> None:
    out = pam_chat(
        "--server",
        local_server.url,
        typed="spent $30 on food today\ndelete that one\nr\nkeep it\n",
    )
    assert "PAM asks: Delete the $30.00 food expense" in out  # asked from the row
    assert "Deleted" not in out
    assert "✗ Not done: you said no (keep it)." in out  # the person's words, not the model's
    amounts = [e["amount"] for e in local_expenses(local_server)]
    assert 30.0 in amounts  # rejected: still there

    edited = pam_chat(
        "--server",
        local_server.url,
        typed=f"delete the $30 food expense\ne\nnot json\n{NOBODYS_EXPENSE}\n",
    )
    assert "that is not a JSON object" in edited  # asked again
    assert "✗" in edited  # the edited call ran, on an id that is nobody's
    assert 30.0 in [e["amount"] for e in local_expenses(local_server)]


def test_yes_and_no_are_answers_and_a_message_is_not(local_server: RunningServer) -> None:
    out = pam_chat(
        "--server",
        local_server.url,
        typed="spent $41 on food today\ndelete that one\nactually leave it\nno\n\n",
    )
    assert "answer a (approve), e (edit) or r (reject)" in out  # not read as "a"
    assert 41.0 in [e["amount"] for e in local_expenses(local_server)]  # "no" rejected

    out = pam_chat("--server", local_server.url, typed="delete the $41 food expense\nyes\n")
    assert "✓ Deleted the $41.00 food expense" in out
    assert 41.0 not in [e["amount"] for e in local_expenses(local_server)]


def test_in_process_mode_uses_the_same_database(
    local_server: RunningServer, own_database: str, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": own_database, "PAM_MODEL": "offline", "PAM_DATA_DIR": str(tmp_path)}
    out = pam_chat("--local", typed="spent $12 on coffee today\n", env=env)
    assert "PAM chat (in-process)" in out
    assert "pam> Done — logged $12.00 for food" in out
    # Written by the in-process graph, read back through the running server's REST API.
    assert 12.0 in [e["amount"] for e in local_expenses(local_server)]


def test_no_local_token_is_one_clear_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "server", "chat", "--server", "http://127.0.0.1:9"],
        input="",
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("pam: cannot reach PAM at http://127.0.0.1:9")
    assert done.stderr.count("\n") == 1


def test_bad_server_url_is_refused() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "server", "chat", "--server", "127.0.0.1:8000"],
        input="",
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 1
    assert "--server must be an http:// or https:// URL" in done.stderr


async def test_after_a_dropped_socket_the_turn_is_read_from_the_thread(
    local_server: RunningServer,
) -> None:
    """What the client does when its socket drops mid-turn: the server finished the
    turn anyway, so its outcome (a reply, or an approval still waiting) is read back."""
    async with httpx.AsyncClient(base_url=local_server.url) as client:
        token = (await client.get("/api/v1/dev/token")).json()["token"]
    notices: list[dict[str, object]] = []
    transport = WebSocketTransport(local_server.url, token, notices.append)
    try:
        logged = await transport.http.post(
            "/api/v1/pam/chat", json={"message": "spent $7 on ice today"}
        )
        thread_id = logged.json()["thread_id"]
        assert await transport._recover(thread_id) == [
            ("final", {"reply": logged.json()["reply"], "ui_actions": []})
        ]
        await transport.http.post(
            "/api/v1/pam/chat", json={"message": "delete that one", "thread_id": thread_id}
        )
        [(name, data)] = await transport._recover(thread_id)
        assert name == "interrupt"
        assert data["action_requests"][0]["name"] == "delete_expense"
        assert notices and "connection dropped" in str(notices[0]["message"])
    finally:
        await transport.aclose()


def test_a_refused_token_stops_the_chat_saying_why(local_server: RunningServer) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "server", "chat", "--server", local_server.url, "--token", "nope"],
        input="hello\nhello again\n",
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 1  # not a prompt that refuses every line the same way
    assert done.stderr.count("refused the token") == 1, done.stderr
    assert "pam token --user NAME" in done.stderr
    assert "hello again" not in done.stdout


def pam_chat_failing(*args: str, typed: str = "", env: dict[str, str] | None = None) -> str:
    """Run `pam chat ARGS` expecting it to stop with one line on stderr (exit 1)."""
    done = subprocess.run(
        [sys.executable, "-m", "server", "chat", *args],
        input=typed,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    return done.stderr


def test_a_thread_option_that_is_no_thread_id_is_one_line(
    local_server: RunningServer, own_database: str, tmp_path: Path
) -> None:
    """try15: `--thread ../../wins/expenses` went into the history request's URL as
    typed, reached the expenses route and failed with a traceback; with --local an
    unknown or malformed id failed with one too."""
    path = pam_chat_failing("--server", local_server.url, "--thread", "../../wins/expenses")
    assert "--thread takes a thread's id (a UUID" in path
    env = {"DATABASE_URL": own_database, "PAM_MODEL": "offline", "PAM_DATA_DIR": str(tmp_path)}
    unknown = "5f0c1f57-0000-4000-8000-000000000000"
    local = pam_chat_failing("--local", "--thread", unknown, typed="hello\n", env=env)
    assert local.startswith(f"pam: thread {unknown}: Thread not found.")
    assert "--thread takes" in pam_chat_failing("--local", "--thread", "nope", env=env)


def test_in_process_mode_says_why_a_message_is_refused_and_goes_on(
    own_database: str, tmp_path: Path
) -> None:
    """try15: --local ended with a traceback on a message over 4,000 characters; the
    WebSocket client says why and reads the next line, and so does it now."""
    env = {"DATABASE_URL": own_database, "PAM_MODEL": "offline", "PAM_DATA_DIR": str(tmp_path)}
    out = pam_chat("--local", typed="a" * 4500 + "\nspent $6 on ice today\n", env=env)
    assert "error: Invalid message — message: String should have at most 4000" in out
    assert "pam> Done — logged $6.00" in out


def test_the_computers_time_zone_is_the_devices(
    local_server: RunningServer, own_database: str, tmp_path: Path
) -> None:
    """try18: `pam chat` sent no time zone (the web page sends the browser's), so "today"
    was read on the profile's clock wherever the terminal was. The computer's zone (TZ,
    else /etc/localtime) is now the device's, over the socket and in-process; a profile
    a day ahead (Kiritimati, UTC+14) shows it: Pago Pago (UTC-11) is always a day behind."""
    token = httpx.get(f"{local_server.url}/api/v1/dev/token").json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    profile = f"{local_server.url}/api/v1/you/profile"
    httpx.patch(
        profile, json={"timezone": "Pacific/Kiritimati"}, headers=headers
    ).raise_for_status()
    env = {"DATABASE_URL": own_database, "PAM_MODEL": "offline", "PAM_DATA_DIR": str(tmp_path)}
    try:
        zone = {"TZ": "Pacific/Pago_Pago"}
        pam_chat("--server", local_server.url, typed="spent $3.10 on ice today\n", env=zone)
        pam_chat("--local", typed="spent $3.20 on ice today\n", env={**env, **zone})
        today = datetime.now(ZoneInfo("Pacific/Pago_Pago")).date().isoformat()
        days = {e["amount"]: e["date"] for e in local_expenses(local_server)}
        assert (days.get(3.1), days.get(3.2)) == (today, today), days
    finally:
        httpx.patch(profile, json={"timezone": "Australia/Sydney"}, headers=headers)
