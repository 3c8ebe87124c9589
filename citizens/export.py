"""Everything Daywell holds about a person, for them to read or download (their right of access)."""

from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop

from .models import CitizenProfile
from .plan import when_words


def _who(user) -> str:
    return "" if user is None else f"{user} ({user.get_role_display().lower()})"


def _text(value):
    return None if value is None else str(value)


def free_times_text(free_slots: list[int]) -> list[str]:
    """[1, 4] -> ["Monday afternoon", "Tuesday afternoon"], in the reader's language."""
    return [when_words(slot // 3, slot % 3) for slot in sorted(free_slots) if 0 <= slot < 21]


def profile_export(profile: CitizenProfile) -> dict:
    """A plain dictionary of the profile and everything linked to it, in words a person can read.
    The keys stay in English in the download (they are marked with gettext_noop so that the readable page can
    show them in the reader's language); the values are in the reader's language."""
    return {
        gettext_noop("profile"): {
            gettext_noop("reference"): str(profile.uuid),
            gettext_noop("name they like to be called"): profile.preferred_name,
            gettext_noop("date of birth"): profile.date_of_birth.isoformat()
            if profile.date_of_birth
            else None,
            gettext_noop("home postcode"): profile.postcode,
            gettext_noop("ward"): profile.ward.name if profile.ward else None,
            gettext_noop("interests"): [i.name for i in profile.interests.all()],
            gettext_noop("things they are good at"): profile.strengths,
            gettext_noop("a good day"): profile.good_day,
            gettext_noop("access and support needs"): [f.name for f in profile.needs.all()],
            gettext_noop("who they are"): [a.name for a in profile.audiences.all()],
            gettext_noop("free"): free_times_text(profile.free_slots),
            gettext_noop("travel"): [CitizenProfile.Travel(t).label for t in profile.travel],
            gettext_noop("travel distance in miles"): _text(profile.travel_miles),
            gettext_noop("weekly budget in pounds"): _text(profile.weekly_budget),
            gettext_noop("notes"): profile.notes,
            gettext_noop("own account"): profile.person.email if profile.person else None,
            gettext_noop("social worker"): _who(profile.social_worker) or None,
            gettext_noop("created"): profile.created_at.isoformat(),
            gettext_noop("last changed"): profile.updated_at.isoformat(),
        },
        gettext_noop("carers"): [
            {
                gettext_noop("carer"): _who(link.carer),
                gettext_noop("agreed by"): link.consent_given_by,
                gettext_noop("how"): link.get_consent_method_display(),
                gettext_noop("when"): link.consent_given_on.isoformat(),
                gettext_noop("recorded by"): _who(link.recorded_by),
                gettext_noop("ended"): link.ended_at.isoformat() if link.ended_at else None,
            }
            for link in profile.carer_links.select_related("carer", "recorded_by")
        ],
        gettext_noop("shortlist"): [
            {
                gettext_noop("listing"): item.opportunity.title,
                gettext_noop("added"): item.added_at.isoformat(),
            }
            for item in profile.shortlist.select_related("opportunity")
        ],
        gettext_noop("weekly plan"): [
            {
                gettext_noop("listing"): entry.opportunity.title,
                gettext_noop("day"): entry.get_weekday_display(),
                gettext_noop("part of day"): entry.get_part_display(),
                gettext_noop("start"): entry.start.strftime("%H:%M") if entry.start else None,
                gettext_noop("end"): entry.end.strftime("%H:%M") if entry.end else None,
                gettext_noop("weekly cost in pounds"): _text(entry.weekly_cost),
            }
            for entry in profile.plan_entries.select_related("opportunity")
        ],
        gettext_noop("enquiries"): [
            {
                gettext_noop("listing"): enquiry.opportunity.title,
                gettext_noop("provider"): enquiry.provider.name,
                gettext_noop("sent"): enquiry.sent_at.isoformat(),
                gettext_noop("sent by"): _who(enquiry.sent_by),
                gettext_noop("message"): enquiry.message,
                gettext_noop("details shared"): enquiry.shared,
                gettext_noop("status"): enquiry.get_status_display(),
                gettext_noop("reply"): enquiry.reply,
            }
            for enquiry in profile.enquiries.select_related("opportunity", "provider", "sent_by")
        ],
        gettext_noop("reviews"): [
            {
                gettext_noop("date"): review.reviewed_on.isoformat(),
                **{str(q): str(getattr(review, f"get_{field}_display")()) for field, q in review.QUESTIONS},
                gettext_noop("notes"): review.notes,
                gettext_noop("recorded by"): _who(review.recorded_by),
            }
            for review in profile.reviews.select_related("recorded_by")
        ],
        gettext_noop("who has looked at the profile"): [
            {
                gettext_noop("when"): access.at.isoformat(),
                gettext_noop("who"): _who(access.user),
                gettext_noop("what"): access.get_action_display(),
                gettext_noop("detail"): access.detail,
            }
            for access in profile.accesses.select_related("user")
        ],  # fmt: skip
    }


def _readable_value(value) -> str:
    if value in (None, "", [], {}):
        return gettext("Nothing")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def export_readable(data: dict) -> list[tuple[str, list[list[tuple[str, str]]]]]:
    """The export as headed groups of (label, text) rows, for the readable page."""
    groups = []
    for title, content in data.items():
        records = [content] if isinstance(content, dict) else content
        groups.append(
            (
                capfirst(gettext(title)),
                [
                    [(capfirst(gettext(key)), _readable_value(value)) for key, value in r.items()]
                    for r in records
                ],
            )
        )
    return groups
