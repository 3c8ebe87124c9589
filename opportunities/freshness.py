"""Freshness of listings: a reminder at six months without a check, hidden from search at a year.

`freshness_notices_send` is run daily by the send_freshness_reminders command. It is safe to run
as often as you like: a notice is unique per listing, kind and last check, so a listing is
reminded (or hidden) once for each check it goes without.
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import DateField, Exists, OuterRef
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from daywell.notify import email_send, provider_addresses
from daywell.tokens import token_hash, token_new

from .models import FreshnessNotice, ListingEvent, Opportunity
from .search_index import opportunity_index_refresh
from .services import listing_confirm_current, listing_event_record

logger = logging.getLogger(__name__)

STILL_CURRENT_LABEL = _("Still current link in an email")
_TOKEN_MAX_LENGTH = 100  # token_new() makes 43 characters; anything far longer is not ours


def listing_checked_on(opportunity: Opportunity) -> datetime.date | None:
    """The listing's last check: when the provider last confirmed it, or else when it was published."""
    if opportunity.last_checked_on:
        return opportunity.last_checked_on
    if opportunity.published_at:
        return timezone.localdate(opportunity.published_at)
    return None


def _with_checked_on():
    # The same rule as listing_checked_on, in SQL (TruncDate uses the current time zone).
    return (
        Opportunity.objects.listed()
        .annotate(checked_on=Coalesce("last_checked_on", TruncDate("published_at"), output_field=DateField()))
        .filter(checked_on__isnull=False)
    )


def _link(token: str) -> str:
    return settings.SITE_URL + reverse("opportunities:still-current", args=[token])


def _expires():
    # From the moment the email goes out, whatever date the command acts as.
    return timezone.now() + datetime.timedelta(days=settings.STILL_CURRENT_LINK_DAYS)


def _locked_if_due(pk: int, due_on_or_before: datetime.date) -> Opportunity | None:
    """The listing, locked, when it is still listed and still unchecked since the cut-off.

    Read again under the lock because the provider may have confirmed it since the first query,
    or another run of the command may have got there first."""
    opportunity = (
        Opportunity.objects.select_for_update(of=("self",)).select_related("provider").filter(pk=pk).first()
    )
    if opportunity is None or not opportunity.is_published or opportunity.hidden_as_stale_on:
        return None
    checked_on = listing_checked_on(opportunity)
    if checked_on is None or checked_on > due_on_or_before:
        return None
    return opportunity


def _notice_send(pk: int, today: datetime.date, kind: str) -> bool:
    """Send one listing a reminder, or hide it and say so, if it is still due."""
    hiding = kind == FreshnessNotice.Kind.HIDDEN
    days = settings.FRESHNESS_HIDE_DAYS if hiding else settings.FRESHNESS_REMINDER_DAYS
    with transaction.atomic():
        opportunity = _locked_if_due(pk, today - datetime.timedelta(days=days))
        if opportunity is None:
            return False
        checked_on = listing_checked_on(opportunity)
        token, hashed = token_new()
        notice = FreshnessNotice.objects.create(
            opportunity=opportunity,
            kind=kind,
            checked_on=checked_on,
            token_hash=hashed,
            expires_at=_expires(),
        )
        if hiding:
            opportunity.hidden_as_stale_on = today
            opportunity.save(update_fields=["hidden_as_stale_on", "updated_at"])
        event = ListingEvent.Kind.HIDDEN if hiding else ListingEvent.Kind.REMINDED
        note = gettext("Last checked on %(date)s.") % {"date": dateformat.format(checked_on, "j F Y")}
        listing_event_record(opportunity, event, note=note)
    # After the commit: the listing is hidden whatever happens to the email (email_send logs failures).
    context = {"opportunity": opportunity, "checked_on": checked_on, "link": _link(token),
               "expires": notice.expires_at}  # fmt: skip
    if not hiding:
        context["hide_on"] = checked_on + datetime.timedelta(days=settings.FRESHNESS_HIDE_DAYS)
    email_send(
        to=provider_addresses(opportunity.provider),
        template="freshness_hidden" if hiding else "freshness_reminder",
        context=context,
    )
    return True


def freshness_notices_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Hide listings not checked for a year and remind the providers of those not checked for six
    months, each listing in a transaction of its own. Returns how many were reminded, hidden and
    could not be handled (those are logged and tried again on the next run)."""
    today = today or timezone.localdate()
    hide_cutoff = today - datetime.timedelta(days=settings.FRESHNESS_HIDE_DAYS)
    remind_cutoff = today - datetime.timedelta(days=settings.FRESHNESS_REMINDER_DAYS)
    to_hide = list(_with_checked_on().filter(checked_on__lte=hide_cutoff).values_list("pk", flat=True))
    reminded_already = FreshnessNotice.objects.filter(
        opportunity=OuterRef("pk"), kind=FreshnessNotice.Kind.REMINDER, checked_on=OuterRef("checked_on")
    )
    to_remind = list(
        _with_checked_on()
        .filter(checked_on__lte=remind_cutoff, checked_on__gt=hide_cutoff)
        .exclude(Exists(reminded_already))
        .values_list("pk", flat=True)
    )

    counts = {"reminded": 0, "hidden": 0, "failed": 0}
    hidden_ids = []
    try:
        for kind, ids in (("hidden", to_hide), ("reminded", to_remind)):
            notice_kind = FreshnessNotice.Kind.HIDDEN if kind == "hidden" else FreshnessNotice.Kind.REMINDER
            for pk in ids:
                try:
                    done = _notice_send(pk, today, notice_kind)
                except IntegrityError:
                    # The same notice already exists: another run sent it a moment ago.
                    logger.info("Freshness notice for listing %s was already sent", pk)
                    continue
                except Exception:  # one listing's trouble must not stop the others
                    logger.exception("Could not send the freshness notice for listing %s", pk)
                    counts["failed"] += 1
                    continue
                if done:
                    counts[kind] += 1
                    if kind == "hidden":
                        hidden_ids.append(pk)
    finally:
        # Once for the whole run, and even when the run stops early, so search matches the database.
        opportunity_index_refresh(ids=hidden_ids)
    return counts


# --- The "still current" link ---------------------------------------------------------------------
def freshness_notice_for_token(token: str) -> FreshnessNotice | None:
    if len(token) > _TOKEN_MAX_LENGTH:
        return None
    return (
        FreshnessNotice.objects.select_related("opportunity__provider")
        .filter(token_hash=token_hash(token))
        .first()
    )


def freshness_notice_usable(notice: FreshnessNotice) -> bool:
    """Not used, not run out, and its listing still published."""
    return (
        notice.used_at is None
        and notice.expires_at > timezone.now()
        and notice.opportunity.status == Opportunity.Status.PUBLISHED
    )


def freshness_notice_use(*, notice: FreshnessNotice) -> bool:
    """The provider followed the link and said the listing is still right. False when the link
    stopped working meanwhile (two clicks at once: only the first counts)."""
    with transaction.atomic():
        locked = (
            FreshnessNotice.objects.select_for_update(of=("self",))
            .select_related("opportunity__provider")
            .filter(pk=notice.pk)
            .first()
        )
        if locked is None or not freshness_notice_usable(locked):
            return False
        listing_confirm_current(opportunity=locked.opportunity, actor_label=STILL_CURRENT_LABEL)
    return True
