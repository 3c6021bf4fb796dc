"""You over REST, home and self: pantry, shopping list, profile and memories."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from server.routes.rest.common import ActionDb, perform
from tools.profile import load_profile
from tools.you import memories, pantry, profile_actions, shopping
from tools.you.models import (
    MemoryOut,
    MemoryResult,
    PantryItemResult,
    PantryResult,
    ShoppingAddResult,
    ShoppingListResult,
)

router = APIRouter(prefix="/you", tags=["you"])


class MemoryList(BaseModel):
    memories: list[MemoryOut]


@router.get("/pantry")
async def read_pantry(
    query: Annotated[pantry.ListPantryArgs, Query()], db: ActionDb
) -> PantryResult:
    return await perform(db, pantry.list_pantry, query)


@router.post("/pantry", status_code=201)
async def create_pantry_item(body: pantry.AddPantryItemArgs, db: ActionDb) -> PantryItemResult:
    return await perform(db, pantry.add_pantry_item, body)


@router.get("/shopping-list")
async def read_shopping_list(db: ActionDb) -> ShoppingListResult:
    return await perform(db, shopping.get_shopping_list)


@router.post("/shopping-list", status_code=201)
async def add_to_shopping_list(
    body: shopping.AddToShoppingListArgs, db: ActionDb
) -> ShoppingAddResult:
    """Adds the items not already on the list (ignoring case)."""
    return await perform(db, shopping.add_to_shopping_list, body)


@router.get("/profile")
async def read_profile(db: ActionDb) -> profile_actions.ProfileOut:
    """The stored profile, or the Australian defaults before the user sets one."""
    return profile_actions.ProfileOut(**asdict(await load_profile(db)))


@router.patch("/profile")
async def update_profile(
    body: profile_actions.UpdateProfileArgs, db: ActionDb
) -> profile_actions.ProfileResult:
    return await perform(db, profile_actions.update_profile, body)


@router.post("/memories", status_code=201)
async def create_memory(body: memories.RememberArgs, db: ActionDb) -> MemoryResult:
    """What PAM should remember about the user in later conversations."""
    return await perform(db, memories.remember, body)


@router.get("/memories")
async def read_memories(
    db: ActionDb, limit: Annotated[int, Query(ge=1, le=100)] = 20
) -> MemoryList:
    """The user's memories, newest first."""
    return MemoryList(memories=await memories.list_memories(db, limit))
