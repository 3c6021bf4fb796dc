"""What a client is told about a turn whose server died mid-run (killed, crashed,
restarted): it was not finished and is not run again (see orphans.py for why), and what
to do about it. Stored as the run's error, so every instance and every later read tells
the same."""

from __future__ import annotations

LOST_CODE = "TURN_INTERRUPTED"
LOST = (
    "Your message was interrupted by a server restart before PAM finished it, and is not "
    "run again. Anything it had already saved is kept: check (for example your expenses) "
    "before sending it again as a new message."
)
