"""Where the server's answers come from: cassettes, or a live model that is recorded.

- `CassetteSource`: replay only; an unknown request is a `NoCassette` error.
- `LiveSource(upstream, store)`: ask a live model (a real OpenAI-compatible server, or
  PAM's offline brain) and, with a store, save every exchange as a cassette.
"""

from __future__ import annotations

from typing import Any, Protocol

import httpx
import orjson

from evals.replay.cassettes import CassetteStore, Exchange, to_placeholders
from evals.replay.normalise import Normalised
from evals.replay.stream import merge, split


class NoCassette(LookupError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class UpstreamError(RuntimeError):
    """The live model answered with an error; passed on to the client as it is."""

    def __init__(self, status: int, body: bytes) -> None:
        super().__init__(f"upstream answered HTTP {status}")
        self.status = status
        self.body = body


class Source(Protocol):
    async def exchange(self, body: dict[str, Any], norm: Normalised) -> Exchange: ...

    def models(self) -> list[str]: ...


class Upstream(Protocol):
    name: str

    async def complete(self, body: dict[str, Any], norm: Normalised) -> Exchange: ...


class CassetteSource:
    def __init__(self, store: CassetteStore) -> None:
        self.store = store

    async def exchange(self, body: dict[str, Any], norm: Normalised) -> Exchange:
        found = self.store.lookup(norm.key)
        if found is None:
            raise NoCassette(norm.key)
        return found

    def models(self) -> list[str]:
        return sorted(self.store.models)


class LiveSource:
    def __init__(self, upstream: Upstream, store: CassetteStore | None = None) -> None:
        self.upstream = upstream
        self.store = store

    async def exchange(self, body: dict[str, Any], norm: Normalised) -> Exchange:
        recorded = to_placeholders(await self.upstream.complete(body, norm), norm)
        if self.store is not None:
            self.store.save(norm, recorded)
        return recorded

    def models(self) -> list[str]:
        return [self.upstream.name]


class OpenAIUpstream:
    """A real OpenAI-compatible server; streaming requests are streamed from it too."""

    name = "upstream"

    def __init__(self, base_url: str, api_key: str | None, timeout_s: float = 120) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.timeout_s = timeout_s

    async def complete(self, body: dict[str, Any], norm: Normalised) -> Exchange:
        async with httpx.AsyncClient(timeout=self.timeout_s, headers=self.headers) as client:
            if not body.get("stream"):
                answer = await client.post(self.url, json=body)
                if answer.status_code != 200:
                    raise UpstreamError(answer.status_code, answer.content)
                response = answer.json()
                return Exchange(response=response, chunks=split(response))
            chunks = []
            async with client.stream("POST", self.url, json=body) as answer:
                if answer.status_code != 200:
                    raise UpstreamError(answer.status_code, await answer.aread())
                async for line in answer.aiter_lines():
                    data = line.removeprefix("data:").strip() if line.startswith("data:") else ""
                    if data == "[DONE]":
                        break
                    if data:
                        chunks.append(orjson.loads(data))
            return Exchange(response=merge(chunks), chunks=chunks)
