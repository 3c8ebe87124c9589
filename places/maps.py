"""Birmingham's wards drawn as SVG paths, from the ONS boundaries shipped in places/data/."""

import json
import math
from dataclasses import dataclass
from functools import lru_cache

from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .services import DATA_DIR

WIDTH = 600  # SVG user units; the map scales to its container


@dataclass(frozen=True)
class WardShape:
    code: str
    name: str
    path: str  # SVG path data
    label_x: float
    label_y: float


@dataclass(frozen=True)
class WardMap:
    width: int
    height: int
    shapes: tuple[WardShape, ...]


@lru_cache(maxsize=1)
def ward_map() -> WardMap:
    with open(DATA_DIR / "birmingham_wards_2018_boundaries.geojson", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    rings_by_ward = []
    for feature in features:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings_by_ward.append((feature["properties"], [ring for polygon in polygons for ring in polygon]))

    points = [point for _, rings in rings_by_ward for ring in rings for point in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    # A flat projection is exact enough for one city: shrink longitude by the cosine of latitude.
    squeeze = math.cos(math.radians((north + south) / 2))
    scale = WIDTH / ((east - west) * squeeze)
    height = round((north - south) * scale)

    def xy(point):
        return round((point[0] - west) * squeeze * scale, 1), round((north - point[1]) * scale, 1)

    shapes = []
    for properties, rings in rings_by_ward:
        parts = []
        for ring in rings:
            projected = []
            for point in ring:
                p = xy(point)
                if not projected or p != projected[-1]:
                    projected.append(p)
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in projected) + "Z")
        label_x, label_y = xy((properties["LONG"], properties["LAT"]))
        # Path data is only our own numbers and the letters M, L and Z: safe to put in a page as it is.
        path = mark_safe("".join(parts))  # noqa: S308
        shapes.append(WardShape(properties["WD25CD"], properties["WD25NM"], path, label_x, label_y))
    return WardMap(width=WIDTH, height=height, shapes=tuple(sorted(shapes, key=lambda s: s.name)))


# Light to dark blue, each step with enough contrast against its neighbour to tell apart;
# the number is always given in words too (tooltip, accessible name and the table).
SHADES = ["#f3f2f1", "#d2e2f1", "#9cc0e3", "#5694ca", "#1d70b8", "#003078"]


def shade_for(count: int, highest: int) -> str:
    if count <= 0 or highest <= 0:
        return SHADES[0]
    step = math.ceil(count / highest * (len(SHADES) - 1))
    return SHADES[max(1, min(step, len(SHADES) - 1))]


def legend(highest: int) -> list[tuple[str, str]]:
    """(colour, words) for each shade in use."""
    # The same words as insight's map keys (insight.charts.map_legend), so they are translated once.
    none = gettext("None")
    if highest <= 0:
        return [(SHADES[0], none)]
    steps = len(SHADES) - 1
    rows = [(SHADES[0], none)]
    previous = 0
    for step in range(1, steps + 1):
        top = math.floor(highest * step / steps)
        if top <= previous:
            continue
        low = previous + 1
        words = str(low) if low == top else gettext("%(low)s to %(top)s") % {"low": low, "top": top}
        rows.append((SHADES[step], words))
        previous = top
    return rows
