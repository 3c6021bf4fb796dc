"""Why the server will not do what a request asks: one exception per kind of refusal,
raised by code that serves every transport (chat turns, threads, runs, crons, doors).

Each transport maps a refusal once: HTTP by the exception handler in server/errors.py
(a status and an error body), the WebSocket by `refusal_frame` in server/ws/handlers.py
(an `error` frame's code). The message is the client's to read, as written here.
"""

from __future__ import annotations

from typing import ClassVar, Literal

# malformed: the request cannot be applied as a whole (parts that contradict each other,
# an update the graph cannot take); bad_input: a value the client sent breaks a rule;
# not_found: no such thing of theirs (another user's is the same); forbidden: theirs to
# see, not to change; conflict: the state the request meets rules it out; busy: the
# thread is running another turn.
RefusalKind = Literal["malformed", "bad_input", "not_found", "forbidden", "conflict", "busy"]


class Refused(Exception):
    kind: ClassVar[RefusalKind]

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def about(self, where: str) -> Refused:
        """The same refusal, its message prefixed with what it was about (a batch item)."""
        return KINDS[self.kind](f"{where}: {self.message}")


class Malformed(Refused):
    kind = "malformed"


class BadInput(Refused):
    kind = "bad_input"


class NotFound(Refused):
    kind = "not_found"


class Forbidden(Refused):
    kind = "forbidden"


class Conflict(Refused):
    kind = "conflict"


class Busy(Refused):
    kind = "busy"


KINDS: dict[RefusalKind, type[Refused]] = {
    k.kind: k for k in (Malformed, BadInput, NotFound, Forbidden, Conflict, Busy)
}
