"""Loaded by a server started with this directory on PYTHONPATH (bench.gc_share): times
every garbage collection by generation (gc.callbacks) and writes the totals, with the
process's CPU time, to $PAM_GC_PROBE every half second."""

from __future__ import annotations

import gc
import json
import os
import threading
import time

_path = os.environ.get("PAM_GC_PROBE", "")
if _path:
    _totals = {g: {"collections": 0, "seconds": 0.0, "collected": 0} for g in (0, 1, 2)}
    _started = [0.0]

    def _time(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            _started[0] = time.thread_time()
            return
        entry = _totals[info["generation"]]
        entry["collections"] += 1
        entry["seconds"] += time.thread_time() - _started[0]
        entry["collected"] += info["collected"]

    def _dump() -> None:
        while True:
            time.sleep(0.5)
            snapshot = {
                "gc": {str(g): dict(v) for g, v in _totals.items()},
                "tracked": len(gc.get_objects()) if os.environ.get("PAM_GC_COUNT") else None,
                "frozen": gc.get_freeze_count(),
            }
            tmp = f"{_path}.tmp"
            with open(tmp, "w") as sink:
                json.dump(snapshot, sink)
            os.replace(tmp, _path)

    gc.callbacks.append(_time)
    threading.Thread(target=_dump, name="gc-probe", daemon=True).start()
