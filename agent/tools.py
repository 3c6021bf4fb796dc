"""Agent tools: each one wraps a registered action, and takes the user from the run's context."""

from __future__ import annotations

from functools import cache
from typing import Any

import orjson
from langchain_core.tools import BaseTool, StructuredTool
from langgraph.prebuilt import ToolRuntime

from agent.context import Context
from agent.resources import default_pool, default_services
from tools.db.scope import user_db
from tools.registry import actions_for
from tools.run import call_action
from tools.types import Action, Domain


def action_tool(action: Action) -> BaseTool:
    """A LangChain tool for `action`.

    The schema is handed over as JSON schema, so LangChain passes the model's arguments
    through untouched and `call_action` validates them: a bad argument becomes an error
    result the model can read and fix, never an exception that ends the turn.
    """

    async def run(runtime: ToolRuntime[Context], **kwargs: Any) -> tuple[str, dict[str, Any]]:
        ctx = runtime.context or Context()
        pool = ctx.pool or await default_pool()
        services = ctx.services or default_services()
        async with user_db(pool, ctx.user_uuid, now=ctx.clock(), services=services) as db:
            result = await call_action(action, db, kwargs)
        return orjson.dumps(result).decode(), result

    schema = action.args.model_json_schema()
    schema.pop("title", None)
    return StructuredTool.from_function(
        coroutine=run,
        name=action.name,
        description=action.description,
        args_schema=schema,
        response_format="content_and_artifact",
    )


@cache
def domain_tools(domain: Domain) -> tuple[BaseTool, ...]:
    return tuple(action_tool(a) for a in actions_for(domain))
