"""The store API (`/store/items`, `/store/items/search`, `/store/namespaces`) on Postgres.

Items live in `store_items` (tools/db/user_store.py), owned by the caller: a namespace
is always the caller's own, whatever its labels say. Following LangGraph's documented
convention of a user's id as the first label, a namespace that starts with another
user's id is refused as not found, so a client that means someone else's never
silently gets a private copy of it instead.
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response
from langgraph.store.base import Item
from pydantic import Field

from server.agent_protocol.auth import ProtocolUser
from server.agent_protocol.page_bytes import PageBytes
from server.agent_protocol.schemas import Body, Offset
from server.agent_protocol.serialize import ProtocolJSON
from server.deps import Res
from server.refusals import BadInput, NotFound
from server.wire_json import dumps
from tools.db.user_store import StoreFull, UserStore

router = APIRouter(tags=["agent protocol"])
MAX_LABELS = 20
Namespace = Annotated[list[str], Field(max_length=MAX_LABELS)]
Key = Annotated[str, Field(min_length=1, max_length=1000)]
MAX_PAGE_BYTES = 8 * 1024 * 1024  # one search page's JSON
SEARCH_CHUNK = 50  # items read at a time


class StorePut(Body):
    namespace: Namespace = Field(min_length=1)
    key: Key
    value: dict[str, Any]
    index: bool | list[str] | None = None  # no embedding index here: accepted, unused
    ttl: float | None = Field(default=None, gt=0)


class StoreDelete(Body):
    namespace: Namespace = Field(min_length=1)
    key: Key


class StoreSearch(Body):
    namespace_prefix: Namespace = Field(default_factory=list)
    filter: dict[str, Any] | None = None
    limit: int = Field(default=10, ge=1, le=1000)
    offset: int = Offset
    query: str | None = None
    refresh_ttl: bool | None = None


class NamespaceSearch(Body):
    prefix: Namespace | None = None
    suffix: Namespace | None = None
    max_depth: int | None = Field(default=None, ge=1, le=MAX_LABELS)
    limit: int = Field(default=100, ge=1, le=1000)
    offset: int = Offset


def _checked(user: UUID, namespace: list[str], field: str) -> tuple[str, ...]:
    for label in namespace:
        if not label or "." in label:
            raise BadInput(f"{field}: labels are non-empty and contain no '.'.")
    if namespace:
        try:
            first = UUID(namespace[0])
        except ValueError:
            first = None
        if first is not None and first != user:
            raise NotFound(f"{field}: no such namespace.")
    return tuple(namespace)


def item_json(item: Item) -> dict[str, Any]:
    found = item.dict()
    score = getattr(item, "score", None)
    if score is not None:
        found["score"] = score
    return found


def _store(res: Res, user: UUID) -> UserStore:
    return UserStore(res.pool, max_items=res.settings.store_max_items_per_user).for_user(user)


@router.put("/store/items", status_code=204)
async def put_item(body: StorePut, user: ProtocolUser, res: Res) -> Response:
    namespace = _checked(user, body.namespace, "namespace")
    try:
        await _store(res, user).aput(namespace, body.key, body.value, ttl=body.ttl)
    except StoreFull as exc:
        raise BadInput(str(exc)) from None
    return Response(status_code=204)


@router.get("/store/items", response_class=ProtocolJSON)
async def get_item(
    user: ProtocolUser,
    res: Res,
    key: Annotated[str, Query(min_length=1, max_length=1000)],
    namespace: str = "",
    refresh_ttl: bool | None = None,
) -> Any:
    labels = _checked(user, namespace.split(".") if namespace else [], "namespace")
    if not labels:
        raise BadInput("namespace: at least one label.")
    found = await _store(res, user).aget(labels, key, refresh_ttl=refresh_ttl)
    # A key with no item is `null`, as LangGraph's server answers (the SDK returns None);
    # a namespace that is not the caller's is still a 404 (`_checked`).
    return ProtocolJSON(None if found is None else item_json(found))


@router.delete("/store/items", status_code=204)
async def delete_item(body: StoreDelete, user: ProtocolUser, res: Res) -> Response:
    namespace = _checked(user, body.namespace, "namespace")
    await _store(res, user).adelete(namespace, body.key)
    return Response(status_code=204)


@router.post("/store/items/search")
async def search_items(body: StoreSearch, user: ProtocolUser, res: Res) -> Response:
    """Up to `limit` items, read SEARCH_CHUNK at a time, stopping before the page's JSON
    would pass MAX_PAGE_BYTES (the first item always comes): the client pages on with
    `offset` (redteam 9: 1,000 items of 60 KB were one 60 MB answer)."""
    prefix = _checked(user, body.namespace_prefix, "namespace_prefix")
    store = _store(res, user)
    parts: list[bytes] = []
    page = PageBytes(MAX_PAGE_BYTES, size=len(b'{"items":[]}'))
    while len(parts) < body.limit:
        ask = min(SEARCH_CHUNK, body.limit - len(parts))
        try:
            found = await store.asearch(
                prefix,
                query=body.query,
                filter=body.filter,
                limit=ask,
                offset=body.offset + len(parts),
                refresh_ttl=body.refresh_ttl,
            )
        except ValueError as exc:  # an unknown filter operator
            raise BadInput(str(exc)) from None
        for item in found:
            encoded = dumps(item_json(item))
            if not page.take(len(encoded)):
                return _items(parts)
            parts.append(encoded)
        if len(found) < ask:
            break
    return _items(parts)


def _items(parts: list[bytes]) -> Response:
    return Response(b'{"items":[' + b",".join(parts) + b"]}", media_type="application/json")


@router.post("/store/namespaces", response_class=ProtocolJSON)
async def list_namespaces(body: NamespaceSearch, user: ProtocolUser, res: Res) -> Any:
    prefix = _checked(user, body.prefix or [], "prefix") or None
    suffix = _checked(user, body.suffix or [], "suffix") or None
    found = await _store(res, user).alist_namespaces(
        prefix=prefix, suffix=suffix, max_depth=body.max_depth, limit=body.limit, offset=body.offset
    )
    return ProtocolJSON({"namespaces": [list(n) for n in found]})
