"""What every REST resource shares: the user's transaction, calling an action through
the registry (the same function the agent's tools call), and derived schemas.

Schemas: Create = the action's args model, Update = the update action's args without
the id (the id is the path parameter), Public = the action's result model. Lists take
the action's own `limit` (1..100) where it has one; no action pages by offset yet.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

from pydantic import BaseModel, create_model

from server.deps import Db
from server.flags.apply import refuse_if_paused
from tools.db.scope import UserDb
from tools.registry import ACTIONS, REST_ONLY_ACTIONS
from tools.run import run_action
from tools.types import ActionResult, Args

ActionDb = Db

ArgsT = TypeVar("ArgsT", bound=Args)
ResultT = TypeVar("ResultT", bound=ActionResult)
ACTIONS_BY_FN = {action.fn: action for action in (*ACTIONS, *REST_ONLY_ACTIONS)}


async def perform(
    db: UserDb,
    fn: Callable[[UserDb, ArgsT], Awaitable[ResultT]],
    given: BaseModel | None = None,
    **path: Any,
) -> ResultT:
    """Run the registered action `fn` with the request's fields plus path parameters.

    `run_action` validates again (cheap) and runs in a savepoint, exactly as a tool call;
    its ActionError becomes the JSON error in server/errors.py (not_found -> 404).
    """
    raw = {**(given.model_dump(exclude_unset=True) if given is not None else {}), **path}
    action = ACTIONS_BY_FN[fn]
    refuse_if_paused(action)
    result = await run_action(action, db, raw)
    return cast(ResultT, result)  # run_action returned what `fn` returns


def without(model: type[Args], *names: str, name: str) -> type[Args]:
    """`model`'s fields less `names`, as a request schema called `name`. Field rules
    (types, limits, validators) come along; whole-model rules are checked when the
    action validates the full arguments."""
    fields: dict[str, Any] = {
        field: (info.annotation, info)
        for field, info in model.model_fields.items()
        if field not in names
    }
    return create_model(name, __base__=Args, __doc__=model.__doc__, **fields)
