"""The a2a SDK's OpenTelemetry spans, off unless the operator turns them on.

PAM exports no OpenTelemetry traces, yet the SDK wraps every call of its server (and
client) in a span by default, some 120 a turn, spent for nothing. The SDK reads its
switch once, when `a2a.utils.telemetry` is first imported, so it is set here, before
the door imports the SDK; `OTEL_INSTRUMENTATION_A2A_SDK_ENABLED=true` in the
environment keeps the spans for whoever collects them.
"""

from __future__ import annotations

import os

SWITCH = "OTEL_INSTRUMENTATION_A2A_SDK_ENABLED"

os.environ.setdefault(SWITCH, "false")
