"""`pam flags` on a real database, and a bad PAM_FLAGS stopping `pam serve` with one
line that names it."""

from __future__ import annotations

import pytest

from tests.integration.test_cli import pam

pytestmark = pytest.mark.usefixtures("clean_flags")


def test_set_rollout_list_and_audit(migrated_url: str) -> None:
    env = {"DATABASE_URL": migrated_url}
    assert pam("flags", "set", "domain.social", '{"default": false}', env=env).returncode == 0
    rolled = pam("flags", "rollout", "action.create_post", "25", env=env)
    assert rolled.returncode == 0, rolled.stderr
    assert rolled.stdout.strip() == "action.create_post at 25% -> false"
    listed = pam("flags", "list", env=env).stdout.splitlines()
    social = next(line for line in listed if line.startswith("domain.social "))
    assert social.split()[1:3] == ["boolean", "table"]
    assert '"default":false' in social
    got = pam("flags", "get", "action.create_post", env=env)
    assert '"percentage": 25.0' in got.stdout
    audit = pam("flags", "audit", "domain.social", env=env).stdout
    assert " cli:" in audit and 'domain.social: - -> {"' in audit


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set", "domain.sociall", '{"default": false}'), "unknown flag 'domain.sociall'"),
        (("rollout", "domain.wins", "150"), "percentage must be between 0 and 100, not 150"),
        (("set", "domain.wins", '{"default": true, "percentage": 5}'), "value to roll out"),
        (("set", "experiment.model", '{"default": "openai:"}'), "cannot load"),
        (
            ("set", "domain.wins", '{"default": false, "value": true, "where": {"unit": "x"}}'),
            "unknown fact 'unit'",
        ),
        (
            (
                "set",
                "domain.wins",
                '{"default": false, "value": true, "where": {"units": "miles"}}',
            ),
            "where.units: 'miles' is not a units value",
        ),
    ],
)
def test_bad_flag_commands_fail_with_one_clear_line(
    migrated_url: str, args: tuple[str, ...], message: str
) -> None:
    out = pam("flags", *args, env={"DATABASE_URL": migrated_url})
    assert out.returncode == 1
    assert message in out.stderr
    assert out.stderr.strip().count("\n") == 0


def test_a_bad_pam_flags_stops_serve_naming_it(migrated_url: str) -> None:
    out = pam(
        "serve",
        env={"DATABASE_URL": migrated_url, "PAM_FLAGS": '{"domain.sociall": {"default": false}}'},
    )
    assert out.returncode == 1
    assert out.stderr.startswith("pam: configuration error: PAM_FLAGS")
    assert "unknown flag 'domain.sociall'" in out.stderr
