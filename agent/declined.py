"""A declined approval, in the person's words.

When someone rejects an action, LangChain's human-in-the-loop middleware answers the model
with a ToolMessage written for the model ("User rejected the tool call for `delete_expense`
with reason: keep it"). The model keeps reading that; the chat events and the transcript
show the person this instead, so no client prints a tool's code name as a failure.
"""

from __future__ import annotations

from langchain_core.messages import ToolMessage


def declined_summary(message: ToolMessage) -> str | None:
    """ "Not done: you said no (reason)." for a rejected call's answer, else None."""
    if message.status != "error" or not message.name:
        return None
    rest = message.text.removeprefix(f"User rejected the tool call for `{message.name}`")
    if rest == message.text:
        return None
    given = " with reason: "
    reason = rest.removeprefix(given).strip() if rest.startswith(given) else ""
    return f"Not done: you said no ({reason})." if reason else "Not done: you said no."
