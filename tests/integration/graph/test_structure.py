"""The graph's shape, as a Mermaid snapshot: structural changes show up in review.

To accept a deliberate change: `PAM_UPDATE_SNAPSHOTS=1 make test`.
"""

from __future__ import annotations

import os
from pathlib import Path

from graph import build_graph
from tests.fakes import ScriptedChatModel

SNAPSHOT = Path(__file__).with_name("graph.mmd")


def test_graph_structure_matches_the_snapshot() -> None:
    drawn = build_graph(model=ScriptedChatModel()).get_graph().draw_mermaid()
    if os.environ.get("PAM_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(drawn)
    assert drawn == SNAPSHOT.read_text()
