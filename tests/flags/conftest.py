"""Flag rules live in one table per database: each test leaves it as it found it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tools.db.pool import Pool


@pytest.fixture
async def clean_flags(pool: Pool) -> AsyncIterator[None]:
    yield
    async with pool.connection() as conn:
        await conn.execute("DELETE FROM feature_flags")
