"""Who may act for a person, and the one way profile pages load a profile.

Every profile page is wrapped in `profile_view`: it asks the visitor to sign in, finds the
profile only among those the visitor may see (404 for anyone else, so a UUID reveals nothing),
keeps the page out of caches and Django's error reports, and logs each GET as "viewed".
A POST is logged by the service that makes the change (see `services`); a POST that fails
validation and shows the form again calls `profile_viewed`, since the page shows the profile.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from .models import CitizenProfile, ProfileAccess
from .services import profile_access_record


def relation(user, profile: CitizenProfile) -> str:
    """How the user acts for this person: "person", "social_worker" (allocated) or "carer"."""
    if profile.person_id and profile.person_id == user.pk:
        return "person"
    if profile.social_worker_id and profile.social_worker_id == user.pk:
        return "social_worker"
    return "carer"  # visible_to let them in, so they are a linked carer


def require_relation(user, profile: CitizenProfile, *allowed: str) -> None:
    """403 when the visitor may see the profile but not do this (a carer deleting it, say)."""
    if relation(user, profile) not in allowed:
        raise PermissionDenied


# What the access log says was looked at or changed. Stored in English (the log is a record) and
# listed here so that translators see each one; the log page shows them in the reader's language.
ACCESS_DETAILS = frozenset(
    {
        gettext_noop("access log"),
        gettext_noop("carers"),
        gettext_noop("delete profile"),
        gettext_noop("enquiries"),
        gettext_noop("enquiry"),
        gettext_noop("hand over"),
        gettext_noop("new enquiry"),
        gettext_noop("new review"),
        gettext_noop("own account"),
        gettext_noop("profile"),
        gettext_noop("review"),
        gettext_noop("reviews"),
        gettext_noop("search for the person"),
        gettext_noop("shortlist"),
        gettext_noop("suggestions"),
        gettext_noop("the person's own account"),
        gettext_noop("weekly plan"),
        gettext_noop("weekly plan: Easy Read version"),
        gettext_noop("weekly plan: calendar file"),
        gettext_noop("weekly plan: print version"),
        gettext_noop("your data"),
        gettext_noop("your data download"),
        # A section of the profile saved (citizens/forms.py titles, as the log writes them)
        gettext_noop("about them"),
        gettext_noop("what they enjoy"),
        gettext_noop("access and support needs"),
        gettext_noop("when they are free"),
        gettext_noop("getting there"),
        gettext_noop("money"),
        gettext_noop("notes"),
    }
)


def profile_viewed(request, profile: CitizenProfile, detail: str) -> None:
    profile_access_record(
        profile=profile, user=request.user, action=ProfileAccess.Action.VIEWED, detail=detail
    )


def profile_view(detail: str):
    """Decorate a view taking (request, profile, ...) from a URL with <uuid:profile_uuid>.
    `detail` names the page in the access log ("weekly plan"); never profile content."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, profile_uuid, *args, **kwargs):
            profile = get_object_or_404(CitizenProfile.objects.visible_to(request.user), uuid=profile_uuid)
            if request.method in ("GET", "HEAD"):
                profile_viewed(request, profile, detail)
            response = view(request, profile, *args, **kwargs)
            response.headers.setdefault("X-Robots-Tag", "noindex")
            return response

        return login_required(sensitive_post_parameters()(never_cache(wrapper)))

    return decorator
