"""What the web page costs to open: bytes transferred on a phone's first visit, on a
repeat visit with signal, and on a repeat visit with none (the service worker's copy).

    DATABASE_URL=postgresql://... python -m bench.web_load

Debian's Chromium (headless) opens `pam serve` (offline brain) through a proxy that
counts every response byte it relays (headers and bodies, as sent: the server does not
compress); DevTools network emulation takes the browser offline. Writes
bench/results/web-load.md and .json. Issue 22's budget: a first load of at most 150 KB.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import orjson
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from bench.db import bench_database
from tests.e2e.browser import chromium, wait_for
from tests.e2e.conftest import server_env
from tests.e2e.cutting_proxy import CuttingProxy, cutting_proxy
from tests.servers import pam_server

RESULTS = Path(__file__).resolve().parent / "results"
BUDGET_BYTES = 150 * 1024
CONTROLLED = "return !!navigator.serviceWorker.controller"


def settled(proxy: CuttingProxy) -> int:
    """The bytes relayed once nothing more has gone through for a second."""
    last = -1
    while proxy.bytes_sent != last:
        last = proxy.bytes_sent
        time.sleep(1.0)
    return last


def shown(driver: WebDriver, css: str, text: str) -> None:
    """Wait until an element matching `css` holds `text` (shown or scrolled away)."""
    script = (
        "return [...document.querySelectorAll(arguments[0])]"
        ".some((e) => e.textContent.includes(arguments[1]))"
    )
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(script, css, text), css)


def visit(driver: WebDriver, proxy: CuttingProxy, open_page: Any) -> dict[str, Any]:
    """Open the page; the bytes it took, split into the app shell and API reads."""
    before = settled(proxy)
    proxy.sent.clear()
    open_page()
    wait_for(driver, "#sign-out")  # signed in (a phone hides the name)
    shown(driver, "#expenses li", "")
    total = settled(proxy) - before
    api = sum(n for name, n in proxy.sent.items() if " /api/" in name)
    return {"bytes": total, "shell_bytes": total - api, "api_bytes": api, "by_path": proxy.sent}


def measure(url: str, proxy: CuttingProxy) -> dict[str, Any]:
    with chromium(phone=True) as driver:
        first = visit(driver, proxy, lambda: driver.get(f"{url}/"))
        started = time.monotonic()
        while not driver.execute_script(CONTROLLED):
            if time.monotonic() - started > 20:
                raise RuntimeError("the service worker never controlled the page")
            time.sleep(0.1)
        # Something for the panel to show (and keep): one expense, logged by PAM.
        box = driver.find_element("id", "composer-input")
        box.send_keys("spent $12.30 on coffee today\n")
        shown(driver, "#expenses li", "$12.30")
        shown(driver, ".msg.user[data-state='sent']", "")
        repeat = visit(driver, proxy, driver.refresh)
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        offline = visit(driver, proxy, driver.refresh)
        shown(driver, "#money .as-of", "As of")
    return {"first_load": first, "repeat_online": repeat, "repeat_offline": offline}


def markdown(results: dict[str, Any]) -> str:
    first = results["first_load"]["bytes"]
    rows = [
        ("first load (new phone, with signal)", results["first_load"]),
        ("repeat load, with signal", results["repeat_online"]),
        ("repeat load, no signal", results["repeat_offline"]),
    ]
    lines = [
        "# The web page's load size (`python -m bench.web_load`)",
        "",
        "Bytes the server sent (headers and bodies, uncompressed: the server does not",
        "compress) while headless Chromium, as a phone, opened the page, its panel and its",
        "chat list; measured by a counting proxy, side by side in one run.",
        "",
        "| visit | KB | app shell KB | API KB | ratio to first load |",
        "|---|---|---|---|---|",
    ]
    for name, row in rows:
        lines.append(
            f"| {name} | {row['bytes'] / 1024:.1f} | {row['shell_bytes'] / 1024:.1f}"
            f" | {row['api_bytes'] / 1024:.1f} | {row['bytes'] / first:.2f} |"
        )
    verdict = "within" if first <= BUDGET_BYTES else "OVER"
    lines += ["", f"Budget (issue 22): first load ≤ 150 KB — {verdict}.", ""]
    return "\n".join(lines)


def main() -> None:
    with (
        bench_database() as database_url,
        tempfile.TemporaryDirectory(prefix="pam-bench-web-") as data_dir,
        pam_server(server_env(database_url, Path(data_dir))) as server,
        cutting_proxy(server.url) as (url, proxy),
    ):
        results = measure(url, proxy)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "web-load.json").write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2))
    (RESULTS / "web-load.md").write_text(markdown(results))
    print(markdown(results))


if __name__ == "__main__":
    main()
