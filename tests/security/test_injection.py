"""The injection corpus against a live server, with the offline brain and with a hostile
model behind the replay server (PAM_MODEL=openai:..., OPENAI_BASE_URL): user B gets
nothing of user A's over SSE, the WebSocket, the Agent Protocol, `run_action` and REST;
A's rows do not change; B's SQL strings are stored as literal text; no 5xx. (A subset of
the corpus; `make chaos` runs all of it, tests/chaos/test_full_runs.py.)"""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import SecretStr

from evals.replay.server import serve_in_background
from tests.api.conftest import Serve
from tests.chaos.hostile import HostileSource
from tests.chaos.injection import injection_run
from tests.chaos.injection_report import InjectionReport
from tests.chaos.leaks import LeakCheck
from tests.tokens import JWT_SECRET

UNLIMITED = "1000000/minute"
SETTINGS: dict[str, Any] = {
    "pam_jwt_secret": SecretStr(JWT_SECRET),  # the harness signs its users' tokens
    "rate_limit_chat": UNLIMITED,
    "rate_limit_api": UNLIMITED,
    "rate_limit_ws_frames": UNLIMITED,
    "weather_url": "http://127.0.0.1:9/v1/forecast",  # no network, whatever resolves
}
SUBSET: dict[str, Any] = {"prompts": 6, "sql": 4}  # 6 + 4 messages, 4 strings swept


def assert_clean(report: InjectionReport) -> None:
    assert report.leaks == []
    assert report.server_errors == []
    assert report.changes == []
    assert report.failures == []
    assert report.ok
    assert report.turns == {"sse": 10, "ws": 10, "agent_protocol": 10}
    assert report.sweep["action:ok"] > 50 and report.sweep["action:refused"] > 200
    assert report.sweep["rest:2xx"] > 50 and report.sweep["rest:4xx"] > 200
    assert report.read_back > 30  # stored strings read back as written


async def test_the_offline_brain_gives_user_b_nothing_of_user_a(
    serve: Serve, migrated_url: str
) -> None:
    async with serve(pam_model="offline", **SETTINGS) as server:
        report = await injection_run(
            server.url, server.ws_url, migrated_url, model="offline", **SUBSET
        )
    assert_clean(report)
    assert report.statuses["sse:422"] == 1  # the NUL message: refused, not a 500


async def test_a_hostile_model_forging_user_a_into_tool_calls_is_refused(
    serve: Serve, migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = HostileSource()
    with serve_in_background(hostile) as replay:
        monkeypatch.setenv("OPENAI_BASE_URL", replay.url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-replay")
        async with serve(pam_model="openai:pam-brain", **SETTINGS) as server:
            report = await injection_run(
                server.url, server.ws_url, migrated_url, model="replay", hostile=hostile, **SUBSET
            )
    assert_clean(report)
    assert replay.misses == []
    assert report.forged["accepted"] == 0
    assert report.forged["refused: no user_id argument"] > 10
    assert report.forged["refused: not found"] > 5  # A's row ids, under B's row security
    # Every forged call is seen refused: the Agent Protocol's runs stream their tool
    # results now (the subgraph's messages), so none goes uncounted.
    assert hostile.forged_calls == sum(report.forged.values())


def test_the_leak_check_finds_the_victim_in_nested_answers_only() -> None:
    victim = "5b0f6d1c-1111-2222-3333-444455556666"
    check = LeakCheck(marker="secret1234", victim_id=victim)
    check.check([("tool_result", {"summary": "fuel secret1234"})], "marker")
    check.check({"content": json.dumps({"rows": [{"user_id": victim}]})}, "nested id")
    check.check({"type": "human", "content": victim}, "B's own message")
    check.check({"tool_calls": [{"args": {"user_id": victim}}]}, "the model's arguments")
    check.check({"reply": f"my user id is {victim}"}, "B's words echoed")
    assert [f.split(":")[0] for f in check.found] == ["marker", "nested id"]
    assert check.checked == 5
