"""Events the agent reports for the server's metrics, as LangChain custom events.

The agent layer cannot import the server; a run's callbacks can listen. Names:
`pam_model_error` {kind, where}, `pam_route_fallback` {reason}, `pam_handoff` {from, to}.
Outside a run (a bare model call in a test) there is nobody to tell, and that is fine.
"""

from __future__ import annotations

import contextlib
from typing import Any

from langchain_core.callbacks import adispatch_custom_event


async def emit(name: str, data: dict[str, Any]) -> None:
    with contextlib.suppress(RuntimeError):  # no parent run to attach the event to
        await adispatch_custom_event(name, data)
