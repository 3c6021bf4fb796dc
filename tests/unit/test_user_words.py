"""What a tool says to the person never names a tool: its summaries and its ActionError
messages are replies ("Sorry, I couldn't do that: …"), so "join it with join_group" would
reach them as is. Read from the source: every string that goes into a `summary` or an
`ActionError` message in tools/."""

from __future__ import annotations

import ast
from pathlib import Path

from tools.registry import ACTIONS

ROOT = Path(__file__).resolve().parents[2] / "tools"
NAMES = {a.name for a in ACTIONS if "_" in a.name}  # "remember" is also a plain word


def _texts(node: ast.AST) -> list[str]:
    return [
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def _said(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name == "ActionError" and node.args:
                found += [(node.lineno, t) for t in _texts(node.args[0])]
            for keyword in node.keywords:
                if keyword.arg == "summary":
                    found += [(node.lineno, t) for t in _texts(keyword.value)]
        elif isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(getattr(t, "id", "") == "summary" for t in targets):
                found += [(node.lineno, t) for t in _texts(node.value)]
    return found


def test_summaries_and_errors_name_no_tool() -> None:
    leaks = []
    for path in sorted(ROOT.rglob("*.py")):
        for line, text in _said(ast.parse(path.read_text())):
            named = [n for n in NAMES if n in text]
            if named:
                leaks.append(f"{path.relative_to(ROOT.parent)}:{line}: {named} in {text!r}")
    assert leaks == []


def test_the_check_sees_a_summary_and_an_error() -> None:
    source = (
        'summary = f"none yet — start one with create_group."\n'
        'raise ActionError("join it with join_group", field="name")\n'
        'Result(summary="ok, see list_groups")\n'
    )
    said = [t for _, t in _said(ast.parse(source))]
    assert [n for t in said for n in NAMES if n in t] == [
        "create_group",
        "join_group",
        "list_groups",
    ]
