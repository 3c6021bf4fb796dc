"""Cassettes: one JSON file per recorded exchange, named by the request's key.

`{"key", "request" (normalised), "response" (chat.completion), "chunks" (the streamed
chat.completion.chunk objects)}`, with run-specific values as placeholders. Both forms
are kept whichever way the exchange was recorded (the missing one is derived), so a
cassette answers a streaming and a non-streaming request alike.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.replay.normalise import PLACEHOLDER_RE, UUID_RE, Normalised, map_strings
from evals.replay.stream import rewrite_chunks


@dataclass(frozen=True)
class Exchange:
    response: dict[str, Any]
    chunks: list[dict[str, Any]]


def to_placeholders(exchange: Exchange, norm: Normalised) -> Exchange:
    """The recorded answer with this request's UUIDs as placeholders."""
    known = norm.placeholders.known_uuids
    return Exchange(
        response=map_strings(exchange.response, known),
        chunks=rewrite_chunks(exchange.chunks, UUID_RE, known),
    )


def from_placeholders(exchange: Exchange, norm: Normalised) -> Exchange:
    """A cassette's answer with this request's values put back for its placeholders."""
    restore = norm.placeholders.restore
    return Exchange(
        response=map_strings(exchange.response, restore),
        chunks=rewrite_chunks(exchange.chunks, PLACEHOLDER_RE, restore),
    )


class CassetteStore:
    """Cassettes read from `dirs` (recursively) and, when `write_dir` is set, saved there."""

    def __init__(self, dirs: list[Path], write_dir: Path | None = None) -> None:
        self.write_dir = write_dir
        self.exchanges: dict[str, Exchange] = {}
        self.models: set[str] = set()
        for root in dirs:
            for path in sorted(root.rglob("*.json")) if root.is_dir() else []:
                self._add(json.loads(path.read_text(encoding="utf-8")))

    def _add(self, data: dict[str, Any]) -> None:
        self.exchanges[data["key"]] = Exchange(data["response"], data["chunks"])
        self.models.add(str(data["request"].get("model")))

    def lookup(self, key: str) -> Exchange | None:
        return self.exchanges.get(key)

    def save(self, norm: Normalised, exchange: Exchange) -> None:
        data = {
            "key": norm.key,
            "request": norm.request,
            "response": exchange.response,
            "chunks": exchange.chunks,
        }
        self._add(data)
        if self.write_dir is None:
            return
        self.write_dir.mkdir(parents=True, exist_ok=True)
        path = self.write_dir / f"{norm.key}.json"
        temp = path.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        temp.replace(path)
