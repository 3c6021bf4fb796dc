"""Streaming pieces: the reply's text in one chunk, its tool calls in one chunk.

The offline brain has its whole reply at once, so it hands it over at once: one chunk of
text per reply step rather than one per word. Each chunk a model streams costs the server
a callback dispatch, a stream event, an encoding and a frame per client; a word-by-word
split bought the reader nothing but the look of typing. A model that really streams (an
OpenAI-compatible server) still reaches the client token by token.
"""

from __future__ import annotations

import json

from langchain_core.messages import AIMessage, AIMessageChunk
from langchain_core.messages.tool import tool_call_chunk


def chunks(message: AIMessage) -> list[AIMessageChunk]:
    """The message as the chunks a streaming model would send (its text, then its tool
    calls, each in one piece), the last one marked."""
    text = message.content if isinstance(message.content, str) else ""
    out = [AIMessageChunk(content=text)] if text else []
    if message.tool_calls:
        out.append(
            AIMessageChunk(
                content="",
                tool_call_chunks=[
                    tool_call_chunk(
                        name=call["name"],
                        args=json.dumps(call["args"]),
                        id=call["id"],
                        index=i,
                    )
                    for i, call in enumerate(message.tool_calls)
                ],
            )
        )
    if not out:
        out.append(AIMessageChunk(content=""))
    out[-1].chunk_position = "last"
    return out
