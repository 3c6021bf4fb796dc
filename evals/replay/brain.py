"""Brain mode: answering chat-completions requests with a LangChain chat model (PAM's
offline brain by default) so cassettes can be made with no network.

OpenAI messages and tools become LangChain messages and `bind_tools`; the model's
AIMessage becomes a `chat.completion`. Tool-call ids are the model's own (the offline
brain derives them from the conversation); a call without one gets an id derived from
the request key, so the same request always gets the same answer.
"""

from __future__ import annotations

import json
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.messages.tool import ToolCall

from evals.replay.cassettes import Exchange
from evals.replay.normalise import Normalised
from evals.replay.stream import split
from evals.replay.usage import completion_tokens, prompt_tokens


def _text(content: Any) -> str:
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return str(content or "")


def _args(arguments: Any) -> dict[str, Any]:
    try:
        parsed = json.loads(arguments) if isinstance(arguments, str) else arguments
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def to_langchain(messages: list[dict[str, Any]]) -> list[BaseMessage]:
    out: list[BaseMessage] = []
    for m in messages:
        role, text = m.get("role"), _text(m.get("content"))
        if role in ("system", "developer"):
            out.append(SystemMessage(text))
        elif role == "user":
            out.append(HumanMessage(text))
        elif role == "tool":
            out.append(ToolMessage(text, tool_call_id=str(m.get("tool_call_id", ""))))
        elif role == "assistant":
            calls = [
                ToolCall(
                    name=c["function"]["name"],
                    args=_args(c["function"].get("arguments")),
                    id=c.get("id"),
                    type="tool_call",
                )
                for c in m.get("tool_calls") or []
            ]
            out.append(AIMessage(text, tool_calls=calls, name=m.get("name")))
    return out


def tool_choice(choice: Any) -> str | None:
    if isinstance(choice, dict):
        return str((choice.get("function") or {}).get("name")) or None
    return str(choice) if choice else None


def completion(message: AIMessage, model: str, norm: Normalised) -> dict[str, Any]:
    calls = [
        {
            # The model's own id when it gives one: PAM's brain recognises its calls by id.
            "id": c.get("id") or f"call_{norm.key[:16]}_{i}",
            "type": "function",
            "function": {"name": c["name"], "arguments": json.dumps(c["args"], ensure_ascii=False)},
        }
        for i, c in enumerate(message.tool_calls)
    ]
    reply: dict[str, Any] = {"role": "assistant", "content": message.text or None}
    if calls:
        reply["tool_calls"] = calls
    return {
        "id": f"chatcmpl-{norm.key[:24]}",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": reply,
                "finish_reason": "tool_calls" if calls else "stop",
                "logprobs": None,
            }
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }


class BrainUpstream:
    """An `Upstream` backed by a chat model in this process."""

    name = "pam-brain"

    def __init__(self, model: BaseChatModel | None = None) -> None:
        if model is None:
            from agent.brain import OfflineBrain

            model = OfflineBrain()
        self.model = model

    async def complete(self, body: dict[str, Any], norm: Normalised) -> Exchange:
        runnable: Any = self.model
        if body.get("tools"):
            runnable = self.model.bind_tools(
                body["tools"], tool_choice=tool_choice(body.get("tool_choice"))
            )
        answer = await runnable.ainvoke(to_langchain(body.get("messages") or []))
        if not isinstance(answer, AIMessage):
            answer = AIMessage(_text(getattr(answer, "content", "")))
        response = completion(answer, str(body.get("model", self.name)), norm)
        # Usage as a real server reports it, so PAM's token accounting is tested end to end.
        used = {"prompt_tokens": prompt_tokens(body), "completion_tokens": 0}
        used["completion_tokens"] = completion_tokens(response)
        used["total_tokens"] = used["prompt_tokens"] + used["completion_tokens"]
        response["usage"] = used
        return Exchange(response=response, chunks=split(response))
