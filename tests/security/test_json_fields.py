"""Issue 14, free-form JSON over the Agent Protocol: a lone UTF-16 surrogate is a 422
naming its field (L5), and metadata — sent at once or merged patch by patch — stays
under MAX_FIELD_BYTES (L4). The connection stays usable after each refusal."""

from __future__ import annotations

import httpx
import pytest

from server.json_safe import MAX_FIELD_BYTES
from tests.api.conftest import Serve, auth
from tests.api.rest_support import new_user

pytestmark = pytest.mark.hardening  # issue 14 (make chaos runs it too)

LONE = '"\\ud800"'  # JSON text: a lone high surrogate, as a client can send it


def raw(body: str) -> dict[str, object]:
    return {"content": body.encode(), "headers": {"content-type": "application/json"}}


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/threads", '{"metadata": {"name": ' + LONE + "}}", "metadata"),
        ("/threads/search", '{"metadata": {"k": ' + LONE + "}}", "metadata"),
        ("{runs}", '{"assistant_id": "pam", "input": {"message": ' + LONE + "}}", "input"),
        ("{state}", '{"values": {"messages": [' + LONE + "]}}", "values"),
        ("{thread}", '{"metadata": {' + LONE + ": 1}}", "metadata"),
    ],
)
async def test_a_lone_surrogate_is_a_422_naming_the_field(
    serve: Serve, path: str, body: str, field: str
) -> None:
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(new_user("surrogate"))) as c,
    ):
        tid = (await c.post("/threads", json={})).json()["thread_id"]
        url = path.format(
            runs=f"/threads/{tid}/runs", state=f"/threads/{tid}/state", thread=f"/threads/{tid}"
        )
        method = c.patch if path == "{thread}" else c.post
        answer = await method(url, **raw(body))  # type: ignore[arg-type]
        assert answer.status_code == 422, answer.text
        assert field in answer.text and "surrogate" in answer.text
        assert (await c.get(f"/threads/{tid}")).status_code == 200  # still serving


async def test_metadata_is_bounded_whole_and_merged(serve: Serve) -> None:
    big = "x" * (MAX_FIELD_BYTES // 2)
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(new_user("meta"))) as c,
    ):
        too_big = await c.post("/threads", json={"metadata": {"a": big, "b": big, "c": big}})
        assert too_big.status_code == 422 and "metadata" in too_big.text
        tid = (await c.post("/threads", json={"metadata": {"a": big}})).json()["thread_id"]
        patched = await c.patch(f"/threads/{tid}", json={"metadata": {"b": big}})
        assert patched.status_code == 422, patched.text
        assert "metadata" in patched.json()["detail"]
        thread = (await c.get(f"/threads/{tid}")).json()
        assert set(thread["metadata"]) >= {"a"} and "b" not in thread["metadata"]
        # Replacing a key with a smaller value is fine.
        assert (await c.patch(f"/threads/{tid}", json={"metadata": {"a": "x"}})).status_code == 200
        assert (await c.patch(f"/threads/{tid}", json={"metadata": {"b": big}})).status_code == 200
