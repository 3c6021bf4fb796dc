"""The web chat page: `/` is the page, `/static/...` its scripts, styles and icon.

Plain files (no build step); the security headers' CSP allows exactly these same-origin
scripts and styles and nothing inline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response

WEB_DIR = Path(__file__).resolve().parent.parent / "web"

router = APIRouter(tags=["web"])


class RevalidatedFiles(StaticFiles):
    """Static files that browsers check (ETag) before reusing, like the page itself."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "no-cache"
        return response


@router.get("/", include_in_schema=False)
async def index() -> FileResponse:
    # Revalidated on every load, so a new release's page never runs with old scripts.
    return FileResponse(WEB_DIR / "index.html", headers={"Cache-Control": "no-cache"})


def install_web(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/static", RevalidatedFiles(directory=WEB_DIR), name="web")
