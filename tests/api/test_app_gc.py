"""`pam serve` freezes what start-up made out of the cyclic collector's reach (server/app.py):
a full collection then walks only what the turns made; and it collects the young generation
less often (server/collector.py), so a turn's short-lived objects die by reference count."""

from __future__ import annotations

import gc
from typing import Any

import httpx

from server.app import create_app
from tests.api.conftest import auth, run_server, server_settings
from tests.api.test_threads import replies


async def test_serving_freezes_start_up_objects(migrated_url: str, tmp_path: Any) -> None:
    gc.unfreeze()
    default = gc.get_threshold()
    settings = server_settings(migrated_url, str(tmp_path))
    try:
        serving = create_app(settings, model=replies("Hi."), freeze_gc=True)
        async with run_server(serving, settings) as live:
            frozen = gc.get_freeze_count()
            serving_threshold = gc.get_threshold()
            async with httpx.AsyncClient(base_url=live.url, headers=auth("gc"), timeout=30) as c:
                answer = await c.post("/api/v1/pam/chat", json={"message": "hello"})
        plain = create_app(settings, model=replies("Hi."))
        gc.unfreeze()
        gc.set_threshold(*default)
        async with run_server(plain, settings):
            unfrozen = gc.get_freeze_count()
            plain_threshold = gc.get_threshold()
    finally:
        gc.unfreeze()  # the rest of the test session collects as usual
        gc.set_threshold(*default)
    assert answer.status_code == 200 and answer.json()["reply"] == "Hi."
    assert frozen > 10_000  # modules, schemas, the compiled graph
    assert unfrozen == 0  # tests and embedders build apps without freezing
    assert serving_threshold == settings.pam_gc_thresholds != default
    assert plain_threshold == default
