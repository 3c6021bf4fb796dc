"""The server graph as each user's, made once per user rather than once per run.

`tools.db.thread_keys.owned_graph` copies the compiled graph with the user's view of the
checkpointer; the copy runs LangGraph's `Pregel.__init__` and its validation of every
node and channel again, on every run and every state read. The copy holds nothing of a
run (the same compiled graph already serves every run of the process at once), and the
user's view holds only the saver and the user's id, so one copy per user serves all of
that user's runs (issue 19, eleventh round: bench/README.md).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID
from weakref import WeakKeyDictionary

from cachetools import LRUCache

from tools.db.thread_keys import owned_graph

# Users whose graph is kept: a copy shares all but its checkpointer view with the server
# graph (a few KiB), and a user past the bound is copied again on their next run.
USER_GRAPHS = 4096

# Per server graph (tests build several in one process), by user.
_copies: WeakKeyDictionary[Any, LRUCache[UUID, Any]] = WeakKeyDictionary()


def users_graph(graph: Any, user_id: UUID | str) -> Any:
    """`owned_graph(graph, user_id)`, the same object for every call with this user."""
    uid = user_id if isinstance(user_id, UUID) else UUID(str(user_id))
    copies = _copies.get(graph)
    if copies is None:
        copies = _copies[graph] = LRUCache(USER_GRAPHS)
    found = copies.get(uid)
    if found is None:
        found = copies[uid] = owned_graph(graph, uid)
    return found
