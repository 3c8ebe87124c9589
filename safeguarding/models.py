"""Concerns about an adult's safety, reported by anyone, read only by safeguarding officers.

Nothing a concern says may leave these tables: not in emails, logs or error reports (see
services.py, apps.py and the views' decorators). Every time an officer sees a concern, in the queue
or on its own page, and every change to it, is written to ConcernView.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

# No 0/O, 1/I/L: easy to read out over the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8


def new_reference() -> str:
    """A random code such as "K7QM-3XPT": says nothing about the concern, and cannot be guessed."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{code[:4]}-{code[4:]}"


class ConcernQuerySet(models.QuerySet):
    def queue_order(self):
        """New concerns first, then the rest; the oldest first within each."""
        first = Case(
            When(status=Concern.Status.NEW, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return self.order_by(first, "created_at", "pk")


class Concern(models.Model):
    class Status(models.TextChoices):
        NEW = "new", gettext_lazy("New")
        IN_TRIAGE = "in_triage", gettext_lazy("In triage")
        REFERRED = "referred", gettext_lazy("Referred to the adult safeguarding team")
        PASSED_ON = "passed_on", gettext_lazy("Passed to another organisation")
        CLOSED = "closed", gettext_lazy("Closed: no further action")

    OPEN_STATUSES = (Status.NEW, Status.IN_TRIAGE)

    class PersonKnows(models.TextChoices):
        YES = "yes", gettext_lazy("Yes")
        NO = "no", gettext_lazy("No")
        NOT_SURE = "not_sure", gettext_lazy("I do not know")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=9, unique=True, default=new_reference, editable=False)

    # The adult the concern is about.
    adult_name = models.CharField(max_length=200, blank=True)
    adult_description = models.TextField(blank=True)
    # Where: what the reporter wrote, and the listing they came from, if they did.
    place = models.TextField(blank=True)
    opportunity = models.ForeignKey(
        "opportunities.Opportunity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    what_happened = models.TextField()
    when_happened = models.CharField(max_length=200, blank=True)
    person_knows = models.CharField(max_length=10, choices=PersonKnows.choices)

    # Who reported it: nobody, or someone who may be contacted.
    anonymous = models.BooleanField()
    reporter_name = models.CharField(max_length=200, blank=True)
    reporter_phone = models.CharField(max_length=40, blank=True)
    reporter_email = models.EmailField(blank=True)
    reporter_relationship = models.CharField(max_length=200, blank=True)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Goes up by one with each change of status or officer. The officers' form sends the revision
    # it was opened at, so that a form opened before a colleague's change cannot undo it.
    revision = models.PositiveIntegerField(default=0)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="concern_status_created")]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(reporter_name="", reporter_phone="", reporter_email=""),
                name="concern_anonymous_has_no_contact",
            ),
            models.CheckConstraint(
                condition=Q(anonymous=True) | ~Q(reporter_name=""), name="concern_contact_has_a_name"
            ),
        ]

    def __str__(self):
        # Only the reference: a concern's str can reach places its content must not.
        return f"Concern {self.reference}"

    def get_absolute_url(self):
        return reverse("council_concerns:detail", args=[self.uuid])


class ConcernNote(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Note on concern {self.concern_id} at {self.created_at:%Y-%m-%d %H:%M}"


class ConcernView(models.Model):
    """Who saw or changed a concern, and when. `detail` says what changed, never what it says."""

    class Action(models.TextChoices):
        LISTED = "listed", gettext_lazy("Saw it in the queue")
        VIEWED = "viewed", gettext_lazy("Opened it")
        STATUS_CHANGED = "status_changed", gettext_lazy("Changed the status")
        ASSIGNED = "assigned", gettext_lazy("Changed who is dealing with it")
        NOTE_ADDED = "note_added", gettext_lazy("Added a note")

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id}: {self.get_action_display()}"


class ConcernSubmission(models.Model):
    """When a concern was sent from an address, so that one address cannot flood the queue. Not
    linked to the concern (an anonymous report stays anonymous), holds only a keyed hash of the
    address, and is kept for a day. `form_token` is the random one-time token of the form that sent
    it, so that the same form sent twice (a double click) saves one concern."""

    ip_key = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)
    form_token = models.CharField(max_length=64, blank=True)

    class Meta:
        indexes = [models.Index(fields=["ip_key", "at"], name="concern_submission_ip_time")]
        constraints = [
            models.UniqueConstraint(
                fields=["form_token"], condition=~Q(form_token=""), name="concern_submission_one_per_form"
            )
        ]

    def __str__(self):
        return f"Concern sent at {self.at:%Y-%m-%d %H:%M}"
