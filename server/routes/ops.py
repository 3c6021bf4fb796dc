"""The operators' routes: liveness and readiness probes, and `GET /metrics` (Prometheus
text, including this app's database pool usage)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from server.health import probe
from server.metrics import exposition
from server.resources import Resources

router = APIRouter(tags=["ops"])


@router.get("/health/live")
async def live() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/health/ready")
async def ready(request: Request) -> JSONResponse:
    resources: Resources = request.app.state.resources
    checks = await probe(resources)
    failing = [name for name, ok in checks.items() if not ok]
    body: dict[str, object] = {
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
