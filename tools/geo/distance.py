"""Distance maths: great-circle kilometres and the road estimate used without routing."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
# Roads are longer than the straight line: 1.25 is a typical ratio of road to great-circle
# distance between Australian towns (the outback highways are fairly direct, the coast and
# ranges less so). Estimates are labelled `distance_source: "estimate"`.
ROAD_FACTOR = 1.25
# Average driving speed towing a caravan, stops for fuel excluded: 80 km/h (highway limits
# are 100-110, but towing, road trains, roadworks and unsealed stretches pull it down).
AVERAGE_SPEED_KMH = 80.0


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def estimated_road_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return great_circle_km(lat1, lon1, lat2, lon2) * ROAD_FACTOR


def driving_hours(road_km: float) -> float:
    return road_km / AVERAGE_SPEED_KMH
