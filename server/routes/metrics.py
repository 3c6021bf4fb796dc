"""`GET /metrics`: Prometheus text, including this app's database pool usage."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from server.metrics import exposition

router = APIRouter(tags=["ops"])


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    resources = getattr(request.app.state, "resources", None)
    body, content_type = exposition(resources.pool if resources is not None else None)
    return Response(body, media_type=content_type)
