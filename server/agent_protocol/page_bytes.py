"""A page of JSON elements bounded in bytes: a list answer (runs, store items, states)
stops before its JSON would pass a limit, the first element always coming, and the client
pages on (redteam 9 and 10: pages of 1,000 stored inputs were 60 MB answers)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PageBytes:
    limit: int
    size: int  # the page's JSON with no element yet: "[]" is 2
    count: int = 0

    def take(self, encoded: int) -> bool:
        """Whether one more element of `encoded` bytes keeps the page within `limit` (the
        first always does); counted when it does."""
        if self.count and self.size + 1 + encoded > self.limit:
            return False
        self.size += encoded + (1 if self.count else 0)
        self.count += 1
        return True
