"""Health probes on a real `pam serve`."""

from __future__ import annotations

import httpx
import orjson
from websockets.asyncio.client import connect

from tests.api.conftest import TEST_JWT_SECRET, token_for
from tests.servers import free_port, pam_server


def test_live_and_ready_on_a_real_server(migrated_url: str) -> None:
    with pam_server({"DATABASE_URL": migrated_url, "REDIS_URL": ""}) as server:
        assert httpx.get(f"{server.url}/health/live").json() == {"status": "ok"}
        ready = httpx.get(f"{server.url}/health/ready")
        ok = httpx.get(f"{server.url}/ok")
        ok_db = httpx.get(f"{server.url}/ok", params={"check_db": 1})
        ok_bad = httpx.get(f"{server.url}/ok", params={"check_db": "yes"})
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok"}
    assert ok.json() == {"ok": True, "services": {"database": "skipped"}}
    assert ok_db.status_code == 200
    assert ok_db.json() == {"ok": True, "services": {"database": "healthy"}}
    assert ok_bad.status_code == 422 and "check_db" in ok_bad.text


def test_ready_names_redis_when_it_is_unreachable(migrated_url: str) -> None:
    dead_redis = f"redis://127.0.0.1:{free_port()}/0"
    with pam_server({"DATABASE_URL": migrated_url, "REDIS_URL": dead_redis}) as server:
        ready = httpx.get(f"{server.url}/health/ready", timeout=10)
        ok = httpx.get(f"{server.url}/ok", timeout=10)
        ok_db = httpx.get(f"{server.url}/ok", params={"check_db": 1}, timeout=10)
    assert ok.status_code == 200  # up, and not asked to look further
    assert ok_db.status_code == 500
    assert ok_db.json() == {"ok": False, "services": {"database": "healthy", "redis": "unhealthy"}}
    assert ready.status_code == 503
    body = ready.json()
    assert body["failing"] == ["redis"]
    assert body["checks"]["database"] == "ok"


async def test_websockets_are_served_without_permessage_deflate(migrated_url: str) -> None:
    """A zlib compressor and decompressor per socket cost an idle socket 45 KiB."""
    env = {"DATABASE_URL": migrated_url, "REDIS_URL": "", "PAM_JWT_SECRET": TEST_JWT_SECRET}
    with pam_server(env) as server:
        url = f"{server.url.replace('http', 'ws', 1)}/api/v1/pam/ws?token={token_for('deflate')}"
        async with connect(url) as ws:  # the client offers permessage-deflate
            assert orjson.loads(await ws.recv())["type"] == "connected"
            assert ws.response is not None
            assert "Sec-WebSocket-Extensions" not in ws.response.headers
