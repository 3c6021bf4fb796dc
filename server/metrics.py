"""Every Prometheus metric PAM exposes on `/metrics`, defined once here.

The HTTP metrics are updated by the metrics middleware; the others by the code that
knows the event: chat turns (`TURN_LATENCY`, `TURNS` by routed domain, `MODEL_TOKENS`
from the turn's usage), tool and model calls, model errors, routing fallbacks and
hand-offs (`MetricsCallback` in server/metrics_callbacks.py, from the agent's events),
WebSockets (`WEBSOCKETS_OPEN`), the external-API cache (`CountingCache`). Pool gauges
are read at scrape time.
"""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from tools.cache import Cache
from tools.db.pool import Pool

# Requests answer in ms; turns and model calls take seconds.
REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
TURN_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120)

HTTP_REQUEST_DURATION = Histogram(
    "pam_http_request_duration_seconds",
    "HTTP request duration, by route template, method and status.",
    ["route", "method", "status"],
    buckets=REQUEST_BUCKETS,
)
HTTP_IN_FLIGHT = Gauge("pam_http_requests_in_flight", "HTTP requests being served now.")

TURN_LATENCY = Histogram(
    "pam_turn_duration_seconds",
    "Chat turn duration, by routed domain (general when no domain).",
    ["domain"],
    buckets=TURN_BUCKETS,
)
TURNS = Counter("pam_turns", "Chat turns, by routed domain.", ["domain"])
TOOL_CALLS = Counter("pam_tool_calls", "Tool calls, by tool.", ["tool"])
TOOL_ERRORS = Counter("pam_tool_errors", "Tool calls that failed, by tool.", ["tool"])
MODEL_LATENCY = Histogram(
    "pam_model_latency_seconds", "Chat model call duration.", buckets=TURN_BUCKETS
)
MODEL_ERRORS = Counter(
    "pam_model_errors",
    "Model calls that failed, by kind (timeout, connection, rate_limit, server_error,"
    " bad_request, auth, bad_tool_json, deadline, other).",
    ["kind"],
)
MODEL_TOKENS = Counter(
    "pam_model_tokens",
    "Model tokens, by model, domain and kind (input, output).",
    ["model", "domain", "kind"],
)
ROUTE_FALLBACKS = Counter(
    "pam_route_fallbacks",
    "Turns routed to general for want of a usable route, by reason.",
    ["reason"],
)
HANDOFFS = Counter(
    "pam_handoffs",
    "Messages a domain agent handed to another domain (it called its tool).",
    ["source", "target"],
)
WEBSOCKETS_OPEN = Gauge("pam_websockets_open", "WebSocket connections open now.")
CACHE_LOOKUPS = Counter(
    "pam_cache_lookups", "External-API cache lookups, by result (hit or miss).", ["result"]
)


class CountingCache:
    """A `tools.cache.Cache` that counts its hits and misses."""

    def __init__(self, inner: Cache) -> None:
        self.inner = inner

    async def get(self, key: str) -> bytes | None:
        value = await self.inner.get(key)
        CACHE_LOOKUPS.labels("hit" if value is not None else "miss").inc()
        return value

    async def set(self, key: str, value: bytes, ttl_s: int) -> None:
        await self.inner.set(key, value, ttl_s)


class PoolCollector(Collector):
    """The database pool's usage, read from psycopg_pool when Prometheus scrapes."""

    def __init__(self, pool: Pool) -> None:
        self.pool = pool

    def collect(self) -> Iterator[GaugeMetricFamily]:
        stats = self.pool.get_stats()
        size, available = stats.get("pool_size", 0), stats.get("pool_available", 0)
        for name, help_text, value in (
            ("pam_db_pool_size", "Connections open in the pool.", size),
            ("pam_db_pool_available", "Idle connections in the pool.", available),
            ("pam_db_pool_in_use", "Connections lent out now.", size - available),
            ("pam_db_pool_max", "The pool's maximum size.", stats.get("pool_max", 0)),
            (
                "pam_db_pool_requests_waiting",
                "Requests waiting for a connection.",
                stats.get("requests_waiting", 0),
            ),
        ):
            yield GaugeMetricFamily(name, help_text, value=value)


def exposition(pool: Pool | None) -> tuple[bytes, str]:
    """The text Prometheus scrapes: the process-wide metrics, then this app's pool."""
    body = generate_latest(REGISTRY)
    if pool is not None:
        scrape = CollectorRegistry(auto_describe=False)
        scrape.register(PoolCollector(pool))
        body += generate_latest(scrape)
    return body, CONTENT_TYPE_LATEST
