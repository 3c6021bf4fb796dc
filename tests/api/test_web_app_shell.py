"""The installable page's plumbing on a real server: the service worker carries this
release's digest and lists every file the page needs offline; the manifest and its
icons are served."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from server.routes import web
from tests.api.conftest import Serve
from tests.fakes import ScriptedChatModel

SHELL_ENTRY = re.compile(r'^\s+"(/[^"]*)",$', re.MULTILINE)


def shell_paths(script: str) -> list[str]:
    return SHELL_ENTRY.findall(script.split("const SHELL = [", 1)[1].split("];", 1)[0])


async def test_the_worker_lists_every_file_of_the_page_and_serves_them(serve: Serve) -> None:
    async with (
        serve(ScriptedChatModel(script=[])) as server,
        httpx.AsyncClient(base_url=server.url, timeout=30) as client,
    ):
        worker = await client.get("/sw.js")
        assert worker.status_code == 200
        assert worker.headers["content-type"].startswith("text/javascript")
        assert worker.headers["cache-control"] == "no-cache"
        assert re.search(r'const VERSION = "[0-9a-f]{16}";', worker.text)
        shell = shell_paths(worker.text)
        for path in shell:
            assert (await client.get(path)).status_code == 200, path

        manifest = await client.get("/static/manifest.webmanifest")
        assert manifest.headers["content-type"] == "application/manifest+json"
        for icon in manifest.json()["icons"]:
            assert (await client.get(icon["src"])).status_code == 200, icon

    needed = {"/", "/static/styles.css", "/static/manifest.webmanifest"} | {
        f"/static/js/{p.name}" for p in (web.WEB_DIR / "js").glob("*.js")
    }
    assert needed <= set(shell), needed - set(shell)  # a module missing: no offline start


def test_the_digest_changes_with_any_file_of_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "main.js").write_text("one")
    monkeypatch.setattr(web, "WEB_DIR", tmp_path)
    web.shell_version.cache_clear()
    before = web.shell_version()
    (tmp_path / "js" / "main.js").write_text("two")
    web.shell_version.cache_clear()
    after = web.shell_version()
    web.shell_version.cache_clear()  # the real directory's, for the next caller
    assert before != after
