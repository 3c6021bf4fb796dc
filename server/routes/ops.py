"""The operators' routes: liveness and readiness probes, and `GET /metrics` (Prometheus
text, including this app's database pool usage)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from server.metrics import exposition
from server.resources import Resources

router = APIRouter(tags=["ops"])
PROBE_TIMEOUT_S = 2.0


@router.get("/health/live")
async def live() -> dict[str, str]:
    return {"status": "ok"}


async def _database_ok(resources: Resources) -> bool:
    try:
        async with asyncio.timeout(PROBE_TIMEOUT_S), resources.pool.connection() as conn:
            await conn.execute("SELECT 1")
    except Exception:
        return False
    return True


async def _redis_ok(resources: Resources) -> bool:
    if resources.redis is None:
        return True
    try:
        async with asyncio.timeout(PROBE_TIMEOUT_S):
            await resources.redis.ping()
    except Exception:
        return False
    return True


@router.get("/health/ready")
async def ready(request: Request) -> JSONResponse:
    resources: Resources = request.app.state.resources
    checks = {"database": await _database_ok(resources)}
    if resources.redis is not None:
        checks["redis"] = await _redis_ok(resources)
    failing = [name for name, ok in checks.items() if not ok]
    body = {
        "status": "ok" if not failing else "unavailable",
        "checks": {name: "ok" if ok else "failing" for name, ok in checks.items()},
        "failing": failing,
    }
    if resources.flags is not None:  # a broken flag store degrades, never fails, a turn
        body["flags"] = resources.flags.health()
    return JSONResponse(body, status_code=503 if failing else 200)


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    resources = getattr(request.app.state, "resources", None)
    body, content_type = exposition(resources.pool if resources is not None else None)
    return Response(body, media_type=content_type)
