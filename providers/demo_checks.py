"""Demo provider checks, so that the "Council checked" badge shows in the demo and the council's
list of checks has something in each state. Safe to run again: a provider that has any check is
left alone. Called by `manage.py seed_demo` (daywell/demo.py)."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .checks import listings_refresh, standing_store
from .models import Provider, ProviderCheck

Kind = ProviderCheck.Kind
Outcome = ProviderCheck.Outcome

DEMO_OFFICER_EMAIL = "council@demo.daywell.example"
PASSING = [
    "Brightside Friends Birmingham",
    "Canal Side Arts Trust",
    "Kingfisher Autism Network",
    "Rea Valley Community Gardens",
    "Open Table Cooking Project",
    "Heartwood Dementia Support",  # gives personal care, so it is registered with the CQC
    "Lickey Hills Walking Friends",
    "Tame Valley Mind Matters",
    "Spotlight Inclusive Theatre",
    "Handsworth Park Sport Together",
    "Clearview Sight Loss Birmingham",
]
GIVES_PERSONAL_CARE = {"Heartwood Dementia Support", "Brightside Friends Birmingham"}  # their listings say so
EXPIRING_SOON = "Signing Hands Deaf Centre"  # still council checked; its insurance runs out soon
EXPIRED = "Northfield Carers Together"  # its insurance ran out
FAILED = "Yardley Days Out Club"  # its safeguarding policy needs work


def _checks(provider: Provider, today: datetime.date, officer, *, insurance_until=None, failed=()) -> list:
    checked_on = today - datetime.timedelta(days=90)
    insurance_until = insurance_until or today + datetime.timedelta(days=275)
    made = []
    for kind in (Kind.SAFEGUARDING_POLICY, Kind.INSURANCE, Kind.DBS, Kind.CQC, Kind.COMPLAINTS):
        check = ProviderCheck(provider=provider, kind=kind, checked_on=checked_on, checked_by=officer)
        check.outcome = Outcome.PASSED
        if kind in failed:
            check.outcome = Outcome.FAILED
            check.note = "The policy does not name a safeguarding lead. Asked for an updated policy."
        elif kind == Kind.INSURANCE:
            check.expires_on = insurance_until
            check.reference = f"Midlands Mutual, policy PL-{provider.pk:06d}"
        elif kind == Kind.DBS:
            check.expires_on = checked_on + datetime.timedelta(days=3 * 365)
        elif kind == Kind.CQC:
            if provider.name in GIVES_PERSONAL_CARE:
                check.reference = provider.cqc_location_id or f"1-{100000000 + provider.pk:09d}"
                check.cqc_rating = provider.cqc_rating or Provider.CqcRating.GOOD
            else:
                check.outcome = Outcome.NOT_NEEDED
                check.note = "Gives no personal care."
        made.append(check)
    return made


def demo_checks_ensure(*, today: datetime.date | None = None) -> int:
    """Create the demo checks that are missing; returns how many checks were created."""
    today = today or timezone.localdate()
    officer = get_user_model().objects.filter(email=DEMO_OFFICER_EMAIL).first()
    names = [*PASSING, EXPIRING_SOON, EXPIRED, FAILED]
    providers = {
        p.name: p
        for p in Provider.objects.filter(name__in=names).exclude(checks__isnull=False).order_by("pk")
    }
    assistant = (
        Provider.objects.filter(kind=Provider.Kind.PERSONAL_ASSISTANT).order_by("pk").first()
    )  # one Personal Assistant, checked like the organisations (the DBS check is of themself)
    checks = []
    for name, provider in providers.items():
        if name == EXPIRING_SOON:
            checks += _checks(provider, today, officer, insurance_until=today + datetime.timedelta(days=20))
        elif name == EXPIRED:
            checks += _checks(provider, today, officer, insurance_until=today - datetime.timedelta(days=5))
        elif name == FAILED:
            checks += _checks(provider, today, officer, failed=(Kind.SAFEGUARDING_POLICY,))
        else:
            checks += _checks(provider, today, officer)
    if assistant is not None and not assistant.checks.exists():
        checks += _checks(assistant, today, officer)
    with transaction.atomic():
        ProviderCheck.objects.bulk_create(checks)
        checked = {check.provider_id for check in checks}
        standing_store(checked, today=today)
        listings_refresh(checked)
    return len(checks)
