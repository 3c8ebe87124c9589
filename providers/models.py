import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderQuerySet(models.QuerySet):
    def editable_by(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(memberships__user=user).distinct()

    def owned_by(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(memberships__user=user, memberships__role=ProviderMembership.Role.OWNER)


class Provider(models.Model):
    """An organisation or person offering day opportunities (ORUK: organization)."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council service")
        CHARITY = "charity", _("Charity")
        COMMUNITY = "community", _("Community group")
        SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
        PRIVATE = "private", _("Private company")
        PERSONAL_ASSISTANT = "personal_assistant", _("Personal Assistant")

    class CqcRating(models.TextChoices):
        OUTSTANDING = "outstanding", _("Outstanding")
        GOOD = "good", _("Good")
        REQUIRES_IMPROVEMENT = "requires_improvement", _("Requires improvement")
        INADEQUATE = "inadequate", _("Inadequate")
        NOT_RATED = "not_rated", _("Not yet rated")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # for Open Referral UK
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    charity_number = models.CharField(_("registered charity number"), max_length=20, blank=True)
    cqc_location_id = models.CharField(_("CQC location ID"), max_length=20, blank=True)
    cqc_rating = models.CharField(_("CQC rating"), max_length=20, choices=CqcRating.choices, blank=True)
    # A Personal Assistant's own statements; the council's checks of them come later.
    dbs_checked_on = models.DateField(_("date of DBS check"), null=True, blank=True)
    references_available = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_personal_assistant(self) -> bool:
        return self.kind == self.Kind.PERSONAL_ASSISTANT


class Venue(models.Model):
    """A place where opportunities happen (ORUK: location)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # for Open Referral UK
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(max_length=200)
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, default="Birmingham")
    postcode = models.CharField(max_length=8)
    ward = models.ForeignKey("places.Ward", null=True, blank=True, on_delete=models.SET_NULL)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    features = models.ManyToManyField(
        "opportunities.Feature", blank=True, related_name="venues", verbose_name=_("access features")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="venue_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="venue_longitude_in_range",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def address_lines(self) -> list[str]:
        return [
            line
            for line in (self.name, self.address_line_1, self.address_line_2, self.town, self.postcode)
            if line
        ]

    def get_directions_url(self) -> str:
        from urllib.parse import quote_plus

        return "https://www.openstreetmap.org/directions?to=" + quote_plus(
            f"{self.latitude},{self.longitude}" if self.latitude is not None else self.postcode
        )


class ProviderMembership(models.Model):
    """A user who may act for a provider."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        EDITOR = "editor", _("Editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_memberships"
    )
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "provider"], name="one_membership_per_provider")
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) at {self.provider}"


class ProviderInvitation(models.Model):
    """An email invitation to act for a provider. The link's token is stored only as a hash,
    works once, and expires."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(
        max_length=10, choices=ProviderMembership.Role.choices, default=ProviderMembership.Role.EDITOR
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} to {self.provider}"


class JoinRequest(models.Model):
    """An organisation, or a Personal Assistant, asking to list on Daywell."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the council")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    name = models.CharField(_("name of the organisation"), max_length=200)
    kind = models.CharField(max_length=20, choices=Provider.Kind.choices)
    description = models.TextField(_("what you offer"))
    website = models.URLField(blank=True)
    charity_number = models.CharField(_("registered charity number"), max_length=20, blank=True)
    contact_name = models.CharField(_("your name"), max_length=150)
    email = models.EmailField(_("your email address"))
    phone = models.CharField(_("phone number"), max_length=40)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.name


class ProviderCheckQuerySet(models.QuerySet):
    def latest_per_kind(self):
        """Each provider's latest check of each kind: the one that counts (the rest is history)."""
        return self.order_by("provider_id", "kind", "-checked_on", "-created_at", "-id").distinct(
            "provider_id", "kind"
        )


class ProviderCheck(models.Model):
    """A council officer's check of a provider against one of the council's agreed standards.

    A new row for every check made, so the history stays; the latest of each kind counts. The rules
    (is a provider council checked, since when, what is missing or expiring) are in providers/checks.py."""

    class Kind(models.TextChoices):
        SAFEGUARDING_POLICY = "safeguarding_policy", _("Safeguarding policy")
        INSURANCE = "insurance", _("Public liability insurance")
        DBS = "dbs", _("DBS checks")
        CQC = "cqc", _("CQC registration")
        COMPLAINTS = "complaints", _("Complaints procedure")

    class Outcome(models.TextChoices):
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")
        NOT_NEEDED = "not_needed", _("Not needed")  # only CQC: the provider gives no personal care

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    checked_on = models.DateField(_("date of the check"))
    expires_on = models.DateField(_("date it runs out"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reference = models.CharField(max_length=200, blank=True)  # insurer and policy, DBS or CQC number
    cqc_rating = models.CharField(
        _("CQC rating"), max_length=20, choices=Provider.CqcRating.choices, blank=True
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProviderCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_on", "-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["provider", "kind", "-checked_on", "-created_at"], name="providercheck_latest"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="passed", kind__in=["insurance", "dbs"], expires_on__isnull=True),
                name="providercheck_passed_expiring_kind_has_expiry",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True) | models.Q(expires_on__gt=models.F("checked_on")),
                name="providercheck_expires_after_check",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="not_needed") | models.Q(kind="cqc"),
                name="providercheck_not_needed_only_cqc",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="failed", note=""), name="providercheck_failed_has_note"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.provider}: {self.get_outcome_display()}"


class ProviderCheckReminder(models.Model):
    """A reminder sent about an expiring check: once before it runs out, once when it has."""

    class Kind(models.TextChoices):
        EXPIRING = "expiring", _("Runs out soon")
        LAPSED = "lapsed", _("Has run out")

    provider_check = models.ForeignKey(ProviderCheck, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider_check", "kind"], name="one_check_reminder_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.provider_check}"


class ProviderCheckStanding(models.Model):
    """Whether a provider is council checked, kept for search result cards (which read only the
    opportunity table: see opportunities/search_index.py). Saved with every check recorded, from the
    rules in providers/checks.py; the badge shows while `valid_until` (the first expiry date of its
    checks) has not gone by, so a check running out needs no write."""

    provider = models.OneToOneField(Provider, on_delete=models.CASCADE, primary_key=True, related_name="+")
    checked_on = models.DateField(null=True, blank=True)  # None: not council checked
    valid_until = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Provider {self.provider_id}: council checked on {self.checked_on or 'no date'}"
