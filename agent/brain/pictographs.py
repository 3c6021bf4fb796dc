"""Emoji and emoticons in a message ("filled up ⛽ $85 😅", "made it! 🎉"): they carry
feeling, not a request, a name or a value. Read, one at the end of the message or before a
mark goes; one between words stands for the pause it marks, a comma ("milk 🥛 bread" is
two things). The words kept as typed (a post's words) keep them: that is the user's voice."""

from __future__ import annotations

import re

# Pictographs, dingbats and symbols (☀ ❤ ⛽ ✅ ⭐), with their joiners, variation selectors
# and skin tones; and the common emoticons, standing alone.
_PICTURE = (
    r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF]"
    r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\uFE0F\u200D\s]*"
    r"|(?<![\w:/])[:;]-?[)(DPp](?![\w/])"
)
_AT_END = re.compile(rf"\s*(?:{_PICTURE})+\s*(?=$|[.,;:!?)\n])")
_BETWEEN = re.compile(rf"\s*(?:{_PICTURE})+\s*")


def unpicture(text: str) -> str:
    """The message with its emoji read as the pauses they mark."""
    if text.isascii() and ":" not in text and ";" not in text:
        return text  # (most messages: nothing to look for)
    text = _AT_END.sub("", text)
    out = _BETWEEN.sub(lambda m: ", " if m.start() else "", text).strip()
    return out or text
