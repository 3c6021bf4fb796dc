"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from server.errors import install_error_handlers
from server.resources import open_resources
from server.routes import health
from server.settings import Settings, get_settings


def create_app(settings: Settings | None = None, *, model: Any = None) -> FastAPI:
    """The app. `model` replaces the configured chat model (tests pass a scripted one)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with open_resources(settings, model=model) as resources:
            app.state.resources = resources
            yield

    production = settings.environment == "production"
    app = FastAPI(
        title="PAM",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None if production else "/api/docs",
        redoc_url=None,
        openapi_url=None if production else "/openapi.json",
    )
    install_error_handlers(app)
    app.include_router(health.router)
    return app
