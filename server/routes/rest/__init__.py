"""REST resources for every TOOLS.md action, under `/api/v1/{wins,wheels,you,social}`."""

from __future__ import annotations

from fastapi import APIRouter

from server.routes.rest import social, wheels, wins, you

router = APIRouter(prefix="/api/v1")
for module in (wins, wheels, you, social):
    router.include_router(module.router)
