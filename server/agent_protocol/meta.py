"""`/ok` and `/info`: what clients probe before they sign in, so no token is needed."""

from __future__ import annotations

from typing import Any

import langgraph.version
from fastapi import APIRouter

router = APIRouter(tags=["agent protocol"])


@router.get("/ok")
async def ok() -> dict[str, bool]:
    return {"ok": True}


@router.get("/info")
async def info() -> dict[str, Any]:
    return {
        "version": "0.1.0",
        "langgraph_py_version": langgraph.version.__version__,
        "flags": {"assistants": True, "crons": True, "langsmith": False},
        "host": {"kind": "pam", "project_id": None, "revision_id": None},
    }
