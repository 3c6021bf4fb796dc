"""Small pieces of the plain-English summaries the you domain writes."""

from __future__ import annotations

SHOWN_IN_SUMMARY = 10


def and_list(texts: list[str]) -> str:
    """`milk`, `milk and eggs`, `milk, eggs and bread`."""
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} and {texts[-1]}"


def counted(n: int, noun: str) -> str:
    """`1 event`, `3 events`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def first_few(texts: list[str], separator: str = ", ") -> str:
    """The first few texts joined, then how many more there are, so a summary stays short."""
    shown = separator.join(texts[:SHOWN_IN_SUMMARY])
    more = len(texts) - SHOWN_IN_SUMMARY
    return f"{shown}{separator}and {more} more" if more > 0 else shown
