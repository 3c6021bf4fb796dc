"""graph.py sits between the server and the agent. import-linter (`make lint`) checks the
packages; it cannot take a single-file module as a root, so graph.py's own imports are
checked here: it may use the agent and tools layers, never the server or the harness."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ABOVE_OR_HARNESS = {"server", "evals", "bench", "tests"}


def first_party_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_graph_py_imports_only_layers_below_it() -> None:
    roots = first_party_roots(REPO / "graph.py")
    assert "agent" in roots
    assert roots & ABOVE_OR_HARNESS == set()


def test_the_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    module = tmp_path / "graph.py"
    module.write_text("from server.app import create_app\nimport evals.cli\n")
    assert first_party_roots(module) & ABOVE_OR_HARNESS == {"server", "evals"}
