"""A person's "good day" profile, who may act for them, and who has looked at it.

Profiles hold health and disability information (special category data): every read goes
through `CitizenProfile.objects.visible_to(user)` and every view or change is written to
`ProfileAccess`, which the person and their carers can read.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q


class CitizenProfileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The person themself, a carer linked with consent (while the link lasts) and the
        allocated social worker. Nobody else: not other social workers, not council officers."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            Q(person=user)
            | Q(carer_links__carer=user, carer_links__ended_at__isnull=True)
            | Q(social_worker=user)
        ).distinct()


class CitizenProfile(models.Model):
    """One person, described in their own words. Addressed by UUID, never by a sequential id."""

    class Travel(models.TextChoices):
        WALK = "walk", "Walking or wheeling"
        BUS = "bus", "Bus, train or tram"
        DRIVEN = "driven", "Someone drives me"
        TAXI = "taxi", "Taxi or Ring and Ride"
        CAR = "car", "I drive"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="own_profile",
        help_text="The person's own account, when they have one.",
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caseload",
        verbose_name="allocated social worker",
    )
    preferred_name = models.CharField("the name they like to be called", max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    ward = models.ForeignKey(
        "places.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    interests = models.ManyToManyField("opportunities.Interest", blank=True, related_name="+")
    strengths = models.TextField("things they are good at and want to do more of", blank=True)
    good_day = models.TextField("what a good day looks like, in their words", blank=True)
    needs = models.ManyToManyField(
        "opportunities.Feature", blank=True, related_name="+", verbose_name="access and support needs"
    )
    audiences = models.ManyToManyField(
        "opportunities.AudienceGroup", blank=True, related_name="+", verbose_name="who they are"
    )
    # weekday * 3 + part of day (0 morning, 1 afternoon, 2 evening), as in the search index
    free_slots = ArrayField(models.SmallIntegerField(), default=list, blank=True)
    travel = ArrayField(models.CharField(max_length=10, choices=Travel.choices), default=list, blank=True)
    travel_miles = models.DecimalField(
        "how far they will travel, in miles", max_digits=4, decimal_places=1, null=True, blank=True
    )
    weekly_budget = models.DecimalField(
        "weekly direct payment or personal budget", max_digits=8, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CitizenProfileQuerySet.as_manager()

    class Meta:
        ordering = ["preferred_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekly_budget__isnull=True) | Q(weekly_budget__gte=0),
                name="profile_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(travel_miles__isnull=True) | Q(travel_miles__gte=0),
                name="profile_travel_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(free_slots__contained_by=list(range(21))), name="profile_free_slots_known"
            ),
        ]

    def __str__(self):
        return self.preferred_name


class CarerLink(models.Model):
    """A carer who may act for the person, with the person's consent recorded."""

    class ConsentMethod(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "On the phone"
        WRITING = "writing", "In writing"
        ONLINE = "online", "Online, by the person"
        BEST_INTEREST = "best_interest", "Best-interest decision (Mental Capacity Act)"

    profile = models.ForeignKey(CitizenProfile, on_delete=models.CASCADE, related_name="carer_links")
    carer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="carer_links")
    consent_given_by = models.CharField("who consented", max_length=150)
    consent_method = models.CharField("how", max_length=20, choices=ConsentMethod.choices)
    consent_given_on = models.DateField("when")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "carer"],
                condition=Q(ended_at__isnull=True),
                name="one_live_link_per_carer",
            )
        ]

    def __str__(self):
        return f"{self.carer} for {self.profile}"


class ProfileAccess(models.Model):
    """Every view or change of a profile: the person's "who has looked at my profile"."""

    class Action(models.TextChoices):
        VIEWED = "viewed", "Looked at the profile"
        CHANGED = "changed", "Changed the profile"
        SEARCHED = "searched", "Searched for the person"
        DOWNLOADED = "downloaded", "Downloaded the profile"
        CREATED = "created", "Created the profile"
        LINKED = "linked", "Linked a carer"
        UNLINKED = "unlinked", "Ended a carer's link"
        HANDED_OVER = "handed_over", "Handed the profile to a colleague"

    profile = models.ForeignKey(CitizenProfile, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    detail = models.CharField(max_length=200, blank=True)  # never profile content
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "profile accesses"

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user}: {self.get_action_display()}"
