"""Runs of the graph: the manager, the request that starts a run, the run object, its
events, thread ownership."""

from server.runs.events import RunEvent
from server.runs.manager import RunManager, Strategy, ThreadBusy
from server.runs.request import RunRequest
from server.runs.run import Run, RunFailed, RunStatus
from server.runs.store import DuplicateMessage
from server.runs.threads import ThreadRow, create_thread, owned_thread

__all__ = [
    "DuplicateMessage",
    "Run",
    "RunEvent",
    "RunFailed",
    "RunManager",
    "RunRequest",
    "RunStatus",
    "Strategy",
    "ThreadBusy",
    "ThreadRow",
    "create_thread",
    "owned_thread",
]
