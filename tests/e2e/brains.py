"""Chat models for `pam serve` in browser tests (PAM_MODEL=python:tests.e2e.brains:<Class>)."""

from __future__ import annotations

from tests.fakes import PacedBrain


class WordByWordBrain(PacedBrain):
    """The paced offline brain, slow enough (a word per 150 ms) that each word reaches
    the page as an event of its own even on a busy machine, so a test can cut a stream
    between two words."""

    token_interval_s: float = 0.15
