"""One row of the isolation table: what was tried, what it must get, what it got."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Probe:
    surface: str  # REST, chat, Agent Protocol, WebSocket, JWT
    tried: str
    expected: str
    got: str
    leaked: bool = False  # the response carried the other user's data

    @property
    def ok(self) -> bool:
        return self.got == self.expected and not self.leaked


def markdown(probes: list[Probe]) -> str:
    lines = [
        "| surface | what user B (or a forged token) tried | expected | got | leak | ok |",
        "|---|---|---|---|---|---|",
    ]
    for p in probes:
        leak = "yes" if p.leaked else "no"
        mark = "✅" if p.ok else "❌"
        lines.append(f"| {p.surface} | {p.tried} | {p.expected} | {p.got} | {leak} | {mark} |")
    return "\n".join(lines)


def condensed(probes: list[Probe]) -> str:
    """The README's version: user B's probes one per row (B's own lists in one row),
    and each forged token in one row across the four surfaces."""
    lines = ["| surface | tried | expected | result |", "|---|---|---|---|"]
    lists = [p for p in probes if p.tried.endswith("(B's own view)")]
    for p in probes:
        if p.surface != "JWT" and p not in lists:
            lines.append(f"| {p.surface} | {p.tried} | {p.expected} | {_result(p)} |")
    if lists:
        ok = all(p.ok for p in lists)
        lines.append(
            f"| REST + Agent Protocol | B's own {len(lists)} list, search and chat reads | "
            f"200, nothing of A's | {'as expected' if ok else 'LEAK'} {'✅' if ok else '❌'} |"
        )
    attacks: dict[str, list[Probe]] = {}
    for p in probes:
        if p.surface == "JWT":
            attacks.setdefault(p.tried.split(" → ")[0], []).append(p)
    for name, tried in attacks.items():
        got = ", ".join(sorted({p.got for p in tried}))
        want = ", ".join(sorted({p.expected for p in tried}))
        mark = "✅" if all(p.ok for p in tried) else "❌"
        lines.append(f"| JWT ({len(tried)} surfaces) | {name} | {want} | {got} {mark} |")
    return "\n".join(lines)


def _result(probe: Probe) -> str:
    return f"{probe.got}{' (leak!)' if probe.leaked else ''} {'✅' if probe.ok else '❌'}"
