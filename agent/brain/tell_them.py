"""Words for the people of a group just shown: "tell them we're at Cable Beach till
Sunday", "let them know the road's open" right after a group's feed was read (or the group
joined or made) is a post to that group, not a comment on one of its posts. The group
itself is filled by `planner._fill_group` ("tell them" points at it)."""

from __future__ import annotations

import re

from agent.brain.previous import Previous

_I = re.IGNORECASE
# The message opens by addressing them; a comment names its post ("reply to that post").
_TO_THEM = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|and|also|yeah|yep|then|pls|please|can you|could you)\b[\s,]*)*"
    r"(?:tell|let|ask|warn|remind)\s+(?:them|everyone there|the lot of them|em|'em)\b",
    _I,
)
_A_POST = re.compile(r"\b(?:comment|reply|respond|post (?:by|from)|that post|their post)\b", _I)
GROUP_TURNS = ("get_feed", "join_group", "create_group")


def told_to_group(tool: str, text: str, prev: Previous | None) -> str | None:
    """`create_post` when a comment-sounding request speaks to the group just shown."""
    if tool != "comment_on_post" or prev is None or prev.turns_ago > 2:
        return None
    if prev.action not in GROUP_TURNS:
        return None
    group = prev.filters.get("name" if prev.action == "create_group" else "group")
    if not isinstance(group, str) or not _TO_THEM.match(text) or _A_POST.search(text):
        return None
    return "create_post"
