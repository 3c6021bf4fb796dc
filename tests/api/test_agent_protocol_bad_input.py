"""Agent Protocol bad input over raw HTTP: clear 4xx JSON errors, never a 500."""

from __future__ import annotations

import uuid

import httpx

from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person


async def test_bad_requests_get_clear_errors(serve: Serve) -> None:
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(person("alice"))) as http,
    ):
        empty = await http.post("/threads")  # no body at all: a thread with defaults
        tid = empty.json()["thread_id"]
        runs = f"/threads/{tid}/runs"
        answers = {
            "malformed json": await http.post(
                "/threads/search", content=b"{nope", headers={"content-type": "application/json"}
            ),
            "wrong type": await http.post("/threads/search", json={"limit": "lots"}),
            "limit too big": await http.post("/threads/search", json={"limit": 5000}),
            "bad status": await http.post("/threads/search", json={"status": "sleepy"}),
            "offset past bigint": await http.get(runs, params={"offset": 2**63}),
            "negative offset": await http.post("/threads/search", json={"offset": -1}),
            "no assistant": await http.post(runs, json={"input": {}}),
            "bad strategy": await http.post(
                runs, json={"assistant_id": "pam", "multitask_strategy": "sometimes"}
            ),
            "empty command": await http.post(runs, json={"assistant_id": "pam", "command": {}}),
            "bad goto": await http.post(
                runs, json={"assistant_id": "pam", "command": {"goto": [42]}}
            ),
            "subgraph checkpoint": await http.post(
                runs, json={"assistant_id": "pam", "checkpoint": {"checkpoint_ns": "wins:1"}}
            ),
            "webhook": await http.post(runs, json={"assistant_id": "pam", "webhook": "http://x"}),
            "bad last-event-id": await http.get(
                f"{runs}/{uuid.uuid4()}/stream", headers={"Last-Event-ID": "yesterday"}
            ),
            "bad join mode": await http.get(
                f"{runs}/{uuid.uuid4()}/stream", params={"stream_mode": "bogus"}
            ),
            "unknown stream mode": await http.post(
                runs, json={"assistant_id": "pam", "stream_mode": ["values", "bogus"]}
            ),
            "malformed config": await http.post(
                runs, json={"assistant_id": "pam", "config": {"recursion_limit": "deep"}}
            ),
            "config sets the user": await http.post(
                runs,
                json={"assistant_id": "pam", "config": {"configurable": {"user_id": "bob"}}},
            ),
            "breakpoint on an unknown node": await http.post(
                runs, json={"assistant_id": "pam", "interrupt_after": ["finish", "nowhere"]}
            ),
            "bad thread stream mode": await http.get(
                f"/threads/{tid}/stream", params={"stream_mode": "values"}
            ),
            "bad xray": await http.get("/assistants/pam/graph", params={"xray": "-1"}),
            "unknown run": await http.get(f"{runs}/{uuid.uuid4()}"),
            "not a uuid": await http.get("/threads/not-a-uuid"),
            "wrong method": await http.put(f"/threads/{tid}", json={}),
        }
    assert empty.status_code == 200
    expected = {
        "malformed json": 422,
        "wrong type": 422,
        "limit too big": 422,
        "bad status": 422,
        "offset past bigint": 422,
        "negative offset": 422,
        "no assistant": 422,
        "bad strategy": 422,
        "empty command": 422,
        "bad goto": 422,
        "subgraph checkpoint": 422,
        "webhook": 422,
        "bad last-event-id": 422,
        "bad join mode": 422,
        "unknown stream mode": 422,
        "malformed config": 422,
        "config sets the user": 422,
        "breakpoint on an unknown node": 422,
        "bad thread stream mode": 422,
        "bad xray": 422,
        "unknown run": 404,
        "not a uuid": 404,
        "wrong method": 405,
    }
    assert {k: r.status_code for k, r in answers.items()} == expected
    for response in answers.values():
        body = response.json()
        assert set(body) == {"detail", "code"} and body["detail"]
        assert "Traceback" not in body["detail"]
    # Each refusal of a run option names the field it is about.
    named_fields = {
        "unknown stream mode": "bogus",
        "malformed config": "config.recursion_limit",
        "config sets the user": "config.configurable.user_id",
        "breakpoint on an unknown node": "interrupt_after: no node named nowhere",
        "bad thread stream mode": "stream_mode: values",
    }
    for case, field in named_fields.items():
        assert field in answers[case].json()["detail"], case
