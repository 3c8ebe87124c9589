"""With STAFF_TWO_FACTOR_REQUIRED on, a staff member's session must have passed two-factor
authentication. The sign-in pages already make sure of that; this catches sessions from before
the setting was turned on, or from anywhere else that logs people in."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from .permissions import two_factor_required
from .sign_in import VERIFIED


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.STAFF_TWO_FACTOR_REQUIRED
            and BACKEND_SESSION_KEY in request.session
            and not request.session.get(VERIFIED)
            and request.user.is_authenticated
            and two_factor_required(request.user)
        ):
            logout(request)
            messages.info(request, _("Sign in again. Staff accounts need a code from an authenticator app."))
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
