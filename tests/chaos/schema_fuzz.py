"""Schemathesis over a live server's /openapi.json, signed in with a valid token: no
5xx, and every response conforms to the documented schema (status, content type,
headers, body). Runs the `st` command line and reads its summary."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance,response_headers_conformance"
)
# The chat page and its token helper are not JSON API operations; a thread's event
# stream stays open by design (it waits, with heartbeats, for the thread's next runs), so
# a fuzzed id that names a thread the fuzzer made would hold a worker until the end.
EXCLUDE_PATH = r"^/api/v1/dev/|^/threads/\{thread_id\}/stream$"


@dataclass
class FuzzResult:
    exit_code: int
    generated: int
    failures: int
    errors: int
    operations: int
    output_tail: str

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and self.failures == 0 and self.errors == 0


def _count(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    return int(found.group(1)) if found else 0


def run_schemathesis(
    base_url: str,
    token: str,
    *,
    max_examples: int,
    phases: str = "examples,coverage,fuzzing,stateful",
    seed: int = 20261127,
    timeout_s: float = 1800,
) -> FuzzResult:
    st = Path(sys.executable).parent / "st"
    with tempfile.TemporaryDirectory(prefix="pam-st-") as tmp:
        argv = [
            str(st), "run", f"{base_url}/openapi.json",
            "--header", f"Authorization: Bearer {token}",
            "--checks", CHECKS,
            "--max-examples", str(max_examples),
            "--phases", phases,
            "--seed", str(seed),
            "--exclude-path-regex", EXCLUDE_PATH,
            # One worker: with two, Hypothesis parses lambda sources with `ast` in two
            # threads at once, which CPython 3.11 can fail ("AST constructor recursion
            # depth mismatch"), a crash of the fuzzer counted as a failure of the API.
            "--workers", "1",
            "--request-timeout", "60",
            "--generation-database", "none",
            # Hypothesis's own health checks (slow or heavily filtered generation) say
            # nothing about the API.
            "--suppress-health-check", "all",
            "--no-color",
        ]  # fmt: skip
        done = subprocess.run(
            argv, cwd=tmp, capture_output=True, text=True, timeout=timeout_s, check=False
        )
    out = done.stdout + done.stderr
    return FuzzResult(
        exit_code=done.returncode,
        generated=_count(r"(\d+) generated", out),
        failures=_count(r"(\d+) failures?\b", out.split("SUMMARY")[-1]),
        errors=_count(r"(\d+) errors?\b", out.split("SUMMARY")[-1]),
        operations=_count(r"Tested: (\d+)", out),
        output_tail=out[-4000:],
    )
