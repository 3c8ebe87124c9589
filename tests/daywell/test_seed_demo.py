"""`manage.py seed_demo`: a believable, deterministic, idempotent demo Birmingham."""

import io
import uuid
from datetime import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Max, Min
from django.urls import reverse

from daywell.demo import DEMO_ACCOUNTS, DEMO_PROVIDER_SLUG
from opportunities.models import Cost, Opportunity, Session
from places.models import Constituency, Postcode
from providers.models import Provider, ProviderMembership, Venue

pytestmark = pytest.mark.django_db

COUNCIL_CENTRES = {
    "Alderman Bowen Day Centre",
    "Ebrook Day Centre",
    "Elwood Day Centre",
    "Hockley Centre",
    "Moseley Centre",
}


@pytest.fixture(autouse=True)
def reference_data(db):
    """tests/conftest.py loads the reference data once per session; load it here if not."""
    if not Postcode.objects.exists():
        call_command("load_reference", stdout=io.StringIO())


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "providers": Provider.objects.count(),
        "venues": Venue.objects.count(),
        "opportunities": Opportunity.objects.count(),
        "published": Opportunity.objects.published().count(),
        "sessions": Session.objects.count(),
        "costs": Cost.objects.count(),
        "users": get_user_model().objects.count(),
        "interest links": Opportunity.interests.through.objects.count(),
        "venue links": Opportunity.venues.through.objects.count(),
        "venue features": Venue.features.through.objects.count(),
    }


def test_seeding_twice_creates_nothing_new_and_about_300_are_published():
    output = seed()
    first = counts()
    assert "Demo data:" in output
    assert 280 <= first["published"] <= 300
    assert first["opportunities"] == 300
    assert 70 <= first["providers"] <= 90

    second_output = seed()
    assert counts() == first
    assert "created 0 providers, 0 venues, 0 opportunities, 0 accounts" in second_output


def test_the_demo_is_a_believable_birmingham():
    seed()
    published = Opportunity.objects.published()

    for constituency in Constituency.objects.all():
        assert published.filter(venues__ward__constituency=constituency).exists(), constituency

    council = Provider.objects.filter(kind=Provider.Kind.COUNCIL)
    assert set(council.values_list("name", flat=True)) == COUNCIL_CENTRES
    for provider in council:
        assert provider.opportunities.exists()
        assert provider.venues.count() == 1
    assert {kind for kind, _ in Provider.Kind.choices} == set(Provider.objects.values_list("kind", flat=True))

    assert published.filter(sessions__start__gte=time(17, 0)).exists()
    assert published.filter(sessions__weekday__gte=5).exists()
    assert published.filter(sessions__weekday__lte=4, sessions__start__lt=time(17, 0)).exists()
    free = published.filter(is_free=True)
    assert free.exists()
    assert not Cost.objects.filter(opportunity__is_free=True).exists()
    assert published.filter(payment_routes__slug="direct-payment").count() >= 50
    assert set(Cost.objects.values_list("unit", flat=True)) >= {"session", "hour", "day"}
    arranged = published.filter(by_arrangement=True)
    assert arranged.exists()
    assert not Session.objects.filter(opportunity__by_arrangement=True).exists()
    assert arranged.filter(provider__kind=Provider.Kind.PERSONAL_ASSISTANT).exists()
    assert published.exclude(easy_read_summary="").exists()
    assert published.filter(vacancies_confirmed_on__isnull=False).exists()
    assert published.filter(interests__isnull=False).distinct().count() == published.count()
    assert published.filter(audiences__isnull=False).distinct().count() == published.count()
    assert published.filter(features__isnull=False).exists()
    assert published.filter(delivery__contains=["home"]).exists()
    assert published.filter(delivery__contains=["online"]).exists()
    assert published.filter(min_age__isnull=False, max_age__isnull=False).exists()
    assert Opportunity.objects.exclude(status=Opportunity.Status.PUBLISHED).exists()
    assert not published.filter(published_at__isnull=True).exists()

    checked = published.aggregate(oldest=Min("last_checked_on"), newest=Max("last_checked_on"))
    assert (checked["newest"] - checked["oldest"]).days > 300

    # Every venue sits at a real Birmingham postcode, with that postcode's ward and position.
    postcodes = {
        p.postcode: p for p in Postcode.objects.filter(postcode__in=Venue.objects.values("postcode"))
    }
    for venue in Venue.objects.all():
        postcode = postcodes[venue.postcode]
        assert (venue.ward_id, venue.latitude, venue.longitude) == (
            postcode.ward_id,
            postcode.latitude,
            postcode.longitude,
        )


def test_count_gives_exactly_that_many_opportunities_and_is_idempotent():
    output = seed("--count", "500")
    first = counts()
    assert first["opportunities"] == 500
    assert first["providers"] == 125  # one for every four opportunities
    assert "500 opportunities" in output

    seed("--count", "500")
    assert counts() == first


def test_the_same_seed_gives_the_same_data():
    seed("--count", "40")
    first = list(Opportunity.objects.order_by("slug").values_list("slug", "title", "is_free"))
    Opportunity.objects.all().delete()
    Provider.objects.all().delete()
    seed("--count", "40")
    assert list(Opportunity.objects.order_by("slug").values_list("slug", "title", "is_free")) == (first)


def test_a_negative_count_is_refused():
    with pytest.raises(CommandError):
        seed("--count", "-1")


def test_demo_accounts_exist_for_every_role(client):
    seed()
    seed()
    User = get_user_model()
    accounts = User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS])
    assert set(accounts.values_list("role", flat=True)) == set(User.Role.values)
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(email=account.email)
        assert user.check_password(account.password)
        assert user.full_name == account.full_name

    membership = ProviderMembership.objects.get(user__role=User.Role.PROVIDER)
    assert membership.role == ProviderMembership.Role.OWNER
    assert membership.provider.slug == DEMO_PROVIDER_SLUG
    assert membership.provider.kind == Provider.Kind.CHARITY

    officers = User.objects.filter(role=User.Role.COUNCIL_OFFICER)
    assert sorted(role for officer in officers for role in officer.officer_roles) == sorted(
        User.OfficerRole.values
    )
    assert all(len(officer.officer_roles) == 1 for officer in officers)  # one demo officer per role
    officer = officers.get(email="council@demo.daywell.example")
    assert officer.officer_roles == [User.OfficerRole.MODERATOR]
    assert officer.is_staff
    assert not officer.is_superuser
    group = Group.objects.get(name="Council officers")
    assert officer.groups.filter(pk=group.pk).exists()
    expected = Permission.objects.filter(content_type__app_label__in=["places", "providers", "opportunities"])
    assert set(group.permissions.all()) == set(expected)
    assert officer.has_perm("opportunities.change_opportunity")
    assert officer.has_perm("providers.delete_provider")

    officer_account = next(a for a in DEMO_ACCOUNTS if a.role == User.Role.COUNCIL_OFFICER)
    assert client.login(email=officer_account.email, password=officer_account.password)
    assert client.get("/admin/").status_code == 200


def test_demo_people_have_a_profile_for_each_relation():
    from citizens.models import CitizenProfile
    from daywell.demo_people import JORDAN, SAM
    from insight.demo import DEMO_PEOPLE

    seed()
    seed()
    User = get_user_model()
    accounts = {a.role: User.objects.get(email=a.email) for a in reversed(DEMO_ACCOUNTS)}
    jordan = CitizenProfile.objects.get(uuid=JORDAN)
    visible = CitizenProfile.objects.visible_to
    assert set(visible(accounts["social_worker"])) == {jordan, CitizenProfile.objects.get(uuid=SAM)}
    assert list(visible(accounts["citizen"])) == [jordan]
    assert list(visible(accounts["carer"])) == [jordan]
    assert not visible(accounts["council_officer"]).exists()
    assert not visible(accounts["provider"]).exists()
    assert jordan.reviews.count() == 1
    assert CitizenProfile.objects.count() == 2 + DEMO_PEOPLE  # and the insight demo's anonymous people


def test_the_demo_gives_the_insight_pages_something_to_show(client):
    from citizens.models import CitizenProfile, Enquiry
    from insight.demand import HIDDEN
    from insight.demo import DEMO_ENQUIRIES, DEMO_PEOPLE, DEMO_SEARCHES, PEOPLE_NAMESPACE
    from opportunities.models import SearchLog

    seed()
    made = (CitizenProfile.objects.count(), SearchLog.objects.count(), Enquiry.objects.count())
    seed()
    assert (CitizenProfile.objects.count(), SearchLog.objects.count(), Enquiry.objects.count()) == made
    assert SearchLog.objects.count() >= DEMO_SEARCHES
    assert Enquiry.objects.count() >= DEMO_ENQUIRIES
    # Spread over the year, so the trends have a shape.
    months = {when.strftime("%Y-%m") for when in SearchLog.objects.values_list("created_at", flat=True)}
    assert len(months) >= 12
    assert len({when.strftime("%Y-%m") for when in Enquiry.objects.values_list("sent_at", flat=True)}) >= 10

    # Nobody can open the invented people's profiles: they are only counted.
    User = get_user_model()
    demo_people = CitizenProfile.objects.filter(
        uuid__in=[uuid.uuid5(PEOPLE_NAMESPACE, str(n)) for n in range(DEMO_PEOPLE)]
    )
    assert demo_people.count() == DEMO_PEOPLE
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(email=account.email)
        assert not demo_people.filter(pk__in=CitizenProfile.objects.visible_to(user)).exists(), account.email

    commissioning = next(a for a in DEMO_ACCOUNTS if a.email == "commissioning@demo.daywell.example")
    assert client.login(email=commissioning.email, password=commissioning.password)
    demand = {f.key: f for f in client.get(reverse("insight:page", args=["demand"])).context["figures"]}
    cells = [cell for row in demand["people-by-ward-and-interest"].rows[:-1] for cell in row[1:]]
    assert sum(1 for cell in cells if cell != HIDDEN and cell >= 5) >= 3
    assert HIDDEN in cells  # and small cells are still hidden
    nothing = [str(row[0]) for row in demand["searches-found-nothing"].rows]
    assert any("“kayaking”" in text for text in nothing)

    gaps = {f.key: f for f in client.get(reverse("insight:page", args=["gaps"])).context["figures"]}
    assert len(gaps["worst-gaps"].rows) >= 10
    assert any(isinstance(row[1], int) for row in gaps["worst-gaps"].rows)  # people counted in some gaps
    outcomes = [cell for row in gaps["enquiries-by-outcome"].rows for cell in row[1:]]
    assert any(cell != HIDDEN for cell in outcomes)
