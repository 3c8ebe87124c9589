"""Who may use the council workspace.

Every council officer may open the workspace's front page; each part of it needs its own officer
role (moderator, safeguarding, commissioning), and is refused with a 403 to anyone without it."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from accounts.models import User

MODERATOR = User.OfficerRole.MODERATOR
SAFEGUARDING = User.OfficerRole.SAFEGUARDING
COMMISSIONING = User.OfficerRole.COMMISSIONING


def is_council_officer(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_council_officer


def has_officer_role(user, officer_role: str) -> bool:
    return is_council_officer(user) and officer_role in user.officer_roles


def council_officer_required(view):
    """Signed-out people are asked to sign in; anyone else who is not an officer gets a 403."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_council_officer(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def officer_role_required(officer_role: str):
    """Like council_officer_required, and the officer must also hold `officer_role`."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not has_officer_role(request.user, officer_role):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


moderator_required = officer_role_required(MODERATOR)
safeguarding_required = officer_role_required(SAFEGUARDING)
commissioning_required = officer_role_required(COMMISSIONING)
