"""The isolation matrix of `make chaos`, whole: user B with user A's ids on every REST,
chat, Agent Protocol and WebSocket route gets 404 / NOT_FOUND and sees nothing (and on
every door that lets a client choose a thread id, exactly what an unused id gets), and
forged, expired, `alg: none`, key-confused and wrong-audience tokens get 401 (4001 on
the socket), against a real `pam serve` that also trusts a JWKS key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.chaos.isolation import isolation_matrix
from tests.chaos.jwks import jwks_server, new_rsa_key
from tests.chaos.jwt_matrix import BOTH_ALGORITHMS, jwt_probes
from tests.servers import pam_process

pytestmark = pytest.mark.slow


async def test_user_b_gets_nothing_of_user_a_and_forged_tokens_get_401(
    migrated_url: str, tmp_path: Path
) -> None:
    key = new_rsa_key()
    with (
        jwks_server(key) as jwks,
        pam_process(migrated_url, tmp_path, PAM_JWKS_URL=jwks, **BOTH_ALGORITHMS) as pam,
    ):
        probes, problems = await isolation_matrix(pam.url, pam.ws_url)
        jwt = await jwt_probes(pam.url, pam.ws_url, "victim", key)
    assert problems == []
    assert [p for p in probes + jwt if not p.ok] == []
    assert not any(p.leaked for p in probes)
    surfaces = {p.surface for p in probes}
    assert {"REST", "chat", "Agent Protocol", "WebSocket", "MCP", "A2A", "AG-UI"} <= surfaces
    claims = [p for p in probes if "as for an unused id" in p.tried]  # issue 14's oracle
    assert len(claims) == 9 and all(p.ok for p in claims)
    assert [p.got for p in probes if p.tried == "A's threads after B claimed their ids"] == [
        "unchanged"
    ]
    assert len(jwt) >= 14
    assert {p.expected for p in jwt} == {"401", "close 4001", "200", "open"}
