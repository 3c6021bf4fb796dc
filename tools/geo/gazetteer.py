"""The Australian gazetteer: 17,700 localities from Matthew Proctor's postcode table
(see data/ATTRIBUTION.md and scripts/build_gazetteer.py), loaded once on first use."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "au_localities.tsv.gz"
# Where travellers go that is no locality (national parks, gorges, falls, islands): a small
# hand-kept table beside the postcode one (data/ATTRIBUTION.md).
LANDMARKS_FILE = Path(__file__).parent / "data" / "au_landmarks.tsv"


@dataclass(frozen=True)
class Place:
    """A resolved point. `state` is None for a place given as "lat,lon"."""

    name: str
    state: str | None
    lat: float
    lon: float

    @property
    def label(self) -> str:
        return f"{self.name} {self.state}" if self.state else self.name


@dataclass(frozen=True)
class Locality:
    place: Place
    postcode: str
    # How central the place is (delivery-centre reach + postcodes), and its Modified
    # Monash remoteness 1 (city) .. 7 (very remote): see scripts/build_gazetteer.py.
    weight: int
    remoteness: int

    @property
    def preference(self) -> tuple[int, int, str]:
        """Sort key among same-named places: most central, then least remote, then
        lowest postcode (a stable, documented tie-break)."""
        return (-self.weight, self.remoteness, self.postcode)


def name_key(text: str) -> str:
    """How names are compared: case, punctuation and "Mt"/"Mount" do not matter."""
    text = text.lower().replace("’", "'").replace("'", "").replace(".", " ")
    text = re.sub(r"[-,/]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\bmt\b", "mount", text)


@dataclass(frozen=True)
class Gazetteer:
    by_key: dict[str, list[Locality]]  # each list sorted by preference
    keys_by_state: dict[str, list[str]]

    def lookup(self, key: str, state: str | None = None) -> list[Locality]:
        found = self.by_key.get(key, [])
        return [loc for loc in found if loc.place.state == state] if state else found

    def keys(self, state: str | None = None) -> list[str]:
        return self.keys_by_state[state] if state else list(self.by_key)


def _read_rows() -> list[dict[str, str]]:
    text = gzip.decompress(DATA_FILE.read_bytes()).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def read_landmarks() -> list[dict[str, str]]:
    lines = [
        line for line in LANDMARKS_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]  # fmt: skip
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"))


@cache
def gazetteer() -> Gazetteer:
    by_key: dict[str, list[Locality]] = defaultdict(list)
    keys_by_state: dict[str, set[str]] = defaultdict(set)
    for row in _read_rows():
        place = Place(row["name"], row["state"], float(row["lat"]), float(row["lon"]))
        key = name_key(place.name)
        by_key[key].append(
            Locality(place, row["postcode"], int(row["weight"]), int(row["remoteness"]))
        )
        keys_by_state[row["state"]].add(key)
    for row in read_landmarks():
        # A landmark is found by its name and each of its other names, and named as itself;
        # a locality of the same name comes first (weight 0, the least central).
        place = Place(row["name"], row["state"], float(row["lat"]), float(row["lon"]))
        others = [a for a in (row.get("aliases") or "").split(";") if a.strip()]
        for key in {name_key(n) for n in (row["name"], *others)}:
            by_key[key].append(Locality(place, "", 0, 7))
            keys_by_state[row["state"]].add(key)
    for entries in by_key.values():
        entries.sort(key=lambda loc: loc.preference)
    return Gazetteer(dict(by_key), {st: sorted(keys) for st, keys in keys_by_state.items()})
