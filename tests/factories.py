import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import User
from opportunities.models import Cost, Opportunity, Session
from places.models import Ward
from providers.models import Provider, ProviderMembership, Venue

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    role = User.Role.CITIZEN
    password = factory.django.Password(PASSWORD)
    # A council officer made without saying which roles moderates, as every officer did before
    # the roles were split; pass officer_roles to make a safeguarding or commissioning officer.
    officer_roles = factory.LazyAttribute(
        lambda user: [User.OfficerRole.MODERATOR] if user.role == User.Role.COUNCIL_OFFICER else []
    )


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Kings Heath Trust {n}")
    slug = factory.Sequence(lambda n: f"kings-heath-trust-{n}")
    kind = Provider.Kind.CHARITY
    email = "hello@example.org"
    phone = "0121 496 0000"


class ProviderMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderMembership

    user = factory.SubFactory(UserFactory, role=User.Role.PROVIDER)
    provider = factory.SubFactory(ProviderFactory)
    role = ProviderMembership.Role.OWNER


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Community Hall {n}")
    address_line_1 = "1 High Street"
    postcode = "B13 8JP"
    ward = factory.LazyFunction(lambda: Ward.objects.get(slug="moseley"))
    latitude = 52.4446
    longitude = -1.8877


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    provider = factory.SubFactory(ProviderFactory)
    status = Opportunity.Status.PUBLISHED
    title = factory.Sequence(lambda n: f"Allotment gardening club {n}")
    slug = factory.Sequence(lambda n: f"allotment-gardening-club-{n}")
    summary = "Grow vegetables and flowers with friendly people at a city allotment."
    description = "We meet every week. Everyone is welcome."
    delivery = factory.LazyFunction(lambda: [Opportunity.Delivery.VENUE])
    vacancies = Opportunity.Vacancies.YES
    vacancies_confirmed_on = factory.LazyFunction(lambda: datetime.date.today())
    last_checked_on = factory.LazyFunction(lambda: datetime.date.today())
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def venues(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.venues.set(extracted)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    opportunity = factory.SubFactory(OpportunityFactory)
    weekday = 1
    start = datetime.time(10, 0)
    end = datetime.time(12, 0)


class CostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cost

    opportunity = factory.SubFactory(OpportunityFactory)
    amount = Decimal("12.50")
    unit = Cost.Unit.SESSION
