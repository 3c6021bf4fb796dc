"""Signing in: the dev token only for this computer under the embedded default; a pasted
token (the page's form) whenever real auth is configured."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from selenium.webdriver.common.by import By

from server.auth import TokenVerifier
from server.routes.dev_token import host_name, is_loopback
from tests.e2e.browser import MISSING, chromium, shot, wait_for
from tests.e2e.conftest import server_env
from tests.servers import RunningServer, pam_server

SECRET = "e2e-secret-that-is-long-enough-for-hs256-0123456789"
DEV_TOKEN = "/api/v1/dev/token"
needs_chromium = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


@pytest.fixture(scope="module")
def secret_server(
    own_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    env = server_env(own_database, tmp_path_factory.mktemp("pam-secret"), PAM_JWT_SECRET=SECRET)
    with pam_server(env) as server:
        yield server


def test_dev_token_is_a_working_token_for_the_local_user(local_server: RunningServer) -> None:
    answer = httpx.get(f"{local_server.url}{DEV_TOKEN}")
    assert answer.status_code == 200
    body = answer.json()
    assert body["user"] == "local"
    threads = httpx.get(
        f"{local_server.url}/api/v1/pam/threads",
        headers={"Authorization": f"Bearer {body['token']}"},
    )
    assert threads.status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"Host": "pam.example.com"},  # a DNS-rebinding page, or a proxy passing Host
        {"X-Forwarded-For": "203.0.113.9"},  # forwarded for someone elsewhere
        {"Forwarded": "for=203.0.113.9"},
    ],
)
def test_dev_token_refuses_requests_not_from_this_computer(
    local_server: RunningServer, headers: dict[str, str]
) -> None:
    answer = httpx.get(f"{local_server.url}{DEV_TOKEN}", headers=headers)
    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not Found", "code": "not_found"}


def test_dev_token_is_absent_when_a_jwt_secret_is_configured(secret_server: RunningServer) -> None:
    answer = httpx.get(f"{secret_server.url}{DEV_TOKEN}")
    assert answer.status_code == 404


def test_loopback_and_host_parsing() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("127.8.0.1")
    assert not is_loopback("10.0.0.1") and not is_loopback("localhost") and not is_loopback(None)
    assert host_name("localhost:8000") == "localhost"
    assert host_name("[::1]:8000") == "[::1]"
    assert host_name("127.0.0.1") == "127.0.0.1"


@needs_chromium
def test_page_signs_in_with_a_pasted_token(secret_server: RunningServer) -> None:
    good = TokenVerifier(secret=SECRET, audience="authenticated").issue("alice", ttl_s=3600)
    with chromium() as driver:
        driver.get(f"{secret_server.url}/")
        form = wait_for(driver, "#signin-form", text="Sign in to PAM")
        assert not driver.find_element(By.ID, "signin-local").is_displayed()  # no dev token
        shot(driver, "00-sign-in-form")
        box = driver.find_element(By.ID, "signin-token")
        box.send_keys("not-a-token")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for(driver, "#signin-error", text="not accepted")
        box.clear()
        box.send_keys(good)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for(driver, "#whoami", text="alice")
        driver.find_element(By.ID, "sign-out").click()
        wait_for(driver, "#signin-error", text="signed out")
        assert driver.execute_script("return localStorage.getItem('pam.token')") is None
