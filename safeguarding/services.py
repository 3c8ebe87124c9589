"""Writes for concerns. Each function that holds a concern's words is marked with
`sensitive_variables`, so that Django's error reports show none of its local variables; nothing
here logs, and the only email says that a concern arrived, never what it says."""

from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from daywell.notify import email_send

from .models import Concern, ConcernNote, ConcernSubmission, ConcernView

# From one address: this many concerns an hour, more than anyone has cause to send.
SUBMISSIONS_PER_HOUR = 5
KEEP_SUBMISSIONS = timedelta(days=1)
CONTACT_FIELDS = ("reporter_name", "reporter_phone", "reporter_email")


class ConcernChanged(Exception):
    """Someone changed the concern after this officer opened it."""


class ConcernAlreadySent(Exception):
    """This form has already sent its concern (a double click, or the form sent again)."""


class ConcernNotSaved(Exception):
    """A concern could not be saved. Raised instead of the database's own error, which can quote
    the row (PostgreSQL's "Failing row contains ...") into logs and error reports."""


def _ip_key(ip: str | None) -> str:
    return salted_hmac("safeguarding.ConcernSubmission", ip or "unknown", algorithm="sha256").hexdigest()


def concern_flood_refused(*, ip: str | None, now=None) -> bool:
    """Has this address sent too many concerns in the last hour?"""
    since = (now or timezone.now()) - timedelta(hours=1)
    return ConcernSubmission.objects.filter(ip_key=_ip_key(ip), at__gt=since).count() >= SUBMISSIONS_PER_HOUR


def safeguarding_officer_addresses() -> list[str]:
    User = get_user_model()
    officers = User.objects.filter(
        role=User.Role.COUNCIL_OFFICER,
        is_active=True,
        officer_roles__contains=[User.OfficerRole.SAFEGUARDING],
    )
    return list(officers.values_list("email", flat=True))


def concern_submissions_clear_stale(*, now=None) -> None:
    """Forget the hashed addresses older than a day: they are only needed for the hourly limit."""
    ConcernSubmission.objects.filter(at__lt=(now or timezone.now()) - KEEP_SUBMISSIONS).delete()


def concern_already_sent(*, form_token: str) -> bool:
    return bool(form_token) and ConcernSubmission.objects.filter(form_token=form_token).exists()


@sensitive_variables()
def concern_report(*, fields: dict, opportunity=None, ip: str | None = None, form_token: str = "") -> Concern:
    """Save a concern from the public form and tell the safeguarding officers that one arrived.
    An anonymous report keeps no contact details, whatever was typed into them. A form whose token
    has already sent a concern raises ConcernAlreadySent and saves nothing: the unique token holds
    even when the two requests arrive together."""
    values = dict(fields)
    if values.get("anonymous"):
        for name in CONTACT_FIELDS:
            values[name] = ""
    for attempt in range(3):
        try:
            with transaction.atomic():
                now = timezone.now()
                try:
                    with transaction.atomic():
                        ConcernSubmission.objects.create(ip_key=_ip_key(ip), at=now, form_token=form_token)
                except IntegrityError:
                    raise ConcernAlreadySent from None
                concern = Concern.objects.create(opportunity=opportunity, **values)
                concern_submissions_clear_stale(now=now)
            break
        except IntegrityError:
            # Two reports drew the same reference (about one chance in 10^11): draw again. A
            # database error can quote the whole row, so it is dropped, not chained.
            if attempt == 2:
                raise ConcernNotSaved(_("The database refused a concern")) from None
        except DatabaseError:
            raise ConcernNotSaved(_("The database refused a concern")) from None
    link = reverse("council_concerns:detail", args=[concern.uuid])
    email_send(to=safeguarding_officer_addresses(), template="concern_received", context={"link": link})
    return concern


def concern_views_record(*, concerns: Iterable[Concern], user, action: str, detail: str = "") -> None:
    """Log that `user` saw or changed these concerns. `detail` never holds what a concern says."""
    now = timezone.now()
    ConcernView.objects.bulk_create(
        ConcernView(concern=concern, user=user, action=action, detail=detail[:200], at=now)
        for concern in concerns
    )


@transaction.atomic
def concern_update(*, concern: Concern, by, status: str, assigned_to, revision: int) -> list[str]:
    """Change the status and who is dealing with it; each change is logged. Returns what changed.
    `revision` is the concern's revision when the officer's form was opened: if it has changed
    since, raises ConcernChanged and changes nothing. The row is locked, so that the log's
    before-values are the ones replaced."""
    locked = Concern.objects.select_for_update(of=("self",)).select_related("assigned_to").get(pk=concern.pk)
    if locked.revision != revision:
        raise ConcernChanged
    concern.status, concern.assigned_to, concern.revision = locked.status, locked.assigned_to, locked.revision
    changed = []
    if status != concern.status:
        before = concern.get_status_display()
        concern.status = status
        concern_views_record(
            concerns=[concern],
            user=by,
            action=ConcernView.Action.STATUS_CHANGED,
            detail=f"{before} → {concern.get_status_display()}",
        )
        changed.append("status")
    if assigned_to != concern.assigned_to:
        concern.assigned_to = assigned_to
        who = (assigned_to.full_name or assigned_to.email) if assigned_to else "nobody"
        concern_views_record(
            concerns=[concern],
            user=by,
            action=ConcernView.Action.ASSIGNED,
            detail=_("Now with %(who)s") % {"who": who},
        )
        changed.append("assigned_to")
    if changed:
        concern.revision += 1
        concern.save(update_fields=[*changed, "revision", "updated_at"])
    return changed


@sensitive_variables()
@transaction.atomic
def concern_note_add(*, concern: Concern, by, text: str) -> ConcernNote:
    note = ConcernNote.objects.create(concern=concern, author=by, text=text)
    concern_views_record(concerns=[concern], user=by, action=ConcernView.Action.NOTE_ADDED)
    return note
