"""Streaming pieces: text as word-ish tokens with their whitespace, tool calls in one chunk."""

from __future__ import annotations

import json
import re

from langchain_core.messages import AIMessage, AIMessageChunk
from langchain_core.messages.tool import tool_call_chunk

_TOKEN = re.compile(r"\s*\S+|\s+")


def tokens(text: str) -> list[str]:
    """ "Done — logged $5." -> ["Done", " —", " logged", " $5."]; joined they are the text."""
    return _TOKEN.findall(text)


def chunks(message: AIMessage) -> list[AIMessageChunk]:
    """The message as the chunks a streaming model would send, the last one marked."""
    text = message.content if isinstance(message.content, str) else ""
    out = [AIMessageChunk(content=t) for t in tokens(text)]
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
