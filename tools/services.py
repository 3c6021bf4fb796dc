"""The outside world an action may reach, handed in with its database handle.

The server builds one from its settings (WEATHER_URL, ROUTING_URL, Redis); tests build
one pointing at servers they start. Defaults need nothing configured.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tools.cache import Cache, MemoryCache

DEFAULT_WEATHER_URL = "https://api.open-meteo.com/v1/forecast"


@dataclass(frozen=True)
class Services:
    weather_url: str = DEFAULT_WEATHER_URL
    routing_url: str | None = None
    cache: Cache = field(default_factory=MemoryCache)
