"""Our own figure set beside one just told ("bloke at the servo reckons his patrol does 18 l
per 100", then "ours is way better than that right"): a comparison with what someone else's
rig does asks for our figures of the same kind."""

from __future__ import annotations

import re

from agent.brain import measures

# "ours is way better", "is our van thirstier than that?", "how does mine compare": our
# own thing set beside something.
_OURS = re.compile(
    r"\b(?:ours|mine|our (?:one|rig|van|ute|car|truck|bus|wagon|camper|troopy|\w+)"
    r"|my (?:one|rig|van|ute|car|truck|bus|wagon|camper|\w+))\b[^.?!]{0,40}?"
    r"\b(?:better|worse|thirstier|hungrier|more|less|cheaper|dearer|higher|lower|than|beats?"
    r"|compares?|same)\b"
    r"|\bhow (?:does|do|did|would) (?:ours|mine|our \w+|my \w+) (?:compare|stack up|go)\b",
    re.IGNORECASE,
)
_PSI = re.compile(r"\b\d+(?:\.\d+)?\s*(?:psi|kpa|bar)\b", re.IGNORECASE)


def compared_to_told(text: str, before: str) -> str | None:
    """The reading of our own figures `text` asks for, set beside the figure `before` told."""
    if not _OURS.search(text):
        return None
    if measures.consumption(before) or measures.price_per_litre(before):
        return "fuel_stats"
    if _PSI.search(before):
        return "tyre_pressure_history"
    return None
