"""The council's checks of providers against its agreed standards, and what they add up to.

Every provider is checked against the same five standards. The latest check of each kind counts:
- safeguarding policy, public liability insurance, DBS checks (of the staff, or of the Personal
  Assistant themself) and complaints procedure must have passed;
- CQC registration must have passed where the provider gives personal care; an officer records
  "not needed" where it does not. "Not needed" does not count while any of the provider's listings
  says it gives personal care.
A new check is never dated before the latest one of its kind (the form and `provider_check_record`
refuse it), so the latest by date is also the one recorded last.
Insurance and DBS checks run out on a date. A provider is "council checked" while every standard
is met and none of those dates has gone by; the badge gives the date the last of its checks was
made. `standing` is the rule, as a pure function; the rest fetch what it needs in one query.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, Count, Exists, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from daywell.notify import council_addresses, email_send, provider_addresses
from opportunities.models import Opportunity
from opportunities.search_index import opportunity_index_refresh

from .models import Provider, ProviderCheck, ProviderCheckReminder, ProviderCheckStanding

logger = logging.getLogger(__name__)

Kind = ProviderCheck.Kind
Outcome = ProviderCheck.Outcome

PERSONAL_CARE = "personal-care"  # the slug of the listing feature that says personal care is given
STANDARDS = [Kind.SAFEGUARDING_POLICY, Kind.INSURANCE, Kind.DBS, Kind.CQC, Kind.COMPLAINTS]
EXPIRING_KINDS = frozenset({Kind.INSURANCE, Kind.DBS})
WARNING_DAYS = 30  # an expiring check is "expiring soon", and reminded, this many days before

# Statuses, most urgent first. "expiring" providers are still council checked.
FAILED = "failed"
EXPIRED = "expired"
MISSING = "missing"
EXPIRING = "expiring"
CHECKED = "checked"
STATUS_LABELS = {
    FAILED: _("Failed a check"),
    EXPIRED: _("Expired"),
    MISSING: _("Missing checks"),
    EXPIRING: _("Expiring soon"),
    CHECKED: _("Council checked"),
}
STATUS_TAGS = {FAILED: "red", EXPIRED: "orange", MISSING: "grey", EXPIRING: "yellow", CHECKED: "green"}


def standard_label(kind: str, provider: Provider) -> str:
    """The standard in plain words; a Personal Assistant's DBS check is of themself."""
    if kind == Kind.DBS:
        return (
            _("DBS check of the Personal Assistant")
            if provider.is_personal_assistant
            else _("DBS checks for staff")
        )
    return Kind(kind).label


def in_a_sentence(label: str) -> str:
    """A standard's label in the middle of a sentence: "the public liability insurance", "the DBS..."."""
    return label if label.startswith(("DBS", "CQC")) else label[0].lower() + label[1:]


def personal_care_listings():
    """Listings that say they give personal care (so their provider needs CQC registration)."""
    return Opportunity.objects.filter(features__slug=PERSONAL_CARE)


def says_personal_care(provider: Provider) -> bool:
    return personal_care_listings().filter(provider=provider).exists()


def check_met(check: ProviderCheck | None, *, personal_care: bool = False) -> bool:
    """`personal_care`: the provider's listings say they give personal care, so CQC is not "not needed"."""
    if check is None:
        return False
    if check.kind == Kind.CQC and check.outcome == Outcome.NOT_NEEDED:
        return not personal_care
    return check.outcome == Outcome.PASSED


def check_lapsed(check: ProviderCheck, today: datetime.date) -> bool:
    """A passed check whose date has gone by (it is good up to and including its expiry date)."""
    return check.outcome == Outcome.PASSED and check.expires_on is not None and check.expires_on < today


def check_expiring(check: ProviderCheck, today: datetime.date, days: int = WARNING_DAYS) -> bool:
    return (
        check.outcome == Outcome.PASSED
        and check.expires_on is not None
        and today <= check.expires_on <= today + datetime.timedelta(days=days)
    )


@dataclass(frozen=True)
class Standing:
    """Where a provider stands against the standards on a given day."""

    status: str
    latest: dict[str, ProviderCheck] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    expired: list[str] = field(default_factory=list)
    expiring: list[str] = field(default_factory=list)
    checked_on: datetime.date | None = None  # when it became council checked (None when it is not)
    next_expiry: datetime.date | None = None

    @property
    def is_council_checked(self) -> bool:
        return self.status in (CHECKED, EXPIRING)

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def tag(self) -> str:
        return STATUS_TAGS[self.status]


_NOT_SAVED_YET = datetime.datetime.max.replace(tzinfo=datetime.UTC)  # a check being made is the newest


def _newness(check: ProviderCheck):
    return (check.checked_on, check.created_at or _NOT_SAVED_YET, check.pk or 0)


def latest_by_kind(checks: Iterable[ProviderCheck]) -> dict[str, ProviderCheck]:
    """The latest check of each kind among `checks` (in any order, of one provider)."""
    latest: dict[str, ProviderCheck] = {}
    for check in checks:
        current = latest.get(check.kind)
        if current is None or _newness(check) > _newness(current):
            latest[check.kind] = check
    return latest


def status_of(
    *, failed: bool, missing: bool, first_expiry: datetime.date | None, today: datetime.date
) -> str:
    """The status, most urgent first. `first_expiry`: the first expiry date of the latest passed checks
    (one that has gone by means expired; one in the next WARNING_DAYS days means expiring soon)."""
    if failed:
        return FAILED
    if first_expiry is not None and first_expiry < today:
        return EXPIRED
    if missing:
        return MISSING
    if first_expiry is not None and first_expiry <= today + datetime.timedelta(days=WARNING_DAYS):
        return EXPIRING
    return CHECKED


def standing(
    checks: Iterable[ProviderCheck], *, today: datetime.date, personal_care: bool | None = None
) -> Standing:
    """The rule. `checks` are one provider's checks: all of them, or only the latest of each kind.
    `personal_care`: whether its listings say they give personal care; when None, what `latest_checks`
    found (its CQC check carries `says_personal_care`)."""
    latest = latest_by_kind(checks)
    if personal_care is None:
        personal_care = bool(getattr(latest.get(Kind.CQC), "says_personal_care", False))
    missing = [kind for kind in STANDARDS if kind not in latest]
    failed = [
        kind
        for kind in STANDARDS
        if kind in latest and not check_met(latest[kind], personal_care=personal_care)
    ]
    expired = [kind for kind in STANDARDS if kind in latest and check_lapsed(latest[kind], today)]
    expiring = [kind for kind in STANDARDS if kind in latest and check_expiring(latest[kind], today)]
    expiries = [c.expires_on for c in latest.values() if c.expires_on and c.outcome == Outcome.PASSED]
    next_expiry = min((d for d in expiries if d >= today), default=None)
    status = status_of(
        failed=bool(failed), missing=bool(missing), first_expiry=min(expiries, default=None), today=today
    )
    checked_on = max(c.checked_on for c in latest.values()) if status in (CHECKED, EXPIRING) else None
    return Standing(status, latest, missing, failed, expired, expiring, checked_on, next_expiry)


# --- Reads ---------------------------------------------------------------------------------------
def latest_checks(provider_ids: Iterable[int] | None = None) -> dict[int, list[ProviderCheck]]:
    """The latest check of each kind for the given providers (all of them when None): one query.
    A CQC check of "not needed" carries `says_personal_care` (see `standing`)."""
    says = Exists(personal_care_listings().filter(provider_id=OuterRef("provider_id")))
    checks = (
        ProviderCheck.objects.latest_per_kind()
        .select_related("checked_by")
        .annotate(
            says_personal_care=Case(
                When(kind=Kind.CQC, outcome=Outcome.NOT_NEEDED, then=says), default=Value(False)
            )
        )
    )
    if provider_ids is not None:
        checks = checks.filter(provider_id__in=list(provider_ids))
    by_provider: dict[int, list[ProviderCheck]] = defaultdict(list)
    for check in checks:
        by_provider[check.provider_id].append(check)
    return by_provider


def standings(provider_ids: Iterable[int] | None = None, *, today=None) -> dict[int, Standing]:
    """Each provider's standing, for the given providers (all with any check when None)."""
    today = today or timezone.localdate()
    ids = None if provider_ids is None else list(provider_ids)
    by_provider = latest_checks(ids)
    return {
        pk: standing(by_provider.get(pk, []), today=today) for pk in (ids if ids is not None else by_provider)
    }


def provider_standing(provider: Provider, *, today=None) -> Standing:
    return standings([provider.pk], today=today)[provider.pk]


@dataclass(frozen=True)
class Summary:
    """A provider's status and next expiry date, without the checks: for the long list of providers."""

    status: str
    next_expiry: datetime.date | None = None


def summaries(provider_ids: Iterable[int] | None = None, *, today=None) -> dict[int, Summary]:
    """The status of the given providers (all with any check when None; a provider with none is
    MISSING), counted in the database from the latest check of each kind: two small queries however
    many checks there are (about 40 ms for 5,000 providers with 10 checks each)."""
    today = today or timezone.localdate()
    ids = None if provider_ids is None else list(provider_ids)
    # Django cannot aggregate over a DISTINCT ON subquery in FROM; its ordering is latest_per_kind's.
    sql = f"""
        SELECT provider_id, count(*), count(*) FILTER (WHERE outcome = %s),
               count(*) FILTER (WHERE kind = %s AND outcome = %s),
               min(expires_on) FILTER (WHERE outcome = %s),
               min(expires_on) FILTER (WHERE outcome = %s AND expires_on >= %s)
        FROM (
            SELECT DISTINCT ON (provider_id, kind) provider_id, kind, outcome, expires_on
            FROM {ProviderCheck._meta.db_table}
            {"WHERE provider_id = ANY(%s)" if ids is not None else ""}
            ORDER BY provider_id, kind, checked_on DESC, created_at DESC, id DESC
        ) AS latest
        GROUP BY provider_id"""  # noqa: S608 (no user input in the text; the values are parameters)
    params = [Outcome.FAILED, Kind.CQC, Outcome.NOT_NEEDED, Outcome.PASSED, Outcome.PASSED, today]
    with connection.cursor() as cursor:
        cursor.execute(sql, params + ([ids] if ids is not None else []))
        keys = ("provider_id", "kinds", "failed", "not_needed", "first_expiry", "next_expiry")
        rows = [dict(zip(keys, row, strict=True)) for row in cursor.fetchall()]
    personal_care = set(
        personal_care_listings()
        .filter(provider_id__in=[row["provider_id"] for row in rows if row["not_needed"]])
        .values_list("provider_id", flat=True)
    )
    found = {
        row["provider_id"]: Summary(
            status_of(
                failed=bool(row["failed"]) or row["provider_id"] in personal_care,
                missing=row["kinds"] < len(STANDARDS),
                first_expiry=row["first_expiry"],
                today=today,
            ),
            row["next_expiry"],
        )
        for row in rows
    }
    for pk in ids or ():
        found.setdefault(pk, Summary(MISSING))
    return found


def expiry_counts(*, today=None) -> dict[str, int]:
    """How many current (latest, passed) insurance and DBS checks run out in the next WARNING_DAYS
    days, and how many have run out: one query, for the workspace front page."""
    today = today or timezone.localdate()
    current = ProviderCheck.objects.latest_per_kind().filter(kind__in=EXPIRING_KINDS).values("pk")
    return ProviderCheck.objects.filter(pk__in=current, outcome=Outcome.PASSED).aggregate(
        expiring=Count(
            "pk",
            filter=Q(expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=WARNING_DAYS)),
        ),
        expired=Count("pk", filter=Q(expires_on__lt=today)),
    )


# --- Writes --------------------------------------------------------------------------------------
def standing_store(provider_ids: Iterable[int], *, today=None) -> None:
    """Keep ProviderCheckStanding (what search result cards show) in step with the providers' checks."""
    today = today or timezone.localdate()
    for pk, standing in standings(provider_ids, today=today).items():
        ProviderCheckStanding.objects.update_or_create(
            provider_id=pk,
            defaults={"checked_on": standing.checked_on, "valid_until": standing.next_expiry},
        )


def listings_refresh(provider_ids: Iterable[int]) -> None:
    """Search result cards carry the badge: refresh those of the providers' listings."""
    ids = list(Opportunity.objects.filter(provider_id__in=list(provider_ids)).values_list("pk", flat=True))
    opportunity_index_refresh(ids=ids)


class CheckDatedTooEarly(Exception):
    """A check dated before the latest one of its kind: it would not count, so it is refused."""

    def __init__(self, latest_on: datetime.date):
        self.latest_on = latest_on
        super().__init__(too_early_message(latest_on))


def too_early_message(latest_on: datetime.date) -> str:
    return gettext("Enter a date on or after %(date)s, the date of the last check") % {
        "date": date_format(latest_on, "j F Y")
    }


def provider_check_record(*, provider: Provider, kind: str, by, data: dict) -> ProviderCheck:
    """Record a check an officer made, and update the badge on the provider's search result cards.
    (Listing pages work the badge out from the checks each time they are shown.) Raises
    CheckDatedTooEarly for a check dated before the latest one of its kind."""
    with transaction.atomic():
        # One check of a provider at a time, so the standing stored is worked out from all of them.
        Provider.objects.select_for_update().filter(pk=provider.pk).values_list("pk").first()
        latest = ProviderCheck.objects.filter(provider=provider, kind=kind).order_by("-checked_on").first()
        if latest is not None and data["checked_on"] < latest.checked_on:
            raise CheckDatedTooEarly(latest.checked_on)
        check = ProviderCheck.objects.create(
            provider=provider,
            kind=kind,
            outcome=data["outcome"],
            checked_on=data["checked_on"],
            expires_on=data.get("expires_on") if data["outcome"] == Outcome.PASSED else None,
            reference=data.get("reference") or "",
            cqc_rating=(data.get("cqc_rating") or "") if data["outcome"] == Outcome.PASSED else "",
            note=data.get("note") or "",
            checked_by=by,
        )
        standing_store([provider.pk])
        listings_refresh([provider.pk])
    return check


# --- Reminders -----------------------------------------------------------------------------------
def _reminder_send(check_id: int, kind: str, today: datetime.date) -> bool:
    """Send and record one reminder, if the check is still the provider's latest and still due.
    The reminder row is unique per check and kind, and the check's row is locked while it is sent, so a
    second run (or a run alongside) sends nothing. When the mail server refuses, this raises and nothing
    is recorded, so the next run tries again."""
    with transaction.atomic():
        check = (
            ProviderCheck.objects.select_for_update(of=("self",))
            .select_related("provider")
            .filter(pk=check_id)
            .first()
        )
        if check is None or check.reminders.filter(kind=kind).exists():
            return False
        newer = ProviderCheck.objects.latest_per_kind().filter(provider_id=check.provider_id, kind=check.kind)
        if newer.values_list("pk", flat=True).first() != check.pk:
            return False  # checked again since: the new check is the one that counts
        due = (
            check_lapsed(check, today)
            if kind == ProviderCheckReminder.Kind.LAPSED
            else check_expiring(check, today)
        )
        if not due:
            return False
        ProviderCheckReminder.objects.create(provider_check=check, kind=kind)
        provider = check.provider
        context = {
            "provider": provider,
            "check": check,
            "standard": standard_label(check.kind, provider),
            "what": in_a_sentence(standard_label(check.kind, provider)),
            "council_email": settings.COUNCIL_REVIEW_EMAIL,
            "lapsed": kind == ProviderCheckReminder.Kind.LAPSED,
        }
        # Inside the transaction: a failure to send undoes the record. (Should the council's email fail
        # after the provider's went, the next run sends the provider's again: better twice than never.)
        email_send(
            to=provider_addresses(provider),
            template="check_reminder_provider",
            context=context,
            fail_silently=False,
        )
        email_send(
            to=council_addresses(), template="check_reminder_council", context=context, fail_silently=False
        )
    return True


def check_reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Remind the provider and the council about insurance and DBS checks that run out within
    WARNING_DAYS days (once per check), and once more when one has run out. Only the latest check
    of each kind counts: making the check again stops the reminders. Safe to run as often as you like."""
    today = today or timezone.localdate()
    current = ProviderCheck.objects.latest_per_kind().filter(kind__in=EXPIRING_KINDS).values("pk")
    due = ProviderCheck.objects.filter(pk__in=current, outcome=Outcome.PASSED)
    lapsed = due.filter(expires_on__lt=today).exclude(reminders__kind=ProviderCheckReminder.Kind.LAPSED)
    expiring = due.filter(
        expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=WARNING_DAYS)
    ).exclude(reminders__kind=ProviderCheckReminder.Kind.EXPIRING)
    counts = {"expiring": 0, "lapsed": 0, "failed": 0}
    for kind, ids in (
        (ProviderCheckReminder.Kind.LAPSED, list(lapsed.values_list("pk", flat=True))),
        (ProviderCheckReminder.Kind.EXPIRING, list(expiring.values_list("pk", flat=True))),
    ):
        for check_id in ids:
            try:
                sent = _reminder_send(check_id, kind, today)
            except IntegrityError:
                logger.info("The %s reminder of check %s was already sent", kind, check_id)
                continue
            except Exception:  # one check's trouble must not stop the others
                logger.exception("Could not send the %s reminder of check %s", kind, check_id)
                counts["failed"] += 1
                continue
            if sent:
                counts[str(kind)] += 1
    return counts
