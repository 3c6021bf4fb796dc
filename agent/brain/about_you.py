""" "What do you know about me", "what do you remember", "show my profile": no tool reads the
profile or the memories back, but the context block the brain is given holds both (the
profile's lines, the vehicles, and "Memories:"; read into `Env`). The answer is built from
those lines only: nothing is guessed, and what is not there is said to be not there."""

from __future__ import annotations

import re

from agent.brain.convo import Env

_I = re.IGNORECASE
_ME = r"(?:me|us|myself|ourselves)"
ASKS = re.compile(
    r"\bwhat (?:else )?(?:do|did|have|does) (?:you|ya|u|pam) (?:\w+ )?(?:know|got|have|hold|keep"
    rf"|store|stored|saved|remember(?:ed)?) (?:on|about|of) {_ME}\b"
    r"|\bwhat (?:do|did|have) (?:you|ya|u|pam) (?:remember(?:ed)?|kept|saved|stored|got saved)"
    r"(?:\s+(?:so far|for me|for us))?\s*[?.!]*\s*$"
    r"|\bwhat (?:have|did) (?:i|we) (?:told|tell|asked|ask) (?:you|ya|u|pam) to (?:remember|keep)\b"
    rf"|\bwhat(?:'s| is) (?:saved|stored|kept|on file) (?:about|on|for) {_ME}\b"
    r"|\b(?:show|see|view|read|check|display|pull up|bring up|open|give)\s+(?:me\s+|us\s+)?"
    r"(?:my|our|the) (?:profile|details|settings|info)\b"
    r"(?!\s+(?:to|for|of|pic|picture|photo|page|on|in|with)\b)"
    r"|\bwhat(?:'s| is| does) (?:in )?(?:my|our) profile(?: say| look like| have)?\b"
    r"|^\W*(?:my|our) (?:profile|details)\s*(?:please|pls)?\s*[?.!]*\s*$",
    _I,
)
_ABOUT_MEMORY = re.compile(r"\bremember|\bkeep\b|\bkept\b|\bsaved\b|\bstored\b|\btold\b", _I)


def asks(text: str) -> bool:
    """Whether the message asks what PAM knows or keeps about the user."""
    return bool(ASKS.search(text))


def _vehicles(env: Env) -> list[str]:
    if env.vehicles:
        return [
            name + (f" ({' '.join(p for p in (year, make, model) if p)})" if make or model else "")
            for name, year, make, model in env.vehicles
        ]
    return [env.vehicle] if env.vehicle else []


def reply(text: str, env: Env) -> str:
    """What the context block says about the user, as it says it."""
    own = [(k, v) for k, v in env.profile if k not in ("Currency", "Units", "Time zone")]
    lines = [f"- {label}: {value}" for label, value in own]
    if cars := _vehicles(env):
        lines.append(f"- Vehicles: {', '.join(cars)}")
    kept = [f"{k.lower()} {v}" for k, v in env.profile if k in ("Currency", "Units", "Time zone")]
    if kept:
        lines.append("- Settings: " + ", ".join(kept))
    memory = [f"- {note}" for note in env.memories]
    parts = []
    if lines:
        parts += ["Here's what's in your profile:", *lines]
    if memory:
        parts += ["And what you've asked me to remember:", *memory]
    elif _ABOUT_MEMORY.search(text):
        parts.append("You haven't asked me to remember anything yet.")
    if not own and not memory:
        parts.append(
            "That's all I have — tell me your name, home base, travel style or pets and I'll "
            "keep them in your profile."
        )
    return "\n".join(parts)
