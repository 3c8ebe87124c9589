"""Who must use two-factor authentication."""

from django.conf import settings

from .models import User

STAFF_ROLES = {User.Role.SOCIAL_WORKER, User.Role.COUNCIL_OFFICER}


def is_staff_member(user) -> bool:
    """Council staff who can see people's profiles or run the directory."""
    return user.role in STAFF_ROLES or user.is_staff or user.is_superuser


def two_factor_required(user) -> bool:
    return bool(settings.STAFF_TWO_FACTOR_REQUIRED) and is_staff_member(user)
