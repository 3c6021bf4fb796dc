"""An edited approval changes the asked action's arguments, never which action runs.

LangChain's human-in-the-loop middleware lets an `edit` decision name another tool of
the agent ("Delete the $9 expense?" edited into `add_income` ran the income). The card
the person answered asked about one action; an edit that names another is answered as
a refusal, so nothing runs and the model is told why. Every door's resume reaches this
(chat, WebSocket, MCP, A2A, AG-UI and the Agent Protocol's raw `command.resume`); the
chat doors also refuse such a decision with 422 before the run (server/chat/turns.py).
"""

from __future__ import annotations

from typing import Any

from langchain.agents.middleware import HumanInTheLoopMiddleware
from langchain_core.messages import ToolMessage
from langchain_core.messages.tool import ToolCall


def renamed_edit(decision: Any, asked: str) -> str | None:
    """The other action an `edit` decision names, or None when it keeps `asked`."""
    if not isinstance(decision, dict) or decision.get("type") != "edit":
        return None
    edited = decision.get("edited_action")
    name = edited.get("name") if isinstance(edited, dict) else None
    return None if name == asked else str(name)


class SameActionApprovals(HumanInTheLoopMiddleware):
    @property
    def name(self) -> str:
        # The graph's node keeps LangChain's name: a thread checkpointed while waiting at
        # "HumanInTheLoopMiddleware.after_model" resumes there, and clients read it.
        return HumanInTheLoopMiddleware.__name__

    @staticmethod
    def _process_decision(
        decision: Any, tool_call: ToolCall, config: Any
    ) -> tuple[ToolCall | None, ToolMessage | None]:
        other = renamed_edit(decision, tool_call["name"])
        if other is not None:
            reason = (
                f"the edit named another action ({other}); an edit may change only the "
                f"details of {tool_call['name']}, so nothing was done"
            )
            decision = {"type": "reject", "message": reason}
        return HumanInTheLoopMiddleware._process_decision(decision, tool_call, config)
