"""The attacker's SQL-injection strings in every text argument of every action: through
tools/run.py `run_action` in the attacker's own user-scoped transaction, and through
every REST route (bodies, query strings and path parameters). Each answer is checked
for the victim; nothing may crash (a 5xx); and what an action stored must read back as
the same literal text."""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from tests.chaos.leaks import LeakCheck, parsed
from tests.chaos.sql_args import action_calls
from tests.chaos.sql_rest import Inputs, rest_requests
from tools.db.pool import Pool
from tools.db.scope import user_db
from tools.registry import ACTIONS, TABLES
from tools.run import run_action
from tools.services import Services
from tools.types import ActionError

# No weather or routing service is reachable: a place that resolves gets `unavailable`.
OFFLINE = Services(weather_url="http://127.0.0.1:9/v1/forecast", timeout_s=0.5, retries=0)


@dataclass
class Sweep:
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    stored: defaultdict[tuple[str, str], set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )  # (action, argument) -> the strings it accepted
    read_back: int = 0


async def sweep_actions(
    pool: Pool, user: UUID, strings: list[str], victim: dict[str, str], leaks: LeakCheck
) -> Sweep:
    sweep = Sweep()
    for action in ACTIONS:
        for name, text, args in action_calls(action, strings, victim):
            where = f"run_action {action.name}({name}={text!r})"
            try:
                async with user_db(pool, user, services=OFFLINE) as db:
                    answer = (await run_action(action, db, args)).model_dump(mode="json")
                sweep.stored[(action.name, name)].add(text)
                sweep.outcomes["action:ok"] += 1
            except ActionError as exc:
                answer = exc.to_result()
                sweep.outcomes["action:refused"] += 1
            except Exception as exc:  # what a tool call or a REST route would fail on
                sweep.failures.append(f"{where}: {type(exc).__name__}: {exc}")
                sweep.outcomes["action:crashed"] += 1
                continue
            leaks.check(answer, where)
    await read_back(pool, user, sweep)
    return sweep


async def read_back(pool: Pool, user: UUID, sweep: Sweep) -> None:
    """Every string an action stored in a free-text argument reads back unchanged."""
    for table in TABLES.values():
        async with user_db(pool, user) as db:
            rows = await table.read(db)
        for (action, name), texts in sweep.stored.items():
            if action != table.create or name not in FREE_TEXT:
                continue
            seen = {str(r.get(READ_AS.get(name, name))) for r in rows}
            for text in texts:
                sweep.read_back += 1
                if text not in seen:
                    sweep.failures.append(f"{table.name}.{name}: {text!r} did not read back")


# Arguments stored as given (others are parsed: dates, amounts, place names, kinds).
REST_CONCURRENCY = 8  # requests in flight: the routes are independent of each other
FREE_TEXT = {"description", "note", "title", "content", "notes", "name", "source", "items"}
READ_AS = {"items": "name"}  # the shopping list is added to in lists, read item by item


async def sweep_rest(
    http: httpx.AsyncClient, strings: list[str], victim: dict[str, str], leaks: LeakCheck
) -> Sweep:
    sweep, slots = Sweep(), asyncio.Semaphore(REST_CONCURRENCY)
    openapi = (await http.get("/openapi.json")).json()

    async def send(method: str, path: str, params: Inputs, body: Any, label: str) -> None:
        url = path.format(**{k: quote(str(v), safe="") for k, v in params["path"].items()})
        async with slots:
            response = await http.request(method, url, params=params["query"], json=body)
        sweep.outcomes[f"rest:{response.status_code // 100}xx"] += 1
        if response.status_code >= 500:
            sweep.failures.append(f"{method} {path} {label}: {response.status_code}")
        leaks.check(parsed(response.text), f"{method} {path} {label}")

    await asyncio.gather(*(send(*r) for r in rest_requests(openapi, strings, victim)))
    return sweep
