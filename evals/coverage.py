"""Which tools the datasets exercise: `python -m evals.coverage FILE...` prints a Markdown
table of every tool in the registry (TOOLS.md) with the number of conversations that
expect it, the domains routed to, and exits 1 when a tool has none."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from evals.dataset import Conversation, load_datasets
from tools.registry import ACTIONS


def tools_expected(conversation: Conversation) -> set[str]:
    return {t.name for turn in conversation.turns for t in turn.expect.tools or []}


def coverage(conversations: list[Conversation]) -> Counter[str]:
    """Conversations per tool name (a conversation counts once per tool)."""
    return Counter(name for c in conversations for name in tools_expected(c))


def table(conversations: list[Conversation]) -> str:
    counts = coverage(conversations)
    routes = Counter(d for c in conversations for t in c.turns for d in set(t.expect.route or []))
    lines = ["| domain | tool | conversations |", "|---|---|---|"]
    lines += [f"| {a.domain} | `{a.name}` | {counts[a.name]} |" for a in ACTIONS]
    lines += ["", "| routed domain | turns |", "|---|---|"]
    lines += [f"| {domain} | {n} |" for domain, n in sorted(routes.items())]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    conversations = load_datasets([Path(a) for a in argv])
    print(f"{len(conversations)} conversations\n")
    print(table(conversations))
    missing = [a.name for a in ACTIONS if not coverage(conversations)[a.name]]
    if missing:
        print(f"\nno conversation expects: {', '.join(missing)}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
