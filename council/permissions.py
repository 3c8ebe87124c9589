"""Who may use the council workspace."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def is_council_officer(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_council_officer


def council_officer_required(view):
    """Signed-out people are asked to sign in; anyone else who is not an officer gets a 403."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_council_officer(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
