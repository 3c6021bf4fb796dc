"""bench.served_parts: each sample charged to one part, in ms a turn, columns side by side."""

from __future__ import annotations

import json
from pathlib import Path

from bench.served_parts import part, parts, table

LOOP = [["/x/server/cli.py", "serve"], ["/x/asyncio/runners.py", "Runner.run"]]
RUN = [*LOOP, ["/x/server/runs/execute.py", "_execute"]]
INSERT = [
    *LOOP,
    ["/x/server/runs/manager.py", "_launch"],
    ["/x/server/runs/store.py", "insert_run"],
]


def test_a_sample_goes_to_its_node_or_the_first_server_part_on_its_stack() -> None:
    assert part("router|abc", RUN) == "graph node router"
    assert part("", INSERT) == "run row insert"
    assert part("", [*RUN, ["/x/langgraph/pregel/main.py", "Pregel.astream"]]) == (
        "the run's task, other"
    )
    assert part("", LOOP) == "event loop and callbacks"


def test_columns_in_ms_a_turn(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    many = tmp_path / "many.json"
    one.write_text(json.dumps({"turns": 10, "rows": [["", INSERT, 0.02], ["wins", RUN, 0.1]]}))
    many.write_text(json.dumps({"turns": 20, "rows": [["", INSERT, 0.02], ["wins", RUN, 0.3]]}))
    assert parts(json.loads(one.read_text())) == {"run row insert": 2.0, "graph node wins": 10.0}
    lines = table([one, many]).splitlines()
    assert "| graph node wins | 10.00 | 15.00 | +5.00 |" in lines
    assert "| run row insert | 2.00 | 1.00 | -1.00 |" in lines
    assert lines[-1] == "| **total** | **12.00** | **16.00** | +4.00 |"
