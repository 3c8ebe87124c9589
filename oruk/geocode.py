"""Placing an imported location: its postcode, coordinates and ward (oruk.importer).

- A Birmingham postcode gives the ward, and coordinates when the record has none.
- Any other known postcode district gives its centre (an outcode centroid) but no ward.
- Coordinates without a postcode are kept; the ward is that of the nearest Birmingham postcode
  within about a kilometre, if there is one.
- With neither, the venue has no coordinates and is flagged "Location unknown".
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext

from places.models import Outcode, Postcode, Ward
from places.postcodes import normalise_outcode, normalise_postcode

NEAREST_WITHIN_METRES = 1000


@dataclass(frozen=True)
class Placed:
    postcode: str  # normalised when it is a real postcode, else as given; "" when none
    latitude: float | None
    longitude: float | None
    ward: Ward | None
    flag: str = ""  # "" or words for a council officer ("Location unknown: …")


def distance_metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    radius = 6_371_000
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


def nearest_postcode(latitude: float, longitude: float, within: float = NEAREST_WITHIN_METRES):
    """The nearest Birmingham postcode within `within` metres, or None."""
    d_lat = within / 111_000
    d_lon = within / (111_000 * max(math.cos(math.radians(latitude)), 0.01))
    candidates = Postcode.objects.select_related("ward").filter(
        latitude__range=(latitude - d_lat, latitude + d_lat),
        longitude__range=(longitude - d_lon, longitude + d_lon),
    )
    best, best_distance = None, within
    for candidate in candidates:
        distance = distance_metres(latitude, longitude, candidate.latitude, candidate.longitude)
        if distance <= best_distance:
            best, best_distance = candidate, distance
    return best


def place(postcode_text: str, latitude: float | None, longitude: float | None) -> Placed:
    """Where a location is, from what the record gives. Coordinates given are always kept."""
    text = (postcode_text or "").strip()
    has_coordinates = latitude is not None and longitude is not None
    postcode = normalise_postcode(text)
    if postcode:
        found = Postcode.objects.select_related("ward").filter(postcode=postcode).first()
        if found:
            if has_coordinates:
                return Placed(postcode, latitude, longitude, found.ward)
            return Placed(postcode, found.latitude, found.longitude, found.ward)
    shown = postcode or text.upper()
    if has_coordinates:
        near = nearest_postcode(latitude, longitude)
        return Placed(shown, latitude, longitude, near.ward if near else None)
    outcode = normalise_outcode(text) if text else None
    if outcode:
        found = Outcode.objects.filter(outcode=outcode).first()
        if found:
            return Placed(shown, found.latitude, found.longitude, None)
    if text:
        flag = gettext("Location unknown: the postcode %(postcode)s was not found") % {"postcode": text}
        return Placed(shown, None, None, None, flag)
    return Placed("", None, None, None, gettext("Location unknown: no postcode and no coordinates"))
