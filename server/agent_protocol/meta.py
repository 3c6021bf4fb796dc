"""`/ok` and `/info`: what clients probe before they sign in, so no token is needed."""

from __future__ import annotations

from typing import Annotated, Any

import langgraph.version
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from server.health import dependencies, probe
from server.resources import Resources

router = APIRouter(tags=["agent protocol"])


@router.get("/ok")
async def ok(request: Request, check_db: Annotated[int, Query(ge=0, le=1)] = 0) -> JSONResponse:
    """Up, and with `check_db=1` whether this instance reaches its database and Redis
    (`services`: "healthy"/"unhealthy", else "skipped"; 500 when one fails, as LangGraph's
    server answers)."""
    resources: Resources = request.app.state.resources
    if not check_db:
        return JSONResponse(
            {"ok": True, "services": dict.fromkeys(dependencies(resources), "skipped")}
        )
    found = await probe(resources)
    services = {name: "healthy" if up else "unhealthy" for name, up in found.items()}
    healthy = all(found.values())
    return JSONResponse({"ok": healthy, "services": services}, status_code=200 if healthy else 500)


@router.get("/info")
async def info() -> dict[str, Any]:
    return {
        "version": "0.1.0",
        "langgraph_py_version": langgraph.version.__version__,
        "flags": {"assistants": True, "crons": True, "langsmith": False},
        "host": {"kind": "pam", "project_id": None, "revision_id": None},
    }
