"""The outside world an action may reach, handed in with its database handle.

The server builds one from its settings (WEATHER_URL, ROUTING_URL, Redis); tests build
one pointing at servers they start. Defaults need nothing configured.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from tools.cache import Cache, MemoryCache

DEFAULT_WEATHER_URL = "https://api.open-meteo.com/v1/forecast"


@dataclass(frozen=True)
class Services:
    weather_url: str = DEFAULT_WEATHER_URL
    routing_url: str | None = None
    cache: Cache = field(default_factory=MemoryCache)
    # Per request to an external API; a call makes at most 1 + retries attempts, so a
    # dead service costs the turn at most (retries + 1) * timeout_s plus short backoffs.
    timeout_s: float = 5.0
    retries: int = 2


class ServiceUnavailable(Exception):
    """An external API did not answer usefully: down, slow, erroring or malformed."""


_BACKOFF_S = 0.2


async def get_json(
    url: str,
    *,
    params: Mapping[str, str | int | float] | None = None,
    timeout_s: float,
    retries: int,
) -> Any:
    """GET `url` and decode JSON, retrying transport failures and 5xx answers.

    A 4xx answer or a body that is not JSON is not retried: asking again gets the same.
    """
    last = "no attempt made"
    async with httpx.AsyncClient(timeout=timeout_s, follow_redirects=True) as client:
        for attempt in range(retries + 1):
            if attempt:
                await asyncio.sleep(_BACKOFF_S * attempt)
            try:
                response = await client.get(url, params=params)
            except httpx.TimeoutException:
                last = f"no answer within {timeout_s:g} s"
                continue
            except httpx.TransportError as exc:
                last = f"unreachable ({type(exc).__name__})"
                continue
            if response.status_code >= 500:
                last = f"HTTP {response.status_code}"
                continue
            if response.status_code >= 400:
                raise ServiceUnavailable(f"HTTP {response.status_code}")
            try:
                return response.json()
            except ValueError:
                raise ServiceUnavailable("the answer was not JSON") from None
    raise ServiceUnavailable(last)
