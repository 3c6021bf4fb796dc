"""A sloppy model for the replay server: PAM's offline brain over the OpenAI wire format,
making the mistakes real models make — deterministically, so a run can be repeated.

Beside the hostile model (tests/chaos/hostile.py), which attacks, this one errs:

- `money_text`: an amount sent as text with a symbol and separators ("$1,240.00");
- `zulu_time`: a local time sent as UTC ("2026-03-11T10:00:00Z");
- `missing_arg`: a required argument left out;
- `truncated_json`: the arguments string cut off mid-way (not valid JSON);
- `wrong_domain`: the router picks the wrong domain, whose agent then calls the right
  domain's tool (a tool it was not given);
- `http_400`, `http_500`, `timeout`: the server answers 400 (once: PAM must not retry
  it), 500 (the first time only: a retry succeeds), or not before PAM's deadline.

Like a real model it corrects a mistake once PAM's error says what was wrong: the next
request after a refused call gets the call it meant. Which request gets which mistake
follows a hash of the request (`pick`), with the rates in `RATES`; `injected` counts
them. The brain never sees the sloppy exchanges (they are taken out of its history).
"""

from __future__ import annotations

import asyncio
import copy
import hashlib
import json
import re
from collections import Counter
from typing import Any, Literal

from langchain_core.utils.function_calling import convert_to_openai_tool

from evals.replay.brain import BrainUpstream
from evals.replay.cassettes import Exchange
from evals.replay.normalise import Normalised, normalise_request
from evals.replay.sources import UpstreamError
from evals.replay.stream import split
from tools.types import Domain

Mistake = Literal[
    "money_text",
    "zulu_time",
    "missing_arg",
    "truncated_json",
    "wrong_domain",
    "http_400",
    "http_500",
    "timeout",
]
# Share of eligible requests that get each mistake (checked in this order; at most one).
RATES: dict[Mistake, float] = {
    "timeout": 0.01,
    "http_400": 0.02,
    "http_500": 0.05,
    "wrong_domain": 0.25,
    "truncated_json": 0.10,
    "missing_arg": 0.12,
    "zulu_time": 0.6,
    "money_text": 0.5,
}
SLOPPY = "_x"  # the suffix of a mistaken call's id: the brain's own id stays for the fix
MONEY = ("amount", "total_cost", "cost", "monthly_limit", "price_per_litre")
TIMES = ("start", "end")
READS = frozenset(
    {"list_expenses", "budget_status", "spending_summary", "list_vehicles", "fuel_stats",
     "maintenance_due", "list_trips", "weather_forecast", "find_places", "list_events",
     "list_tasks", "list_pantry", "get_shopping_list", "get_feed", "list_groups"}
)  # fmt: skip
NEIGHBOUR: dict[Domain, Domain] = {
    "wins": "wheels",
    "wheels": "wins",
    "you": "wins",
    "social": "you",
}


def _tools(body: dict[str, Any]) -> list[str]:
    return [t.get("function", {}).get("name", "") for t in body.get("tools") or []]


def _system(body: dict[str, Any]) -> str:
    for m in body.get("messages") or []:
        if m.get("role") in ("system", "developer"):
            return str(m.get("content") or "")
    return ""


def _domain(body: dict[str, Any]) -> str | None:
    found = re.search(r"^Domain: (\w+)$", _system(body), re.MULTILINE)
    return found[1] if found else None


def _history_key(body: dict[str, Any]) -> str:
    """The user's last message and PAM's text before it: the same in every call of a
    turn, whichever window of the conversation the call is shown (router or domain)."""
    messages = body.get("messages") or []
    last = max((i for i, m in enumerate(messages) if m.get("role") == "user"), default=-1)
    texts = [
        f"{m.get('role')}:{m.get('content')}"
        for m in messages[: last + 1]
        if m.get("role") in ("user", "assistant") and m.get("content")
    ]
    return hashlib.sha256("\n".join(texts[-2:]).encode()).hexdigest()


def _mine(message: dict[str, Any]) -> bool:
    calls = message.get("tool_calls") or []
    return any(str(c.get("id", "")).endswith(SLOPPY) for c in calls) or str(
        message.get("tool_call_id", "")
    ).endswith(SLOPPY)


def _clean(body: dict[str, Any]) -> dict[str, Any]:
    """The request as the brain should see it: no sloppy calls, results or notes."""
    kept = [
        m
        for m in body.get("messages") or []
        if not _mine(m) and not (m.get("role") == "system" and "not valid JSON" in str(m))
    ]
    return {**body, "messages": kept}


def _refused_sloppy(body: dict[str, Any]) -> bool:
    """Whether the request ends with PAM answering one of our mistaken calls (an error
    result, or the note that the arguments were not JSON): time to correct it."""
    messages = body.get("messages") or []
    tail = messages[-1] if messages else {}
    if tail.get("role") == "system" and "not valid JSON" in str(tail.get("content")):
        return True
    return tail.get("role") == "tool" and str(tail.get("tool_call_id", "")).endswith(SLOPPY)


class SloppySource:
    """A replay `Source` answering as the sloppy model."""

    def __init__(self, rates: dict[Mistake, float] | None = None, timeout_s: float = 8.0) -> None:
        self.brain = BrainUpstream()
        self.rates = {**RATES, **(rates or {})}
        self.timeout_s = timeout_s
        self.injected: Counter[str] = Counter()
        self.failed_once: set[str] = set()
        self.misrouted: dict[str, str] = {}  # history key -> the domain it should have had

    def models(self) -> list[str]:
        return [self.brain.name]

    def _pick(self, key: str, mistake: Mistake) -> bool:
        if mistake not in self.rates or self.rates[mistake] <= 0:
            return False
        digest = hashlib.sha256(f"{mistake}:{key}".encode()).digest()
        return int.from_bytes(digest[:4], "big") / 2**32 < self.rates[mistake]

    async def exchange(self, body: dict[str, Any], norm: Normalised) -> Exchange:
        key = norm.key
        if self._pick(key, "timeout") and key not in self.failed_once:
            self.failed_once.add(key)
            self.injected["timeout"] += 1
            await asyncio.sleep(self.timeout_s)
        if self._pick(key, "http_400"):
            self.injected["http_400"] += 1
            raise UpstreamError(400, _error_body(400, "Invalid 'messages': unsupported value."))
        if self._pick(key, "http_500") and key not in self.failed_once:
            self.failed_once.add(key)
            self.injected["http_500"] += 1
            raise UpstreamError(500, _error_body(500, "The server had an error."))
        tools = _tools(body)
        clean = _clean(body)
        if "route_request" in tools:
            return await self._route(body, clean, key)
        domain = _domain(body)
        wanted = self.misrouted.get(_history_key(body))
        if domain and wanted and wanted != domain and not _refused_sloppy(body):
            return await self._foreign(body, clean, wanted)
        answer = await self.brain.complete(clean, normalise_request(clean))
        if _refused_sloppy(body):
            return answer  # the correction: exactly what the brain meant
        return self._spoil(answer, key)

    async def _route(self, body: dict[str, Any], clean: dict[str, Any], key: str) -> Exchange:
        answer = await self.brain.complete(clean, normalise_request(clean))
        message = answer.response["choices"][0]["message"]
        calls = message.get("tool_calls") or []
        if not calls or not self._pick(key, "wrong_domain"):
            return answer
        domains = json.loads(calls[0]["function"]["arguments"]).get("domains") or []
        if len(domains) != 1 or domains[0] not in NEIGHBOUR:
            return answer
        self.misrouted[_history_key(body)] = domains[0]
        self.injected["wrong_domain"] += 1
        calls[0]["function"]["arguments"] = json.dumps({"domains": [NEIGHBOUR[domains[0]]]})
        return Exchange(answer.response, split(answer.response))

    async def _foreign(self, body: dict[str, Any], clean: dict[str, Any], wanted: str) -> Exchange:
        """The wrong domain's agent reaching for the right domain's tool."""
        from agent.tools import domain_tools

        system = re.sub(r"^Domain: \w+$", f"Domain: {wanted}", _system(body), flags=re.M)
        messages = [
            {**m, "content": system} if m.get("role") in ("system", "developer") else m
            for m in clean["messages"]
        ]
        tools = [convert_to_openai_tool(t) for t in domain_tools(wanted)]
        there = {**clean, "messages": messages, "tools": tools}
        return await self.brain.complete(there, normalise_request(there))

    def _spoil(self, answer: Exchange, key: str) -> Exchange:
        """One mistake in the first write call of `answer`, if one is due."""
        response = copy.deepcopy(answer.response)
        message = response["choices"][0]["message"]
        for call in message.get("tool_calls") or []:
            fn = call["function"]
            if fn["name"] in READS:
                continue
            args = json.loads(fn["arguments"] or "{}")
            spoilt = self._spoil_args(fn["name"], args, key)
            if spoilt is None:
                continue
            mistake, text = spoilt
            self.injected[mistake] += 1
            fn["arguments"] = text
            if mistake != "money_text":  # refused by PAM, to be corrected: mark it ours
                call["id"] = f"{call['id']}{SLOPPY}"
            return Exchange(response, split(response))
        return answer

    def _spoil_args(self, name: str, args: dict[str, Any], key: str) -> tuple[Mistake, str] | None:
        from tools.registry import ACTIONS_BY_NAME

        key = f"{key}:{name}"
        if self._pick(key, "truncated_json"):
            text = json.dumps(args)
            return "truncated_json", text[: max(1, len(text) // 2)]
        required = ACTIONS_BY_NAME[name].args.model_json_schema().get("required") or []
        present = [r for r in required if r in args]
        if present and self._pick(key, "missing_arg"):
            return "missing_arg", json.dumps({k: v for k, v in args.items() if k != present[0]})
        times = [t for t in TIMES if isinstance(args.get(t), str) and "T" in args[t]]
        if times and self._pick(key, "zulu_time"):
            stamp = args[times[0]]
            local = re.sub(r"(?:Z|[+-]\d{2}:\d{2})$", "", stamp)
            local = local if len(local) > 16 else f"{local}:00"
            return "zulu_time", json.dumps({**args, times[0]: f"{local}Z"})
        money = [m for m in MONEY if isinstance(args.get(m), int | float)]
        if money and self._pick(key, "money_text"):
            return "money_text", json.dumps({**args, money[0]: f"${args[money[0]]:,.2f}"})
        return None


def _error_body(status: int, message: str) -> bytes:
    kind = "invalid_request_error" if status < 500 else "server_error"
    return json.dumps({"error": {"message": message, "type": kind, "code": None}}).encode()
