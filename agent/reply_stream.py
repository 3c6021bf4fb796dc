"""The reply's text as it is written, for a turn whose client reads it token by token.

PAM's chat turns (SSE and WebSocket) set `Context.reply_tokens`. Their runs then do not
ask LangGraph for its `messages` stream mode, whose callback handler works at every
chain start and end of the turn; instead the places that make a reply write its text
through LangGraph's stream writer (the `custom` mode) as it comes:

- a model call streams (`streamed_call`: the model's own `astream`, so a real
  OpenAI-compatible model still answers token by token) and each chunk's text is
  written, tool-call chunks left out;
- a reply made without the model (the apology, a paused domain's answer, the writes'
  summaries) is written whole, as the `messages` mode emitted it at the node's end.

The server's chat translation (server/chat/translate.py) turns each chunk into a `token`
event. Other runs (the Agent Protocol's) leave the flag off: their model calls and their
`messages` and `custom` modes are LangGraph's, unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from langchain_core.language_models import LanguageModelInput
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.messages.utils import message_chunk_to_message
from langchain_core.runnables import Runnable
from langgraph.config import get_stream_writer

from agent.context import Context

# A custom-mode chunk of reply text: {"event": REPLY_CHUNK, "text": "..."}.
REPLY_CHUNK: Final = "pam_reply_text"

ChatRunnable = Runnable[LanguageModelInput, Any]


def reply_token(data: Any) -> str | None:
    """The text of a custom-mode chunk written here; None for any other chunk."""
    if isinstance(data, dict) and data.get("event") == REPLY_CHUNK:
        text = data.get("text")
        return text if isinstance(text, str) else None
    return None


def write_reply(ctx: Context, text: str) -> None:
    """A reply made without a streaming model call, written whole."""
    if ctx.reply_tokens and text:
        get_stream_writer()({"event": REPLY_CHUNK, "text": text})


async def streamed_call(model: ChatRunnable, messages: Sequence[BaseMessage]) -> AIMessage:
    """`model` called through its `astream`, each chunk's reply text written as it
    comes; the chunks joined are the answer, as `ainvoke` would return it."""
    write = get_stream_writer()
    whole: AIMessageChunk | None = None
    async for chunk in model.astream(list(messages)):
        if not isinstance(chunk, AIMessageChunk):
            continue
        if chunk.text and not chunk.tool_call_chunks:
            write({"event": REPLY_CHUNK, "text": chunk.text})
        whole = chunk if whole is None else whole + chunk
    if whole is None:
        return AIMessage("")
    answer = message_chunk_to_message(whole)
    return answer if isinstance(answer, AIMessage) else AIMessage(answer.text)
