"""Headless Chromium from Debian (`chromium`, `chromium-driver`) driven by Selenium.

Nothing is downloaded: the driver and the browser are the system's, named by path.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
MISSING = (
    None
    if CHROMIUM.exists() and CHROMEDRIVER.exists()
    else "Debian's chromium and chromium-driver are not installed (make e2e-deps installs them)"
)
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=en-AU",
)
WAIT_S = 20.0


@contextmanager
def chromium(*, phone: bool = False) -> Iterator[WebDriver]:
    """A fresh browser (its own profile directory), in the travellers' time zone: a
    1280x900 desktop window, or a phone's 390x844 screen (mobile emulation)."""
    with tempfile.TemporaryDirectory(prefix="pam-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in (*FLAGS, f"--user-data-dir={profile}", "--window-size=1280,900"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # console errors
        if phone:
            metrics = {"width": 390, "height": 844, "pixelRatio": 2.0, "mobile": True}
            options.add_experimental_option("mobileEmulation", {"deviceMetrics": metrics})
        service = Service(executable_path=str(CHROMEDRIVER), env={"TZ": "Australia/Sydney"})
        driver = webdriver.Chrome(service=service, options=options)
        try:
            yield driver
        except Exception:
            shot(driver, "failed-last")  # what the page showed when the test failed
            raise
        finally:
            driver.quit()


def shot(driver: WebDriver, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def wait_for(driver: WebDriver, css: str, *, text: str = "") -> WebElement:
    """The first element matching `css` (whose text contains `text`) once it is shown.
    Elements the page replaces while we look are looked for again."""

    def found(d: WebDriver) -> WebElement | bool:
        for element in d.find_elements("css selector", css):
            if element.is_displayed() and text in element.text:
                return element
        return False

    waiting = WebDriverWait(driver, WAIT_S, ignored_exceptions=[StaleElementReferenceException])
    element = waiting.until(found, f"no visible {css!r} containing {text!r}")
    assert isinstance(element, WebElement)
    return element


def wait_gone(driver: WebDriver, css: str, *, text: str = "") -> None:
    waiting = WebDriverWait(driver, WAIT_S, ignored_exceptions=[StaleElementReferenceException])
    waiting.until(
        lambda d: not any(text in e.text for e in d.find_elements("css selector", css)),
        f"{css!r} containing {text!r} is still there",
    )


def console_errors(driver: WebDriver) -> list[str]:
    """What the page logged as errors (a CSP violation, a failed request, a script error),
    and warnings of something deprecated (a meta tag the browser is dropping)."""
    entries: list[dict[str, str]] = driver.execute("getLog", {"type": "browser"})["value"]
    return [
        e["message"]
        for e in entries
        if e["level"] == "SEVERE" or (e["level"] == "WARNING" and "deprecated" in e["message"])
    ]
