"""export_oruk then import_oruk --publish into an empty directory: nothing is lost."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from opportunities.models import AudienceGroup, Feature, Interest, ListingChange, Opportunity, PaymentRoute
from opportunities.snapshots import snapshot_of
from oruk import geocode
from oruk.models import SourceRecord, SourceTag
from places.models import Ward
from providers.models import Provider, Venue
from tests.factories import CostFactory, OpportunityFactory, ProviderFactory, SessionFactory, VenueFactory

pytestmark = pytest.mark.django_db

PROVIDER_FIELDS = [
    "name", "kind", "description", "email", "phone", "website", "charity_number", "cqc_location_id",
    "cqc_rating", "dbs_checked_on", "references_available",
]  # fmt: skip
VENUE_FIELDS = ["name", "address_line_1", "address_line_2", "town", "postcode", "latitude", "longitude"]
LISTING_FIELDS = [
    "status", "vacancies", "vacancies_confirmed_on", "closed_until", "last_checked_on", "hidden_as_stale_on",
]  # fmt: skip


def _venue(provider, **fields):
    placed = geocode.place(fields.get("postcode", ""), fields.get("latitude"), fields.get("longitude"))
    venue = VenueFactory(provider=provider, ward=placed.ward, **fields)
    return venue


def _terms(model, *slugs):
    return list(model.objects.filter(slug__in=slugs))


def build_directory():
    today = datetime.date.today()
    charity = ProviderFactory(
        name="Moseley Arts Trust",
        kind=Provider.Kind.CHARITY,
        description="A small arts charity.\nSince 1990.",
        email="hello@moseleyarts.example.org",
        phone="0121 496 0000",
        website="https://moseleyarts.example.org",
        charity_number="1100001",
        cqc_location_id="1-123456789",
        cqc_rating=Provider.CqcRating.GOOD,
    )
    assistant = ProviderFactory(
        name="Jo Bloggs",
        kind=Provider.Kind.PERSONAL_ASSISTANT,
        description="",
        email="",
        phone="07700 900123",
        dbs_checked_on=datetime.date(2026, 3, 1),
        references_available=True,
    )
    newcomer = ProviderFactory(
        name="A provider with nothing listed yet", kind=Provider.Kind.SOCIAL_ENTERPRISE
    )
    # A venue no listing uses yet travels with its organization.
    _venue(newcomer, name="Our new hall", address_line_1="2 Stratford Road", postcode="B11 1AA").features.set(
        _terms(Feature, "hearing-loop")
    )

    hall = _venue(
        charity, name="Moseley Exchange", address_line_1="149 Alcester Road", address_line_2="Moseley Village",
        postcode="B13 8JP", latitude=52.4459, longitude=-1.8893,
    )  # fmt: skip
    hall.features.set(_terms(Feature, "step-free", "accessible-toilet"))
    park = _venue(
        charity, name="Cannon Hill Park gate", address_line_1="", town="", postcode="", latitude=52.4525,
        longitude=-1.8969,
    )  # fmt: skip
    aylesbury = _venue(charity, name="Aylesbury hall", address_line_1="1 Market Square", town="Aylesbury",
                       postcode="HP20 1UA", latitude=51.8166, longitude=-0.8124)  # fmt: skip

    full = OpportunityFactory(
        provider=charity,
        title="Art club",
        summary="Paint and draw with others.",
        description="We paint.\n\nWe draw. Materials are provided.",
        easy_read_summary="Come and paint.",
        how_to_join="Ring Sam first.",
        contact_name="Sam Jones",
        contact_email="sam@example.org",
        contact_phone="0121 496 0123",
        website="https://artclub.example.org/join",
        joining=Opportunity.Joining.REFERRAL,
        min_age=18,
        max_age=99,
        delivery=[Opportunity.Delivery.VENUE, Opportunity.Delivery.COMMUNITY],
        vacancies=Opportunity.Vacancies.WAITING_LIST,
        vacancies_confirmed_on=datetime.date(2026, 10, 2),
        closed_until=today + datetime.timedelta(days=20),
        last_checked_on=datetime.date(2026, 9, 1),
        venues=[hall, park, aylesbury],
    )
    OpportunityFactory(
        provider=charity,
        title="Nobody has checked this",
        last_checked_on=today - datetime.timedelta(days=400),
        hidden_as_stale_on=today - datetime.timedelta(days=10),
        venues=[hall],
    )
    full.interests.set(_terms(Interest, "arts-crafts", "socialising"))
    full.audiences.set(AudienceGroup.objects.all()[:2])
    full.features.set(_terms(Feature, "step-free"))
    full.payment_routes.set(PaymentRoute.objects.all()[:2])
    full.areas.set(Ward.objects.filter(slug__in=["moseley", "sparkhill"]))
    SessionFactory(opportunity=full, weekday=0, start=datetime.time(10), end=datetime.time(12, 30))
    SessionFactory(opportunity=full, weekday=3, start=datetime.time(18), end=datetime.time(20))
    CostFactory(opportunity=full, amount=Decimal("4.00"), unit="session", label="")
    CostFactory(opportunity=full, amount=Decimal("6.50"), unit="hour", label="With 1:1 support")
    CostFactory(opportunity=full, amount=Decimal("120.00"), unit="course", label="")

    draft = OpportunityFactory(
        provider=assistant,
        status=Opportunity.Status.DRAFT,
        title="Support at home",
        by_arrangement=True,
        is_free=True,
        delivery=[Opportunity.Delivery.HOME],
        vacancies=Opportunity.Vacancies.UNKNOWN,
        vacancies_confirmed_on=None,
        last_checked_on=None,
        published_at=None,
    )
    draft.areas.set(Ward.objects.filter(slug="moseley"))
    in_review = OpportunityFactory(
        provider=assistant,
        status=Opportunity.Status.IN_REVIEW,
        title="Walks in the park",
        delivery=[],
        published_at=None,
        venues=[],
    )
    in_review.payment_routes.set(PaymentRoute.objects.all()[:1])
    CostFactory(opportunity=in_review, amount=Decimal("0.00"), unit="day", label="Carers go free")
    archived = OpportunityFactory(
        provider=charity, status=Opportunity.Status.ARCHIVED, title="Old choir", venues=[hall]
    )
    SessionFactory(opportunity=archived, weekday=6, start=datetime.time(14), end=datetime.time(15))


def listing_state(opportunity) -> dict:
    snapshot = snapshot_of(opportunity)
    snapshot["venues"] = sorted(str(v) for v in opportunity.venues.values_list("uuid", flat=True))
    extra = {name: getattr(opportunity, name) for name in LISTING_FIELDS}
    return {**snapshot, **extra, "provider": str(opportunity.provider.uuid)}


def directory_state() -> dict:
    return {
        "listings": {str(o.uuid): listing_state(o) for o in Opportunity.objects.all()},
        "providers": {
            str(p.uuid): {f: getattr(p, f) for f in PROVIDER_FIELDS} for p in Provider.objects.all()
        },
        "venues": {
            str(v.uuid): {
                **{f: getattr(v, f) for f in VENUE_FIELDS},
                "provider": str(v.provider.uuid),
                "ward": v.ward_id and v.ward.slug,
                "features": sorted(v.features.values_list("slug", flat=True)),
            }
            for v in Venue.objects.all()
        },
    }


def test_export_then_import_into_an_empty_directory_loses_nothing(tmp_path):
    pytest.importorskip("oruk.serialize")
    build_directory()
    before = directory_state()
    assert len(before["listings"]) == 5 and len(before["providers"]) == 3 and len(before["venues"]) == 4

    call_command("export_oruk", str(tmp_path), stdout=io.StringIO())

    services = json.loads((tmp_path / "services.json").read_text())
    organizations = json.loads((tmp_path / "organizations.json").read_text())
    assert services["total_items"] == 5 and organizations["total_items"] == 3
    assert services["daywell_export"]["version"] == organizations["daywell_export"]["version"] == 1
    Opportunity.objects.all().delete()
    Venue.objects.all().delete()
    Provider.objects.all().delete()
    SourceRecord.objects.all().delete()
    SourceTag.objects.all().delete()

    out = io.StringIO()
    call_command("import_oruk", str(tmp_path), "--publish", stdout=out, stderr=io.StringIO())

    assert "Skipped" not in out.getvalue(), out.getvalue()
    after = directory_state()
    assert after["providers"] == before["providers"]
    assert after["venues"] == before["venues"]
    assert after["listings"] == before["listings"]
    assert not SourceTag.objects.exists()  # every term was Daywell's own
    # A listing that was in review is in the council's queue again; a draft is the provider's.
    waiting = ListingChange.objects.awaiting_review().values_list("opportunity__title", flat=True)
    assert list(waiting) == ["Walks in the park"]
    assert (
        ListingChange.objects.get(opportunity__title="Support at home").status == ListingChange.Status.DRAFT
    )

    # And importing the same export again changes nothing.
    out = io.StringIO()
    call_command("import_oruk", str(tmp_path), "--publish", stdout=out, stderr=io.StringIO())
    assert "Listings: 0 new, 0 updated, 5 unchanged." in out.getvalue()
    assert directory_state() == before


def _counts():
    return (Opportunity.objects.count(), Provider.objects.count(), Venue.objects.count())


def test_an_export_read_back_into_the_same_directory_updates_it(tmp_path):
    build_directory()
    before, counts = directory_state(), _counts()
    call_command("export_oruk", str(tmp_path), stdout=io.StringIO())
    Opportunity.objects.filter(title="Art club").update(title="Art club (changed since)")
    Provider.objects.filter(name="Jo Bloggs").update(name="Jo B")

    out = io.StringIO()
    call_command("import_oruk", str(tmp_path), "--publish", stdout=out, stderr=io.StringIO())

    assert "Skipped" not in out.getvalue(), out.getvalue()
    assert _counts() == counts
    assert directory_state() == before


def test_without_the_export_mark_daywell_ids_match_only_when_asked(tmp_path):
    build_directory()
    counts = _counts()
    call_command("export_oruk", str(tmp_path), stdout=io.StringIO())
    for file in tmp_path.iterdir():
        page = json.loads(file.read_text())
        del page["daywell_export"]
        file.write_text(json.dumps(page))

    call_command("import_oruk", str(tmp_path), "--daywell-ids", stdout=io.StringIO(), stderr=io.StringIO())
    assert _counts() == counts

    call_command(
        "import_oruk", str(tmp_path), "--source", "copied", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert _counts()[1] == 2 * counts[1]  # another feed with the same ids: new providers of its own
