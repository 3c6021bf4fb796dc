"""What a domain agent does with the run's flags (agent/flags.py, `Context.flags`), in
its one model-call wrapper (`PamModelMiddleware`, agent/domains.py: one middleware
layer, not one per concern — each layer of `create_agent`'s chain is a LangSmith
`traceable` wrapper and a handler composition on every model call).

- A domain switched off for the user answers that it is paused, before any model call
  or tool runs: nothing is written.
- A call to an action switched off is taken out of the model's reply before the
  approval step and the tools see it, and the reply says the action is paused: nothing
  is asked, nothing is written.
- The experiment arm's model and prompt variant are the ones this run's model calls use.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import structlog
from langchain.agents.middleware import ExtendedModelResponse, ModelRequest, ModelResponse
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, SystemMessage

from agent.events import emit
from agent.flags import TurnFlags
from agent.model import load_chat_model

log = structlog.get_logger("pam.flags")


@lru_cache(maxsize=8)
def arm_model(name: str) -> BaseChatModel:
    """An experiment arm's chat model, loaded once per process (names were checked
    loadable when the flag was set)."""
    return load_chat_model(name)


def model_for(flags: TurnFlags, default: BaseChatModel) -> BaseChatModel:
    """The arm's model; the deployment's when the arm's no longer loads (its key was
    withdrawn after the flag was set): a flag never fails a turn."""
    if not flags.model:
        return default
    try:
        return arm_model(flags.model)
    except Exception as exc:
        log.warning(
            "experiment model cannot load; the default model answers",
            model=flags.model,
            error=str(exc),
        )
        return default


def with_prompt_variant(system: str, flags: TurnFlags) -> str:
    addition = flags.prompt_addition()
    return f"{system}\n{addition}" if addition else system


async def paused_answer(flags: TurnFlags, domain: str) -> AIMessage | None:
    """The answer of a domain switched off, given in place of the model's (no tool
    calls, so the agent ends); None when the domain is on."""
    paused = flags.paused_domain(domain)
    if paused is None:
        return None
    await emit("pam_flag_paused", {"flag": f"domain.{domain}"})
    return AIMessage(paused, name=domain)


def flagged_request(request: ModelRequest[Any], flags: TurnFlags) -> ModelRequest[Any]:
    """The request with the experiment arm's model and prompt variant."""
    changes: dict[str, Any] = {}
    if flags.model:
        changes["model"] = model_for(flags, request.model)
    if flags.prompt_addition() and request.system_message is not None:
        changes["system_message"] = SystemMessage(
            with_prompt_variant(request.system_message.text, flags)
        )
    return request.override(**changes) if changes else request


async def without_paused_calls(
    response: ModelResponse[Any] | ExtendedModelResponse[Any], flags: TurnFlags
) -> ModelResponse[Any] | ExtendedModelResponse[Any]:
    """The response with calls to paused actions taken out and the reply saying so."""
    inner = response.model_response if isinstance(response, ExtendedModelResponse) else response
    if not isinstance(inner, ModelResponse) or not flags.off:
        return response
    result = list(inner.result)
    for i, message in enumerate(result):
        if not isinstance(message, AIMessage) or not message.tool_calls:
            continue
        paused = [c for c in message.tool_calls if flags.paused_action(c["name"])]
        if not paused:
            continue
        for call in paused:
            await emit("pam_flag_paused", {"flag": f"action.{call['name']}"})
        notes = dict.fromkeys(str(flags.paused_action(c["name"])) for c in paused)
        kept = [c for c in message.tool_calls if c not in paused]
        text = "\n".join([message.text, *notes] if message.text.strip() else notes)
        result[i] = message.model_copy(update={"tool_calls": kept, "content": text})
    trimmed = ModelResponse(result=result, structured_response=inner.structured_response)
    if isinstance(response, ExtendedModelResponse):
        return ExtendedModelResponse(trimmed, response.command)
    return trimmed
