"""Everything Daywell holds about a person, for them to read or download (their right of access)."""

from .forms import DAY_NAMES, PART_NAMES
from .models import CitizenProfile


def _who(user) -> str:
    return "" if user is None else f"{user} ({user.get_role_display().lower()})"


def _text(value):
    return None if value is None else str(value)


def free_times_text(free_slots: list[int]) -> list[str]:
    """[1, 4] -> ["Monday afternoon", "Tuesday afternoon"]."""
    return [f"{DAY_NAMES[slot // 3]} {PART_NAMES[slot % 3]}" for slot in sorted(free_slots) if 0 <= slot < 21]


def profile_export(profile: CitizenProfile) -> dict:
    """A plain dictionary of the profile and everything linked to it, in words a person can read."""
    return {
        "profile": {
            "reference": str(profile.uuid),
            "name they like to be called": profile.preferred_name,
            "date of birth": profile.date_of_birth.isoformat() if profile.date_of_birth else None,
            "home postcode": profile.postcode,
            "ward": profile.ward.name if profile.ward else None,
            "interests": [i.name for i in profile.interests.all()],
            "things they are good at": profile.strengths,
            "a good day": profile.good_day,
            "access and support needs": [f.name for f in profile.needs.all()],
            "who they are": [a.name for a in profile.audiences.all()],
            "free": free_times_text(profile.free_slots),
            "travel": [CitizenProfile.Travel(t).label for t in profile.travel],
            "travel distance in miles": _text(profile.travel_miles),
            "weekly budget in pounds": _text(profile.weekly_budget),
            "notes": profile.notes,
            "own account": profile.person.email if profile.person else None,
            "social worker": _who(profile.social_worker) or None,
            "created": profile.created_at.isoformat(),
            "last changed": profile.updated_at.isoformat(),
        },
        "carers": [
            {
                "carer": _who(link.carer),
                "agreed by": link.consent_given_by,
                "how": link.get_consent_method_display(),
                "when": link.consent_given_on.isoformat(),
                "recorded by": _who(link.recorded_by),
                "ended": link.ended_at.isoformat() if link.ended_at else None,
            }
            for link in profile.carer_links.select_related("carer", "recorded_by")
        ],
        "shortlist": [
            {"listing": item.opportunity.title, "added": item.added_at.isoformat()}
            for item in profile.shortlist.select_related("opportunity")
        ],
        "weekly plan": [
            {
                "listing": entry.opportunity.title,
                "day": entry.get_weekday_display(),
                "part of day": entry.get_part_display(),
                "start": entry.start.strftime("%H:%M") if entry.start else None,
                "end": entry.end.strftime("%H:%M") if entry.end else None,
                "weekly cost in pounds": _text(entry.weekly_cost),
            }
            for entry in profile.plan_entries.select_related("opportunity")
        ],
        "enquiries": [
            {
                "listing": enquiry.opportunity.title,
                "provider": enquiry.provider.name,
                "sent": enquiry.sent_at.isoformat(),
                "sent by": _who(enquiry.sent_by),
                "message": enquiry.message,
                "details shared": enquiry.shared,
                "status": enquiry.get_status_display(),
                "reply": enquiry.reply,
            }
            for enquiry in profile.enquiries.select_related("opportunity", "provider", "sent_by")
        ],
        "reviews": [
            {
                "date": review.reviewed_on.isoformat(),
                **{str(q): str(getattr(review, f"get_{field}_display")()) for field, q in review.QUESTIONS},
                "notes": review.notes,
                "recorded by": _who(review.recorded_by),
            }
            for review in profile.reviews.select_related("recorded_by")
        ],
        "who has looked at the profile": [
            {
                "when": access.at.isoformat(),
                "who": _who(access.user),
                "what": access.get_action_display(),
                "detail": access.detail,
            }
            for access in profile.accesses.select_related("user")
        ],  # fmt: skip
    }


def _readable_value(value) -> str:
    if value in (None, "", [], {}):
        return "Nothing"
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
                title,
                [[(key.capitalize(), _readable_value(value)) for key, value in r.items()] for r in records],
            )
        )
    return groups
