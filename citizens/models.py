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
from django.utils.translation import gettext_lazy as _


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
        WALK = "walk", _("Walking or wheeling")
        BUS = "bus", _("Bus, train or tram")
        DRIVEN = "driven", _("Someone drives me")
        TAXI = "taxi", _("Taxi or Ring and Ride")
        CAR = "car", _("I drive")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="own_profile",
        help_text=_("The person's own account, when they have one."),
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caseload",
        verbose_name=_("allocated social worker"),
    )
    preferred_name = models.CharField(_("the name they like to be called"), max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    ward = models.ForeignKey(
        "places.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    interests = models.ManyToManyField("opportunities.Interest", blank=True, related_name="+")
    strengths = models.TextField(_("things they are good at and want to do more of"), blank=True)
    good_day = models.TextField(_("what a good day looks like, in their words"), blank=True)
    needs = models.ManyToManyField(
        "opportunities.Feature", blank=True, related_name="+", verbose_name=_("access and support needs")
    )
    audiences = models.ManyToManyField(
        "opportunities.AudienceGroup", blank=True, related_name="+", verbose_name=_("who they are")
    )
    # weekday * 3 + part of day (0 morning, 1 afternoon, 2 evening), as in the search index
    free_slots = ArrayField(models.SmallIntegerField(), default=list, blank=True)
    travel = ArrayField(models.CharField(max_length=10, choices=Travel.choices), default=list, blank=True)
    travel_miles = models.DecimalField(
        _("how far they will travel, in miles"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    weekly_budget = models.DecimalField(
        _("weekly direct payment or personal budget"), max_digits=8, decimal_places=2, null=True, blank=True
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
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("On the phone")
        WRITING = "writing", _("In writing")
        ONLINE = "online", _("Online, by the person")
        BEST_INTEREST = "best_interest", _("Best-interest decision (Mental Capacity Act)")

    profile = models.ForeignKey(CitizenProfile, on_delete=models.CASCADE, related_name="carer_links")
    carer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="carer_links")
    consent_given_by = models.CharField(_("who consented"), max_length=150)
    consent_method = models.CharField(_("how"), max_length=20, choices=ConsentMethod.choices)
    consent_given_on = models.DateField(_("when"))
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
        VIEWED = "viewed", _("Looked at the profile")
        CHANGED = "changed", _("Changed the profile")
        SEARCHED = "searched", _("Searched for the person")
        DOWNLOADED = "downloaded", _("Downloaded the profile")
        CREATED = "created", _("Created the profile")
        LINKED = "linked", _("Linked a carer")
        UNLINKED = "unlinked", _("Ended a carer's link")
        HANDED_OVER = "handed_over", _("Handed the profile to a colleague")

    profile = models.ForeignKey(CitizenProfile, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    detail = models.CharField(max_length=200, blank=True)  # never profile content
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = _("profile accesses")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user}: {self.get_action_display()}"


class ShortlistItem(models.Model):
    """An opportunity kept for the person to think about."""

    profile = models.ForeignKey(CitizenProfile, on_delete=models.CASCADE, related_name="shortlist")
    opportunity = models.ForeignKey("opportunities.Opportunity", on_delete=models.CASCADE, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "opportunity"], name="shortlist_once_per_opportunity")
        ]

    def __str__(self):
        return f"{self.opportunity} on {self.profile}'s shortlist"


class PlanEntry(models.Model):
    """One session in the person's weekly plan: a day, a part of the day and what it costs a week."""

    class Part(models.IntegerChoices):
        MORNING = 0, _("Morning")
        AFTERNOON = 1, _("Afternoon")
        EVENING = 2, _("Evening")

    profile = models.ForeignKey(CitizenProfile, on_delete=models.CASCADE, related_name="plan_entries")
    opportunity = models.ForeignKey("opportunities.Opportunity", on_delete=models.CASCADE, related_name="+")
    weekday = models.PositiveSmallIntegerField(choices=[(i, d) for i, d in enumerate(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])])  # fmt: skip
    part = models.PositiveSmallIntegerField(choices=Part.choices)
    start = models.TimeField(null=True, blank=True)  # from the listing's session, when it has times
    end = models.TimeField(null=True, blank=True)
    weekly_cost = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["weekday", "part", "start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="plan_weekday_known"),
            models.CheckConstraint(condition=Q(part__lte=2), name="plan_part_known"),
            models.CheckConstraint(
                condition=Q(weekly_cost__isnull=True) | Q(weekly_cost__gte=0), name="plan_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gt=models.F("start")),
                name="plan_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.opportunity}, {self.get_weekday_display()} {self.get_part_display().lower()}"


class Enquiry(models.Model):
    """A message to a provider about an opportunity, sent on the person's behalf with their consent.

    `shared` is a copy of the details the person agreed to share, made when it was sent, so the
    provider sees only those. When the profile is deleted the enquiry stays as an anonymous count:
    profile, message, shared details and reply are emptied."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        ANSWERED = "answered", _("Answered")
        STARTING = "starting", _("Starting")
        NOT_SUITABLE = "not_suitable", _("Not suitable")

    profile = models.ForeignKey(
        CitizenProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="enquiries"
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity", on_delete=models.CASCADE, related_name="enquiries"
    )
    provider = models.ForeignKey("providers.Provider", on_delete=models.CASCADE, related_name="enquiries")
    message = models.TextField()
    shared = models.JSONField(default=dict, blank=True)  # {"Name": "Sam", "Access and support needs": …}
    consent_confirmed = models.BooleanField(default=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SENT)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    reply = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name_plural = _("enquiries")
        constraints = [
            models.CheckConstraint(
                condition=Q(profile__isnull=True) | Q(consent_confirmed=True), name="enquiry_has_consent"
            )
        ]

    def __str__(self):
        return f"Enquiry about {self.opportunity} ({self.get_status_display()})"


class Review(models.Model):
    """How things are going, against the four "good day" questions, on a simple scale."""

    class Score(models.IntegerChoices):
        NOT_YET = 1, _("Not yet")
        A_LITTLE = 2, _("A little")
        MOSTLY = 3, _("Mostly")
        YES = 4, _("Yes, a lot")

    QUESTIONS = [
        ("purpose", _("Do I do things that give my day a purpose?")),
        ("ordinary_places", _("Do I spend time in ordinary places, like everyone else?")),
        ("right_support", _("Do I have the right support to do what I want?")),
        ("meeting_people", _("Do I meet people and make friends?")),
    ]

    profile = models.ForeignKey(CitizenProfile, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    purpose = models.PositiveSmallIntegerField(choices=Score.choices)
    ordinary_places = models.PositiveSmallIntegerField(choices=Score.choices)
    right_support = models.PositiveSmallIntegerField(choices=Score.choices)
    meeting_people = models.PositiveSmallIntegerField(choices=Score.choices)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose__range=(1, 4))
                & Q(ordinary_places__range=(1, 4))
                & Q(right_support__range=(1, 4))
                & Q(meeting_people__range=(1, 4)),
                name="review_scores_known",
            )
        ]

    def __str__(self):
        return f"Review on {self.reviewed_on}"


class ProfileDeletion(models.Model):
    """What is kept when a person deletes their profile: anonymous counts, nothing that identifies them."""

    deleted_on = models.DateField()
    had_own_account = models.BooleanField()
    had_social_worker = models.BooleanField()
    carers = models.PositiveSmallIntegerField(default=0)
    shortlisted = models.PositiveSmallIntegerField(default=0)
    planned = models.PositiveSmallIntegerField(default=0)
    enquiries = models.PositiveSmallIntegerField(default=0)
    reviews = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-deleted_on", "-id"]

    def __str__(self):
        return f"Profile deleted on {self.deleted_on}"
