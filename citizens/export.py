"""Everything Daywell holds about a person, for them to read or download (their right of access)."""

from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

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
    The keys stay in English in the download (they are marked with N_ so that the readable page can
    show them in the reader's language); the values are in the reader's language."""
    return {
        N_("profile"): {
            N_("reference"): str(profile.uuid),
            N_("name they like to be called"): profile.preferred_name,
            N_("date of birth"): profile.date_of_birth.isoformat() if profile.date_of_birth else None,
            N_("home postcode"): profile.postcode,
            N_("ward"): profile.ward.name if profile.ward else None,
            N_("interests"): [i.name for i in profile.interests.all()],
            N_("things they are good at"): profile.strengths,
            N_("a good day"): profile.good_day,
            N_("access and support needs"): [f.name for f in profile.needs.all()],
            N_("who they are"): [a.name for a in profile.audiences.all()],
            N_("free"): free_times_text(profile.free_slots),
            N_("travel"): [CitizenProfile.Travel(t).label for t in profile.travel],
            N_("travel distance in miles"): _text(profile.travel_miles),
            N_("weekly budget in pounds"): _text(profile.weekly_budget),
            N_("notes"): profile.notes,
            N_("own account"): profile.person.email if profile.person else None,
            N_("social worker"): _who(profile.social_worker) or None,
            N_("created"): profile.created_at.isoformat(),
            N_("last changed"): profile.updated_at.isoformat(),
        },
        N_("carers"): [
            {
                N_("carer"): _who(link.carer),
                N_("agreed by"): link.consent_given_by,
                N_("how"): link.get_consent_method_display(),
                N_("when"): link.consent_given_on.isoformat(),
                N_("recorded by"): _who(link.recorded_by),
                N_("ended"): link.ended_at.isoformat() if link.ended_at else None,
            }
            for link in profile.carer_links.select_related("carer", "recorded_by")
        ],
        N_("shortlist"): [
            {N_("listing"): item.opportunity.title, N_("added"): item.added_at.isoformat()}
            for item in profile.shortlist.select_related("opportunity")
        ],
        N_("weekly plan"): [
            {
                N_("listing"): entry.opportunity.title,
                N_("day"): entry.get_weekday_display(),
                N_("part of day"): entry.get_part_display(),
                N_("start"): entry.start.strftime("%H:%M") if entry.start else None,
                N_("end"): entry.end.strftime("%H:%M") if entry.end else None,
                N_("weekly cost in pounds"): _text(entry.weekly_cost),
            }
            for entry in profile.plan_entries.select_related("opportunity")
        ],
        N_("enquiries"): [
            {
                N_("listing"): enquiry.opportunity.title,
                N_("provider"): enquiry.provider.name,
                N_("sent"): enquiry.sent_at.isoformat(),
                N_("sent by"): _who(enquiry.sent_by),
                N_("message"): enquiry.message,
                N_("details shared"): enquiry.shared,
                N_("status"): enquiry.get_status_display(),
                N_("reply"): enquiry.reply,
            }
            for enquiry in profile.enquiries.select_related("opportunity", "provider", "sent_by")
        ],
        N_("reviews"): [
            {
                N_("date"): review.reviewed_on.isoformat(),
                **{str(q): str(getattr(review, f"get_{field}_display")()) for field, q in review.QUESTIONS},
                N_("notes"): review.notes,
                N_("recorded by"): _who(review.recorded_by),
            }
            for review in profile.reviews.select_related("recorded_by")
        ],
        N_("who has looked at the profile"): [
            {
                N_("when"): access.at.isoformat(),
                N_("who"): _who(access.user),
                N_("what"): access.get_action_display(),
                N_("detail"): access.detail,
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
