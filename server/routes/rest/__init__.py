"""REST resources for every TOOLS.md action, under `/api/v1/{wins,wheels,you,social}`."""

from __future__ import annotations

from fastapi import APIRouter

from server.routes.rest import social, wheels, wins, you

PREFIX = "/api/v1"
# Included by the app one by one, under PREFIX (server/app.py): not a router of routers,
# which FastAPI would walk twice for every request that passes it by.
ROUTERS: tuple[APIRouter, ...] = tuple(m.router for m in (wins, wheels, you, social))
