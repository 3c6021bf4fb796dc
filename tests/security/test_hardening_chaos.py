"""`make chaos`'s hardening step, whole: issue 14's findings probed against a real
`pam serve` in production mode with PAM_JWKS_URL and PAM_JWT_SECRET=change-me."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.chaos.hardening import HARDENING_ENV, hardening_probes
from tests.chaos.jwks import jwks_server, new_rsa_key
from tests.servers import pam_process

pytestmark = [pytest.mark.slow, pytest.mark.hardening]


async def test_every_hardening_probe_is_as_expected(migrated_url: str, tmp_path: Path) -> None:
    key = new_rsa_key()
    env = {**HARDENING_ENV, "LOG_LEVEL": "INFO"}
    with (
        jwks_server(key) as jwks,
        pam_process(migrated_url, tmp_path, PAM_JWKS_URL=jwks, **env) as pam,
    ):
        probes = await hardening_probes(
            pam.url, pam.ws_url, key, lambda: pam.log.read_text(errors="replace")
        )
    assert [p for p in probes if not p.ok] == []
    assert len(probes) >= 11
