"""Loading Birmingham's reference geography from the files shipped in places/data/."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from .models import Constituency, Outcode, Postcode, Ward
from .postcodes import normalise_outcode, normalise_postcode

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class GeographyCounts:
    constituencies: int
    wards: int
    postcodes: int
    outcodes: int


def _rows(name: str):
    with open(DATA_DIR / name, newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


@transaction.atomic
def geography_load() -> GeographyCounts:
    """Create or update every constituency, ward, postcode and outcode. Safe to run again."""
    ward_rows = list(_rows("birmingham_wards.csv"))

    constituencies = {}
    for row in ward_rows:
        code, name = row["pcon2024_code"], row["pcon2024_name"]
        if code not in constituencies:
            constituencies[code], _ = Constituency.objects.update_or_create(
                code=code, defaults={"name": name, "slug": slugify(name.removeprefix("Birmingham "))}
            )

    wards = {}
    for row in ward_rows:
        wards[row["ward_code"]], _ = Ward.objects.update_or_create(
            code=row["ward_code"],
            defaults={
                "name": row["ward_name"],
                "slug": slugify(row["ward_name"]),
                "constituency": constituencies[row["pcon2024_code"]],
                "latitude": float(row["latitude"]),
                "longitude": float(row["longitude"]),
                "area_km2": float(row["area_km2"]) if row["area_km2"] else None,
            },
        )

    ward_ids = {code: ward.pk for code, ward in wards.items()}
    postcodes = []
    for row in _rows("birmingham_postcodes.csv"):
        postcode = normalise_postcode(row["postcode"])
        if postcode is None:
            continue
        postcodes.append(
            Postcode(
                postcode=postcode,
                outcode=postcode.split(" ")[0],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                ward_id=ward_ids.get(row["ward_code"]),
            )
        )
    Postcode.objects.bulk_create(
        postcodes,
        batch_size=5000,
        update_conflicts=True,
        unique_fields=["postcode"],
        update_fields=["outcode", "latitude", "longitude", "ward"],
    )

    # West Midlands centroids (from the ONS file) win over the older UK-wide table.
    outcodes: dict[str, Outcode] = {}
    for name in ("uk_outcodes.csv", "west_midlands_outcode_centroids.csv"):
        for row in _rows(name):
            outcode = normalise_outcode(row["outcode"])
            if outcode:
                outcodes[outcode] = Outcode(
                    outcode=outcode, latitude=float(row["latitude"]), longitude=float(row["longitude"])
                )
    Outcode.objects.bulk_create(
        outcodes.values(),
        batch_size=5000,
        update_conflicts=True,
        unique_fields=["outcode"],
        update_fields=["latitude", "longitude"],
    )
    from opportunities.terms import search_terms_forget  # wards are among the search's terms

    search_terms_forget()
    return GeographyCounts(
        constituencies=Constituency.objects.count(),
        wards=Ward.objects.count(),
        postcodes=Postcode.objects.count(),
        outcodes=Outcode.objects.count(),
    )


@dataclass(frozen=True)
class Place:
    """Where a postcode is: its centre, and its ward when it is in Birmingham."""

    postcode: str
    latitude: float
    longitude: float
    ward: Ward | None
    exact: bool  # False when only the outcode centre is known


def place_for_postcode(text: str) -> Place | None:
    """Find a full postcode or an outcode; None when neither is known."""
    postcode = normalise_postcode(text)
    if postcode:
        found = Postcode.objects.select_related("ward").filter(postcode=postcode).first()
        if found:
            return Place(postcode, found.latitude, found.longitude, found.ward, exact=True)
    outcode = normalise_outcode(text)
    if outcode:
        found = Outcode.objects.filter(outcode=outcode).first()
        if found:
            return Place(postcode or outcode, found.latitude, found.longitude, None, exact=False)
    return None
