"""Health probes on a real `pam serve`."""

from __future__ import annotations

import httpx

from tests.servers import free_port, pam_server


def test_live_and_ready_on_a_real_server(migrated_url: str) -> None:
    with pam_server({"DATABASE_URL": migrated_url, "REDIS_URL": ""}) as server:
        assert httpx.get(f"{server.url}/health/live").json() == {"status": "ok"}
        ready = httpx.get(f"{server.url}/health/ready")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok"}


def test_ready_names_redis_when_it_is_unreachable(migrated_url: str) -> None:
    dead_redis = f"redis://127.0.0.1:{free_port()}/0"
    with pam_server({"DATABASE_URL": migrated_url, "REDIS_URL": dead_redis}) as server:
        ready = httpx.get(f"{server.url}/health/ready", timeout=10)
    assert ready.status_code == 503
    body = ready.json()
    assert body["failing"] == ["redis"]
    assert body["checks"]["database"] == "ok"
