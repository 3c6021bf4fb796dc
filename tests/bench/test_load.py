"""The closed-loop load's figures: what a turn's CPU is divided by."""

from __future__ import annotations

from bench.load import LoadRun


def test_cpu_per_turn_counts_the_turns_that_ended_after_the_window() -> None:
    # Two turns ended inside the 1 s window, two more (started inside it) while the
    # clients drained; the server's CPU, read after the drain, paid for all four.
    run = LoadRun(latencies_s=[0.2, 0.3], finished=4, elapsed_s=1.0, server_cpu_s=0.4)
    figures = run.figures()
    assert figures["turns"] == 2
    assert figures["turns_per_s"] == 2.0
    assert figures["turns_incl_late"] == 4
    assert figures["server_cpu_ms_per_turn"] == 100.0


def test_no_finished_turn_gives_no_cpu_figure() -> None:
    assert LoadRun(server_cpu_s=1.0, elapsed_s=1.0).figures()["server_cpu_ms_per_turn"] is None
