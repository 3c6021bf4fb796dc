"""OpenAI chat-completion chunks: from a whole response, back into one, and rewritten.

A streamed answer is a list of `chat.completion.chunk` objects whose `delta`s carry text
and tool-call argument fragments. Rewriting placeholders in it works on each field's
whole text (a UUID is often cut across two fragments), then cuts the new text at the
same places, moving a cut that fell inside a replaced value to the value's end.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

WORD = re.compile(r"\s*\S+\s*|\s+")
ARG_PIECE = 12  # characters per streamed argument fragment


def _chunk(response: dict[str, Any], delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
    return {
        "id": response.get("id", "chatcmpl-replay"),
        "object": "chat.completion.chunk",
        "created": response.get("created", 0),
        "model": response.get("model", ""),
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
    }


def split(response: dict[str, Any]) -> list[dict[str, Any]]:
    """The chunks a server would stream for `response` (first choice), usage last."""
    choice = response["choices"][0]
    message = choice.get("message") or {}
    chunks = [_chunk(response, {"role": "assistant", "content": ""}, None)]
    for piece in WORD.findall(message.get("content") or ""):
        chunks.append(_chunk(response, {"content": piece}, None))
    for i, call in enumerate(message.get("tool_calls") or []):
        fn = call.get("function") or {}
        head = {"index": i, "id": call.get("id"), "type": "function"}
        head["function"] = {"name": fn.get("name"), "arguments": ""}
        chunks.append(_chunk(response, {"tool_calls": [head]}, None))
        args = fn.get("arguments") or ""
        for start in range(0, len(args), ARG_PIECE):
            piece = {"index": i, "function": {"arguments": args[start : start + ARG_PIECE]}}
            chunks.append(_chunk(response, {"tool_calls": [piece]}, None))
    chunks.append(_chunk(response, {}, choice.get("finish_reason") or "stop"))
    if response.get("usage"):
        last = _chunk(response, {}, None)
        last["choices"], last["usage"] = [], response["usage"]
        chunks.append(last)
    return chunks


def merge(chunks: list[dict[str, Any]]) -> dict[str, Any]:
    """The whole `chat.completion` that `chunks` stream (first choice)."""
    content: list[str] = []
    calls: dict[int, dict[str, Any]] = {}
    finish, usage, first = None, None, (chunks[0] if chunks else {})
    for chunk in chunks:
        usage = chunk.get("usage") or usage
        for choice in chunk.get("choices") or []:
            delta = choice.get("delta") or {}
            content.append(delta.get("content") or "")
            for part in delta.get("tool_calls") or []:
                call = calls.setdefault(part.get("index", 0), {"id": None, "name": "", "args": ""})
                call["id"] = part.get("id") or call["id"]
                fn = part.get("function") or {}
                call["name"] += fn.get("name") or ""
                call["args"] += fn.get("arguments") or ""
            finish = choice.get("finish_reason") or finish
    message: dict[str, Any] = {"role": "assistant", "content": "".join(content) or None}
    if calls:
        message["tool_calls"] = [
            {
                "id": c["id"],
                "type": "function",
                "function": {"name": c["name"], "arguments": c["args"]},
            }
            for _, c in sorted(calls.items())
        ]
    response = {
        "id": first.get("id", "chatcmpl-replay"),
        "object": "chat.completion",
        "created": first.get("created", 0),
        "model": first.get("model", ""),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
    }
    if usage:
        response["usage"] = usage
    return response


def _fields(chunks: list[dict[str, Any]]) -> dict[tuple[Any, ...], list[dict[str, Any]]]:
    """Each streamed text field -> the dicts holding its fragments, in order."""
    found: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for chunk in chunks:
        for choice in chunk.get("choices") or []:
            delta = choice.get("delta") or {}
            if isinstance(delta.get("content"), str):
                found.setdefault(("content", choice.get("index")), []).append(delta)
            for part in delta.get("tool_calls") or []:
                fn = part.get("function") or {}
                if isinstance(fn.get("arguments"), str):
                    key = ("arguments", choice.get("index"), part.get("index"))
                    found.setdefault(key, []).append(fn)
    return found


def resplit(fragments: list[str], pattern: re.Pattern[str], fn: Callable[[str], str]) -> list[str]:
    """Apply `fn` to every match of `pattern` in the joined text, keeping the cuts."""
    text = "".join(fragments)
    spans = [(m.start(), m.end(), fn(m[0])) for m in pattern.finditer(text)]
    parts, at = [], 0
    for start, end, replacement in spans:
        parts += [text[at:start], replacement]
        at = end
    parts.append(text[at:])
    joined = "".join(parts)

    def moved(pos: int) -> int:
        growth = 0
        for start, end, replacement in spans:
            if start < pos < end:
                pos = end  # a cut inside a replaced value moves to its end
            if pos >= end:
                growth += len(replacement) - (end - start)
        return pos + growth

    cuts, offset = [], 0
    for piece in fragments:
        cuts.append(moved(offset))
        offset += len(piece)
    cuts.append(len(joined))
    return [joined[cuts[i] : cuts[i + 1]] for i in range(len(fragments))]


def rewrite_chunks(
    chunks: list[dict[str, Any]], pattern: re.Pattern[str], fn: Callable[[str], str]
) -> list[dict[str, Any]]:
    """A copy of `chunks` with `fn` applied to matches in text fields and tool-call ids."""
    out = copy.deepcopy(chunks)
    for key, holders in _fields(out).items():
        name = "content" if key[0] == "content" else "arguments"
        pieces = resplit([h[name] for h in holders], pattern, fn)
        for holder, piece in zip(holders, pieces, strict=True):
            holder[name] = piece
    for chunk in out:
        for choice in chunk.get("choices") or []:
            for part in (choice.get("delta") or {}).get("tool_calls") or []:
                if isinstance(part.get("id"), str):
                    part["id"] = pattern.sub(lambda m: fn(m[0]), part["id"])
    return out
