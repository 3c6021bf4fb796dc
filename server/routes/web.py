"""The web chat page: `/` is the page, `/static/...` its scripts, styles, icons and web
app manifest, `/sw.js` its service worker (served from `/` so that it controls the page).

Plain files (no build step); the security headers' CSP allows exactly these same-origin
scripts and styles and nothing inline.
"""

from __future__ import annotations

import hashlib
import mimetypes
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
SHELL_VERSION_MARK = "__PAM_SHELL_VERSION__"
mimetypes.add_type("application/manifest+json", ".webmanifest")

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


@cache
def shell_version() -> str:
    """A digest of every file of the page: the service worker's cache name, so a release
    that changes any of them installs a new worker and a fresh cache."""
    digest = hashlib.sha256()
    for path in sorted(p for p in WEB_DIR.rglob("*") if p.is_file()):
        digest.update(path.relative_to(WEB_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@router.get("/sw.js", include_in_schema=False)
async def service_worker() -> Response:
    script = (WEB_DIR / "sw.js").read_text().replace(SHELL_VERSION_MARK, shell_version())
    return Response(script, media_type="text/javascript", headers={"Cache-Control": "no-cache"})


def install_web(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/static", RevalidatedFiles(directory=WEB_DIR), name="web")
