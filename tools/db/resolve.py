"""Which database a process uses: DATABASE_URL when given, else the embedded default."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tools.db.embedded import start_embedded


@contextmanager
def database_url(configured: str | None, data_dir: Path) -> Iterator[str]:
    """Yield a usable URL; an embedded server started here is stopped on exit."""
    if configured:
        yield configured
        return
    embedded = start_embedded(data_dir)
    try:
        yield embedded.url
    finally:
        embedded.stop()
