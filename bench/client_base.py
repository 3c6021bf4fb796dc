"""What every benchmark client shares: the message, the Client shape, a signed-in user."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from pydantic import SecretStr

from bench.launch import JWT_SECRET
from server.auth import TokenVerifier
from server.settings import Settings

MESSAGE = "spent $12.50 on coffee"
VARIANTS = 90  # how many texts `varied` makes of MESSAGE before it repeats one


def varied(message: str, n: int) -> str:
    """The benchmark message with its amount changed per turn ($1.50 .. $90.50), so that
    no cache sees the same text turn after turn as it would in no real conversation."""
    return message.replace("12.50", f"{1 + n % VARIANTS}.50") if message == MESSAGE else message


def thread_messages(message: str = MESSAGE) -> Iterator[str]:
    """What one load client sends on its thread, in order (bench/load.py): its set-up
    turn's message (`Client.setup`, before the measured window), then each measured turn's,
    the nth varied by n."""
    yield message
    n = 0
    while True:
        n += 1
        yield varied(message, n)


TIMEOUT_S = 120.0


class TurnFailed(Exception):
    """The server answered the turn with an error."""


class Client(Protocol):
    async def setup(self) -> None: ...
    async def turn(self, message: str = MESSAGE) -> float | None: ...
    async def new_thread(self) -> None: ...
    async def close(self) -> None: ...


def token_for(user: str) -> str:
    settings = Settings(pam_jwt_secret=SecretStr(JWT_SECRET))
    return TokenVerifier.from_settings(settings).issue(user)
