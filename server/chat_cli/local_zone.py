"""The time zone of the computer `pam chat` runs on, told to PAM as the device's.

The web page sends the browser's zone with every message; `pam chat` sent none, so a
user in Perth who had not set the profile's zone had "today" read on Sydney's clock,
a day off in the early morning (try18). A computer on UTC (a server's or a container's
default) says nothing about where its user is, and is not sent: the profile decides.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from agent.context import known_zone

LOCALTIME = Path("/etc/localtime")
TIMEZONE_FILE = Path("/etc/timezone")
_NOWHERE = {"UTC", "UCT", "GMT", "Universal", "Zulu", "Greenwich"}


def _said() -> list[str]:
    """The zone names this computer gives, the one most particular to this process first:
    TZ, then the zone /etc/localtime links to, then /etc/timezone."""
    names = [os.environ.get("TZ", "").removeprefix(":")]
    with contextlib.suppress(OSError):
        names.append(str(LOCALTIME.resolve()).partition("/zoneinfo/")[2])
    with contextlib.suppress(OSError):
        names.append(TIMEZONE_FILE.read_text(encoding="utf-8").strip())
    return names


def local_zone() -> str | None:
    """The IANA zone this computer is set to; None for none, or for UTC by another name."""
    for name in _said():
        if name:
            zone = known_zone(name)
            if zone is None or zone in _NOWHERE or zone.startswith("Etc/"):
                return None  # the first name given is the one in force
            return zone
    return None
