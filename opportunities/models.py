import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from daywell.money import pounds


# --- Council-owned reference data ---------------------------------------------------------------
class ReferenceTerm(models.Model):
    """A term in one of the council's lists. Providers propose terms; the council owns them."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Interest(ReferenceTerm):
    """A kind of activity that can make a good day (work, gardening, music…)."""


class Feature(ReferenceTerm):
    """An accessibility or support feature of a venue or an opportunity."""

    class Category(models.TextChoices):
        ACCESS = "access", _("Getting in and around")
        COMMUNICATION = "communication", _("Communication")
        SUPPORT = "support", _("Care and support")
        TRAVEL = "travel", _("Getting there")

    category = models.CharField(max_length=20, choices=Category.choices)

    class Meta(ReferenceTerm.Meta):
        ordering = ["category", "position", "name"]


class AudienceGroup(ReferenceTerm):
    """Who an opportunity is for (people with a learning disability, older people…)."""


class PaymentRoute(ReferenceTerm):
    """How an opportunity can be paid for (direct payment, self-funded…)."""


# --- Opportunities --------------------------------------------------------------------------------
class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpportunityQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Opportunity.Status.PUBLISHED)

    def listed(self):
        """Published and shown in search: not hidden for going a year without a check."""
        return self.published().filter(hidden_as_stale_on__isnull=True)

    def editable_by(self, user):
        from providers.models import Provider

        return self.filter(provider__in=Provider.objects.editable_by(user))


class Opportunity(models.Model):
    """Something to do during the day (ORUK: service)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Delivery(models.TextChoices):
        VENUE = "venue", _("At a venue")
        COMMUNITY = "community", _("Out in the community")
        HOME = "home", _("At home")
        ONLINE = "online", _("Online")

    class Vacancies(models.TextChoices):
        YES = "yes", _("Taking new people")
        WAITING_LIST = "waiting_list", _("Waiting list")
        NO = "no", _("Not taking new people")
        UNKNOWN = "unknown", _("Ask the provider")

    class Joining(models.TextChoices):
        SELF = "self", _("Get in touch yourself")
        REFERRAL = "referral", _("Needs a referral")
        EITHER = "either", _("Get in touch yourself or be referred")

    # The identifier the outside world sees (the Open Referral UK API, exports); never changes.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    provider = models.ForeignKey(
        "providers.Provider",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    summary = models.CharField(max_length=300, help_text=_("One or two sentences shown in search results."))
    description = models.TextField()
    easy_read_summary = models.TextField(_("Easy Read summary"), blank=True)

    interests = models.ManyToManyField(Interest, blank=True, related_name="opportunities")
    audiences = models.ManyToManyField(
        AudienceGroup, blank=True, related_name="opportunities", verbose_name=_("who it is for")
    )
    features = models.ManyToManyField(
        Feature, blank=True, related_name="opportunities", verbose_name=_("access and support")
    )
    payment_routes = models.ManyToManyField(PaymentRoute, blank=True, related_name="opportunities")

    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    delivery = ArrayField(
        models.CharField(max_length=10, choices=Delivery.choices),
        default=list,
        blank=True,
        help_text=_("Where it happens: one or more of venue, community, home, online."),
    )
    venues = models.ManyToManyField("providers.Venue", blank=True, related_name="opportunities")
    areas = models.ManyToManyField(
        "places.Ward",
        blank=True,
        related_name="+",
        verbose_name=_("areas covered"),
        help_text=_("Wards covered by a service that comes to people (a Personal Assistant, for example)."),
    )
    by_arrangement = models.BooleanField(
        default=False, help_text=_("Times are agreed with each person rather than fixed.")
    )

    is_free = models.BooleanField(default=False)
    vacancies = models.CharField(max_length=12, choices=Vacancies.choices, default=Vacancies.UNKNOWN)
    vacancies_confirmed_on = models.DateField(null=True, blank=True)
    joining = models.CharField(
        _("how to join"), max_length=10, choices=Joining.choices, default=Joining.EITHER
    )
    how_to_join = models.TextField(blank=True)
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)

    closed_until = models.DateField(
        _("temporarily closed until"), null=True, blank=True, help_text=_("Open again on this date.")
    )
    photo = models.ForeignKey(
        "opportunities.Photo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    last_checked_on = models.DateField(null=True, blank=True)
    hidden_as_stale_on = models.DateField(
        null=True, blank=True, help_text=_("Hidden from search because nobody had checked it for a year.")
    )
    # Optimistic locking: bumped by every saved edit of the listing's content, so an editor who
    # started from an older version is refused rather than overwriting a colleague's work.
    content_revision = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # --- Search index: facts gathered from related rows by opportunities.search_index ---------
    # Kept on the row so that a search, its facet counts and its result cards need no joins.
    search_vector = SearchVectorField(null=True, editable=False)
    interest_ids = ArrayField(models.IntegerField(), default=list, editable=False)
    feature_ids = ArrayField(models.IntegerField(), default=list, editable=False)  # venue's too
    audience_ids = ArrayField(models.IntegerField(), default=list, editable=False)
    payment_ids = ArrayField(models.IntegerField(), default=list, editable=False)
    ward_ids = ArrayField(models.IntegerField(), default=list, editable=False)
    constituency_ids = ArrayField(models.IntegerField(), default=list, editable=False)
    # weekday * 3 + part of day (0 morning, 1 afternoon, 2 evening); all 21 when by arrangement.
    slots = ArrayField(models.SmallIntegerField(), default=list, editable=False)
    cost_per_session = models.DecimalField(max_digits=8, decimal_places=2, null=True, editable=False)
    latitude = models.FloatField(null=True, editable=False)  # of the first venue
    longitude = models.FloatField(null=True, editable=False)
    card = models.JSONField(default=dict, editable=False)  # what a search result shows
    indexed_at = models.DateTimeField(null=True, editable=False)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = _("opportunities")
        indexes = [
            models.Index(fields=["status", "title"]),
            # For the insight pages: how long since each listed opportunity was checked, and new
            # listings by month, read from these indexes alone rather than the whole (wide) table.
            models.Index(
                fields=["last_checked_on"],
                name="opportunity_listed_checked",
                condition=models.Q(status="published", hidden_as_stale_on__isnull=True),
            ),
            models.Index(fields=["published_at"], name="opportunity_published_at"),
            # Free text is matched in SearchText; every other filter works on the in-memory copy
            # of these columns (opportunities.facets), so they need no index of their own.
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_age__isnull=True)
                | models.Q(max_age__isnull=True)
                | models.Q(min_age__lte=models.F("max_age")),
                name="opportunity_min_age_not_above_max",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(provider__isnull=False),
                name="opportunity_published_has_provider",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "in_review", "published", "archived"]),
                name="opportunity_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(delivery__contained_by=["venue", "community", "home", "online"]),
                name="opportunity_delivery_known",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("opportunities:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_closed_now(self) -> bool:
        import datetime

        return self.closed_until is not None and self.closed_until > datetime.date.today()

    @property
    def age_range(self) -> str:
        if self.min_age is not None and self.max_age is not None:
            return _("%(min)s to %(max)s") % {"min": self.min_age, "max": self.max_age}
        if self.min_age is not None:
            return _("%(min)s and over") % {"min": self.min_age}
        if self.max_age is not None:
            return _("Up to %(max)s") % {"max": self.max_age}
        return str(_("All adults"))

    def get_delivery_display(self) -> list[str]:
        labels = dict(self.Delivery.choices)
        return [labels[mode] for mode in self.delivery if mode in labels]


class Session(models.Model):
    """A weekly time slot."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="sessions")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start = models.TimeField()
    end = models.TimeField()

    class Meta:
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="session_weekday_valid"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start:%H:%M} to {self.end:%H:%M}"

    @property
    def part_of_day(self) -> str:
        if self.start.hour < 12:
            return "morning"
        if self.start.hour < 17:
            return "afternoon"
        return "evening"


class Cost(models.Model):
    """A price, per session, hour, day, week or course."""

    class Unit(models.TextChoices):
        SESSION = "session", _("a session")
        HOUR = "hour", _("an hour")
        DAY = "day", _("a day")
        WEEK = "week", _("a week")
        MONTH = "month", _("a month")
        COURSE = "course", _("for the course")

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="costs")
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.SESSION)
    label = models.CharField(
        max_length=100, blank=True, help_text=_("Who this price is for, for example 'With 1:1 support'.")
    )

    class Meta:
        ordering = ["amount"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="cost_not_negative"),
        ]

    def __str__(self):
        text = f"{pounds(self.amount)} {self.get_unit_display()}"
        return f"{text} ({self.label})" if self.label else text


class SearchLog(models.Model):
    """One search, recorded without the person: which filters, and how many results.

    No user, no IP address, no session: the council's insight pages count these."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    filters = models.JSONField(default=dict)  # {"interest": ["sport"], "postcode_area": "B13", …}
    words = models.CharField(max_length=200, blank=True)
    result_count = models.PositiveIntegerField()
    ward = models.ForeignKey("places.Ward", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M}: {self.result_count} results"


class SearchWord(models.Model):
    """A word used in published listings, for "Did you mean …?" (built by search_index)."""

    word = models.CharField(max_length=60, primary_key=True)
    listings = models.PositiveIntegerField()

    def __str__(self):
        return self.word


class ListingReport(models.Model):
    """Someone told us a listing is wrong. Goes to the provider and to the council's queue."""

    class Problem(models.TextChoices):
        OUT_OF_DATE = "out_of_date", _("The details are out of date")
        STOPPED = "stopped", _("It has stopped running")
        CONTACT = "contact", _("The contact details do not work")
        ACCESS = "access", _("The access or support information is wrong")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="reports")
    problem = models.CharField(max_length=20, choices=Problem.choices)
    details = models.TextField()
    email = models.EmailField(_("email address"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(_("what was done"), blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_problem_display()}: {self.opportunity}"


class SearchIndexVersion(models.Model):
    """Which version of the search index is current. One row, rewritten by search_index after
    every refresh; each search compares it with its in-memory copy (opportunities.facets)."""

    version = models.CharField(max_length=32)
    listings = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.version}: {self.listings} published listings, {self.refreshed_at:%Y-%m-%d %H:%M}"


class SearchText(models.Model):
    """The text vector of each published listing, in a narrow table of its own: ranking tens of
    thousands of matches reads a tenth of the pages it would read in the wide listing rows."""

    opportunity = models.OneToOneField(Opportunity, primary_key=True, on_delete=models.CASCADE)
    search_vector = SearchVectorField()

    class Meta:
        indexes = [GinIndex(fields=["search_vector"], name="searchtext_vector")]

    def __str__(self):
        return str(self.opportunity_id)


# --- Provider edits, the council's approval and a listing's history ------------------------------
class ListingChangeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=ListingChange.OPEN)

    def awaiting_review(self):
        return self.filter(status=ListingChange.Status.SUBMITTED)


class ListingChange(models.Model):
    """A provider's proposed version of a listing's content, kept apart from the published row
    until a council officer approves it: the public sees the last approved version meanwhile.

    `proposed` is a snapshot (opportunities.snapshots) of every content field."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not sent yet")
        SUBMITTED = "submitted", _("Waiting for approval")
        RETURNED = "returned", _("Returned to the provider")
        APPROVED = "approved", _("Approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    proposed = models.JSONField(default=dict)
    approved = models.JSONField(null=True, blank=True)  # what was published, after council tagging
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason for returning it"), blank=True)

    objects = ListingChangeQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity"],
                condition=models.Q(status__in=["draft", "submitted", "returned"]),
                name="one_open_change_per_listing",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "submitted", "returned", "approved", "withdrawn"]),
                name="listing_change_status_known",
            ),
        ]

    def __str__(self):
        return f"{self.opportunity}: {self.get_status_display()}"

    @property
    def is_new_listing(self) -> bool:
        return self.opportunity.published_at is None


class ListingEvent(models.Model):
    """One entry in a listing's history: who did what, when, and which fields changed."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Listing started")
        EDITED = "edited", _("Changes saved")
        SUBMITTED = "submitted", _("Sent for approval")
        APPROVED = "approved", _("Approved and published")
        RETURNED = "returned", _("Returned to the provider")
        WITHDRAWN = "withdrawn", _("Changes withdrawn")
        VACANCIES = "vacancies", _("Places updated")
        CLOSED = "closed", _("Temporary closure updated")
        CONFIRMED = "confirmed", _("Confirmed still current")
        REMINDED = "reminded", _("Reminder sent")
        HIDDEN = "hidden", _("Hidden from search: not checked for a year")
        REPORTED = "reported", _("Problem reported")
        REPORT_RESOLVED = "report_resolved", _("Problem marked resolved")
        ARCHIVED = "archived", _("Taken down")

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)  # when nobody signed in did it
    changes = models.JSONField(default=list)  # [[field label, before, after], …] in words
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.opportunity}: {self.get_kind_display()}"

    @property
    def who(self) -> str:
        return str(self.actor) if self.actor else self.actor_label or "Daywell"


class Photo(models.Model):
    """A listing's photo, checked and re-encoded on upload (opportunities.photos). Kept in the
    database so that every app server can serve it without shared file storage."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="photos")
    image = models.BinaryField()
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt_text = models.CharField(max_length=250)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.alt_text


class FreshnessNotice(models.Model):
    """A reminder (at six months without a check) or a notice that a listing was hidden (at a
    year). One per listing, kind and last-checked date, so the daily command never repeats one.
    Each carries a single-use "still current" link, stored only as a hash."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Six-month reminder")
        HIDDEN = "hidden", _("Hidden after a year")

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="freshness_notices")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    checked_on = models.DateField(help_text=_("The listing's last check when the notice was sent."))
    token_hash = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "kind", "checked_on"], name="one_notice_per_listing_kind_check"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.opportunity}"
