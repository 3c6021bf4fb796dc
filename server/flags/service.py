"""The flags of one instance: its OpenFeature client, its copy of the table's rules, and
the listener that keeps that copy current on every instance.

A change to `feature_flags` (by any writer) fires a Postgres notification (migration
0015) that every instance's listener hears, and each reads the table again: a kill
switch holds everywhere within milliseconds (bench/results/flags.md). The table is
also read every PAM_FLAGS_REFRESH_S, for a notification missed while the listener was
reconnecting. When the table cannot be read, the last rules read stay in force (at
start-up: the documented defaults and PAM_FLAGS), logged and shown in /health/ready.
"""

from __future__ import annotations

import asyncio
import importlib
import time
from collections.abc import Mapping
from typing import Any
from uuid import UUID, uuid4

import psycopg
import structlog
from cachetools import LRUCache
from openfeature import api
from openfeature.client import OpenFeatureClient
from openfeature.evaluation_context import EvaluationContext
from openfeature.provider import FeatureProvider
from openfeature.provider.no_op_provider import NoOpProvider

from agent.flags import CATALOGUE, MODEL_FLAG, PROMPT_FLAG, TurnFlags
from server.flags.facts import Facts, facts_in, profile_facts
from server.flags.provider import PamFlagProvider
from server.flags.rules import FlagRule
from server.flags.settings import FlagSettings
from server.flags.store import load_rules
from tools.db.pool import Pool
from tools.db.scope import UserDb

log = structlog.get_logger("pam.flags")
CHANNEL = "pam_flags"
RECONNECT_S = 1.0
CONNECT_TIMEOUT_S = 5
CLOSE_WAIT_S = 5.0
CACHED_USERS = 10_000
BOOLEAN_FLAGS = tuple(name for name, spec in CATALOGUE.items() if spec.kind == "boolean")


def external_provider(spec: str) -> FeatureProvider:
    module_name, _, attribute = spec.removeprefix("python:").partition(":")
    provider = getattr(importlib.import_module(module_name), attribute)()
    if not hasattr(provider, "resolve_boolean_details"):
        raise TypeError(f"{spec} made a {type(provider).__name__}, not an OpenFeature provider")
    return provider  # type: ignore[no-any-return]


class FlagService:
    def __init__(self, pool: Pool, database_url: str, settings: FlagSettings | None = None) -> None:
        self.pool = pool
        self.database_url = database_url
        self.settings = settings or FlagSettings()
        self.own: PamFlagProvider | None = None
        if self.settings.pam_flags_provider == "pam":
            self.own = PamFlagProvider(self.settings.pam_flags)
            provider: FeatureProvider = self.own
        else:
            provider = external_provider(self.settings.pam_flags_provider)
        # Each service has its own OpenFeature domain, so two in one process (tests,
        # benchmarks) keep their own providers.
        self.domain = f"pam-{uuid4().hex[:8]}"
        api.set_provider(provider, domain=self.domain)
        self.client: OpenFeatureClient = api.get_client(domain=self.domain)
        self.problem: str | None = None  # why the table could not be read, while it can't
        self.loaded_at: float | None = None
        self.changes = asyncio.Event()  # set after each reload (tests, the benchmark)
        self._tasks: list[asyncio.Task[None]] = []
        self._turn_flags: LRUCache[tuple[str, int, Facts], TurnFlags] = LRUCache(
            maxsize=CACHED_USERS
        )

    async def open(self) -> None:
        if self.own is None:
            return
        await self.reload()
        self._tasks = [
            asyncio.create_task(self._listen(), name="pam-flags-listen"),
            asyncio.create_task(self._refresh(), name="pam-flags-refresh"),
        ]

    async def aclose(self) -> None:
        for task in self._tasks:
            task.cancel()
        if self._tasks:
            # Bounded: a listener stuck on a dead connection must not hold up shutdown.
            await asyncio.wait(self._tasks, timeout=CLOSE_WAIT_S)
        self._tasks = []
        api.set_provider(NoOpProvider(), domain=self.domain)

    async def reload(self) -> None:
        if self.own is None:
            return
        try:
            rules = await load_rules(self.pool)
        except Exception as exc:
            if self.problem is None:
                log.error(
                    "flag store unreadable: the last rules read (or the defaults) apply",
                    error=f"{type(exc).__name__}: {exc}",
                )
            self.problem = f"flag store unreadable ({type(exc).__name__}); defaults apply"
            return
        if self.problem is not None:
            log.info("flag store readable again")
        self.problem = None
        self.own.replace_stored(rules)
        self.loaded_at = time.monotonic()
        self.changes.set()
        self.changes.clear()

    async def _listen(self) -> None:
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(
                    self.database_url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S
                )
                async with conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    await self.reload()  # what changed while we were not listening
                    async for _ in conn.notifies():
                        await self.reload()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("flag listener lost its connection", error=str(exc))
                await asyncio.sleep(RECONNECT_S)

    async def _refresh(self) -> None:
        while True:
            await asyncio.sleep(self.settings.pam_flags_refresh_s)
            await self.reload()

    @property
    def rules(self) -> Mapping[str, FlagRule]:
        return self.own.rules if self.own is not None else {}

    def _configured(self) -> tuple[tuple[str, ...], bool, bool]:
        """The boolean flags worth evaluating, and whether the experiment flags are:
        with PAM's provider only those that have a rule (the rest are at their
        defaults); with another provider, all of them."""
        if self.own is None:
            return BOOLEAN_FLAGS, True, True
        rules = self.own.rules
        booleans = tuple(n for n in rules if CATALOGUE[n].kind == "boolean")
        return booleans, MODEL_FLAG in rules, PROMPT_FLAG in rules

    @property
    def needs_facts(self) -> bool:
        """Whether a run start reads the user's profile facts: when a rule of ours
        targets them, or another provider (it may target anything in the context)."""
        return self.own is None or self.own.targets_facts

    async def for_run(
        self,
        user_id: UUID,
        client: Mapping[str, Any] | None = None,
        *,
        db: UserDb | None = None,
    ) -> TurnFlags:
        """The flags of one run (or REST request), evaluated when it starts: with the
        user's profile facts read first when anything targets them (a round trip,
        measured in bench/results/flags.md; on `db`, a transaction already scoped to
        this user, when the caller has one), else from memory alone. An unreadable
        profile is not a failed turn: the flags are evaluated without facts (a `where`
        then matches nobody) and the log says so."""
        profile: dict[str, str] | None = None
        if self.needs_facts:
            try:
                profile = await (
                    facts_in(db) if db is not None else profile_facts(self.pool, user_id)
                )
            except Exception as exc:
                log.error(
                    "profile facts unreadable: flags evaluated without them",
                    error=f"{type(exc).__name__}: {exc}",
                )
        return self.for_user(user_id, client, profile)

    def for_user(
        self,
        user_id: UUID | str,
        client: Mapping[str, Any] | None = None,
        profile: Mapping[str, str] | None = None,
    ) -> TurnFlags:
        """The flags of one run of this user. PAM's own rules look at the user id and,
        for a rule with `where`, the profile facts: a user's flags are kept until the
        rules change, keyed by the facts too when a rule reads them (a profile change
        is a new key, not a stale answer). A dict lookup per turn instead of an
        evaluation per flag."""
        if self.own is None:
            return self._evaluate(user_id, client, profile)
        facts: Facts = ()
        if profile is not None and self.own.targets_facts:
            facts = tuple(sorted(profile.items()))
        key = (str(user_id), self.own.generation, facts)
        found = self._turn_flags.get(key)
        if found is None:
            found = self._turn_flags[key] = self._evaluate(user_id, client, profile)
        return found

    def _evaluate(
        self,
        user_id: UUID | str,
        client: Mapping[str, Any] | None,
        profile: Mapping[str, str] | None,
    ) -> TurnFlags:
        context = EvaluationContext(
            targeting_key=str(user_id), attributes={**facts_of(client), **(profile or {})}
        )
        booleans, model_set, prompt_set = self._configured()
        off = frozenset(
            name
            for name in booleans
            if not self.client.get_boolean_value(name, bool(CATALOGUE[name].default), context)
        )
        model = self.client.get_string_value(MODEL_FLAG, "", context) if model_set else ""
        prompt = (
            self.client.get_string_value(PROMPT_FLAG, "default", context)
            if prompt_set
            else "default"
        )
        experiment = model_set or prompt_set
        if self.own is None:  # another provider: only what it answered tells
            experiment = bool(model) or prompt != "default"
        return TurnFlags(off=off, model=model, prompt=prompt, experiment=experiment)

    def enabled(self, name: str, user_id: UUID | str | None = None) -> bool:
        """One boolean flag (a transport, the web page): for everyone when no user is
        known yet."""
        default = bool(CATALOGUE[name].default)
        if self.own is not None and name not in self.own.rules:
            return default  # every request passes a door: no evaluation for an unset flag
        context = EvaluationContext(targeting_key=str(user_id) if user_id else None)
        return self.client.get_boolean_value(name, default, context)

    def health(self) -> dict[str, Any]:
        return {
            "provider": self.settings.pam_flags_provider,
            "status": "degraded" if self.problem else "ok",
            "detail": self.problem or f"{len(self.rules)} flag rule(s) in force",
        }


def facts_of(client: Mapping[str, Any] | None) -> dict[str, Any]:
    """What the client said about this turn that a targeting rule may use. The device's
    zone is `device_timezone`: `timezone` is the profile's (server/flags/facts.py)."""
    if not client:
        return {}
    location = client.get("location") or {}
    facts = {
        "country": location.get("country") if isinstance(location, dict) else None,
        "region": location.get("region") if isinstance(location, dict) else None,
        "device_timezone": client.get("timezone"),
    }
    return {k: v for k, v in facts.items() if isinstance(v, str)}
