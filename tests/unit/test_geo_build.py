"""scripts/build_gazetteer.py on hand-made rows: merging, PO boxes, distant namesakes."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_gazetteer.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def row(
    locality: str, state: str, postcode: str, lat: float, lon: float, **kw: Any
) -> dict[str, Any]:
    base = {
        "locality": locality, "state": state, "postcode": postcode, "lat": lat, "long": lon,
        "Lat_precise": lat, "Long_precise": lon, "type": "Delivery Area", "dc": "",
        "status": "", "MMM_2019": "5",
    }  # fmt: skip
    return base | kw


def test_one_place_per_locality_with_weight_and_namesakes_kept() -> None:
    build = _script().build
    rows = [
        row("ALICE SPRINGS", "NT", "0870", -23.698, 133.881, dc="ALICE SPRINGS DC"),
        row("ALICE SPRINGS", "NT", "0871", -23.699, 133.880, type="Post Office Boxes"),
        row("GILLEN", "NT", "0870", -23.71, 133.85, dc="ALICE SPRINGS DC"),
        row("SPRINGFIELD", "VIC", "3434", -37.32, 144.82),
        row("SPRINGFIELD", "VIC", "3531", -35.65, 142.92),
        row("O’CONNOR", "ACT", "2602", -35.26, 149.12, MMM_2019="1"),
        row("O'CONNOR", "ACT", "2602", -35.26, 149.12, MMM_2019="1"),
        row("GONE", "NSW", "2000", -33.0, 151.0, status="Removed 15-Nov-2020"),
        row("NOWHERE", "NSW", "2001", 0, 0),
        row("MCKINLAY", "QLD", "4823", -21.27, 141.29, MMM_2019=""),
    ]
    out = {(r[0], r[1], r[2]): r for r in build(rows)}
    assert set(out) == {
        ("Alice Springs", "NT", "0870"),
        ("Gillen", "NT", "0870"),
        ("Springfield", "VIC", "3434"),
        ("Springfield", "VIC", "3531"),
        ("O'Connor", "ACT", "2602"),
        ("McKinlay", "QLD", "4823"),
    }
    alice = out[("Alice Springs", "NT", "0870")]
    assert alice[3:5] == ["-23.69800", "133.88100"]  # the delivery-area row, not the PO box
    assert alice[5] == "4"  # serves 2 localities + has 2 postcodes
    assert out[("Gillen", "NT", "0870")][5] == "1"
    assert out[("McKinlay", "QLD", "4823")][6] == "7"  # no remoteness class: most remote
