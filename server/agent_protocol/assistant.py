"""PAM's one assistant: the `pam` graph, addressable by its fixed UUID or by "pam"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid5

from server.refusals import NotFound

GRAPH_ID = "pam"
# The namespace langgraph-api derives a graph's default assistant id from, so clients
# that compute the id themselves land on the same one.
ASSISTANT_NAMESPACE = UUID("6ba7b821-9dad-11d1-80b4-00c04fd430c8")
ASSISTANT_ID = str(uuid5(ASSISTANT_NAMESPACE, GRAPH_ID))
# A fixed moment: the assistant is part of the code, not a row anyone created.
CREATED_AT = datetime(2026, 1, 1, tzinfo=UTC)


class AssistantNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("Assistant not found.")


def resolve_assistant(assistant_id: str) -> str:
    """The canonical assistant id for an id or graph name; 404 for anything else."""
    if assistant_id == GRAPH_ID:
        return ASSISTANT_ID
    try:
        if str(UUID(assistant_id)) == ASSISTANT_ID:
            return ASSISTANT_ID
    except ValueError:
        pass
    raise AssistantNotFound()


def assistant_record() -> dict[str, Any]:
    return {
        "assistant_id": ASSISTANT_ID,
        "graph_id": GRAPH_ID,
        "name": GRAPH_ID,
        "description": "PAM, the personal assistant for people travelling Australia.",
        "config": {},
        "context": {},
        "metadata": {"created_by": "system"},
        "version": 1,
        "created_at": CREATED_AT,
        "updated_at": CREATED_AT,
    }
