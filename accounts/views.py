import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST, require_safe

from . import services, sign_in, totp
from .forms import CodeForm, RecoveryCodeForm, SignInForm, TurnOffForm, refused
from .models import SignInAttempt, TwoFactor, User
from .permissions import two_factor_required
from .services import CodeCheck, sign_in_attempt

TOO_MANY_REQUESTS = 429
FEW_RECOVERY_CODES = 3


def _too_many_requests(response):
    """429, saying when to come back."""
    response.status_code = TOO_MANY_REQUESTS
    response["Retry-After"] = str(settings.SIGN_IN_LOCK_MINUTES * 60)
    return response


def _render(request, template: str, context: dict, status: int = 200):
    context = {"help_phone": settings.ADULT_SOCIAL_CARE_PHONE, **context}
    response = render(request, template, context, status=status)
    return _too_many_requests(response) if status == TOO_MANY_REQUESTS else response


def _confirmed(user) -> TwoFactor | None:
    return TwoFactor.objects.filter(user=user).exclude(confirmed_at=None).first()


class SignInView(auth_views.LoginView):
    """Password first. Someone with two-factor authentication then gives a code, and a staff member
    who must have it but has not set it up does that, before they are logged in."""

    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        next_url = self.get_success_url()
        if _confirmed(user):
            sign_in.pending_start(self.request, user=user, next_url=next_url, stage=sign_in.CODE)
            return redirect("accounts:sign-in-code")
        if two_factor_required(user):
            sign_in.pending_start(self.request, user=user, next_url=next_url, stage=sign_in.SET_UP)
            return redirect("accounts:two-factor-set-up")
        sign_in.complete(self.request, user, verified=False)
        return HttpResponseRedirect(next_url)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        return _too_many_requests(response) if refused(form) else response


class SignOutView(auth_views.LogoutView):
    next_page = "home"


def _sign_in_again(request):
    messages.info(
        request, _("Sign in again. The second step must be done within a few minutes of the first.")
    )
    return redirect("accounts:sign-in")


@sensitive_post_parameters("code")
@never_cache
def sign_in_code(request):
    """The second step: a code from the person's authenticator app."""
    user = sign_in.pending_user(request, sign_in.CODE)
    if user is None:
        return _sign_in_again(request)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        checked = {}

        def code_is_right() -> bool:
            checked["result"] = services.two_factor_verify(user=user, code=form.cleaned_data["code"])
            return checked["result"] == CodeCheck.OK

        result = sign_in_attempt(
            email=user.email,
            ip=sign_in.client_ip(request),
            stage=SignInAttempt.Stage.CODE,
            check=code_is_right,
        )
        if result == SignInAttempt.Result.SUCCEEDED:
            next_url = sign_in.pending_next(request)
            sign_in.complete(request, user, verified=True)
            return HttpResponseRedirect(next_url)
        form.add_check_error(checked.get("result", result))
        status = TOO_MANY_REQUESTS if refused(form) else 200
    return _render(request, "accounts/sign_in_code.html", {"form": form}, status)


@sensitive_post_parameters("recovery_code")
@never_cache
def sign_in_recovery_code(request):
    """The second step for someone without their phone."""
    user = sign_in.pending_user(request, sign_in.CODE)
    if user is None:
        return _sign_in_again(request)
    form = RecoveryCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        result = sign_in_attempt(
            email=user.email,
            ip=sign_in.client_ip(request),
            stage=SignInAttempt.Stage.RECOVERY_CODE,
            check=lambda: services.recovery_code_use(user=user, code=form.cleaned_data["recovery_code"]),
        )
        if result == SignInAttempt.Result.SUCCEEDED:
            next_url = sign_in.pending_next(request)
            sign_in.complete(request, user, verified=True)
            left = services.recovery_codes_left(user=user)
            if left <= FEW_RECOVERY_CODES:
                messages.warning(
                    request,
                    ngettext(
                        "You have %(left)s recovery code left. "
                        "Make new ones from your account's two-factor authentication page.",
                        "You have %(left)s recovery codes left. "
                        "Make new ones from your account's two-factor authentication page.",
                        left,
                    )
                    % {"left": left},
                )
            return HttpResponseRedirect(next_url)
        form.add_check_error(result)
        status = TOO_MANY_REQUESTS if refused(form) else 200
    return _render(request, "accounts/sign_in_recovery_code.html", {"form": form}, status)


@require_safe
@login_required
def two_factor(request):
    """Two-factor authentication for your own account: on or off, and recovery codes."""
    confirmed = _confirmed(request.user)
    return _render(
        request,
        "accounts/two_factor.html",
        {
            "two_factor": confirmed,
            "required": two_factor_required(request.user),
            "codes_left": services.recovery_codes_left(user=request.user) if confirmed else 0,
        },
    )


def _qr_svg(uri: str) -> str:
    svg = segno.make(uri, error="m").svg_inline(
        scale=4, border=4, dark="#0b0c0c", light="#ffffff", svgclass="dw-qr", lineclass=None
    )
    label = _("QR code to scan with your authenticator app. The key below it holds the same information.")
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1))  # noqa: S308


@sensitive_post_parameters("code")
@never_cache
def two_factor_set_up(request):
    """Set up an authenticator app: from your account, or while signing in when your role needs it."""
    signing_in = not request.user.is_authenticated
    user = sign_in.pending_user(request, sign_in.SET_UP) if signing_in else request.user
    if user is None:
        return redirect_to_login(request.get_full_path())
    if _confirmed(user):
        messages.info(request, _("Two-factor authentication is already on."))
        return redirect("accounts:sign-in" if signing_in else "accounts:two-factor")
    pending = services.two_factor_start(user=user)
    form = CodeForm(request.POST or None, button=_("Turn on two-factor authentication"))
    status = 200
    if request.method == "POST" and form.is_valid():
        checked = {}

        def code_is_right() -> bool:
            code = form.cleaned_data["code"]
            checked["result"], checked["codes"] = services.two_factor_confirm(user=user, code=code)
            return checked["result"] == CodeCheck.OK

        if signing_in:
            result = sign_in_attempt(
                email=user.email,
                ip=sign_in.client_ip(request),
                stage=SignInAttempt.Stage.CODE,
                check=code_is_right,
            )
        else:
            result = SignInAttempt.Result.SUCCEEDED if code_is_right() else SignInAttempt.Result.FAILED
        if result == SignInAttempt.Result.SUCCEEDED:
            if signing_in:
                next_url = sign_in.pending_next(request)
                sign_in.complete(request, user, verified=True)
            else:
                request.session[sign_in.VERIFIED] = True
                next_url = reverse("accounts:two-factor")
            # Shown in this response only: the codes are kept nowhere but as hashes.
            return _render(
                request,
                "accounts/two_factor_recovery_codes.html",
                {"codes": checked["codes"], "next_url": next_url, "turned_on": True},
            )
        form.add_check_error(checked.get("result", result))
        status = TOO_MANY_REQUESTS if refused(form) else 200
    uri = totp.provisioning_uri(secret=pending.secret, account=user.email, issuer=settings.SERVICE_NAME)
    context = {
        "form": form,
        "signing_in": signing_in,
        "required": two_factor_required(user),
        "secret": totp.grouped(pending.secret),
        "uri": uri,
        "qr_svg": _qr_svg(uri),
    }
    return _render(request, "accounts/two_factor_set_up.html", context, status)


@require_POST
@login_required
@never_cache
def two_factor_recovery_codes(request):
    """Ten new recovery codes; the old ones stop working."""
    confirmed = get_object_or_404(TwoFactor.objects.exclude(confirmed_at=None), user=request.user)
    codes = services.recovery_codes_replace(two_factor=confirmed)
    return _render(
        request,
        "accounts/two_factor_recovery_codes.html",
        {"codes": codes, "next_url": reverse("accounts:two-factor"), "turned_on": False},
    )


@sensitive_post_parameters("password")
@login_required
@never_cache
def two_factor_turn_off(request):
    if two_factor_required(request.user):
        raise PermissionDenied
    if not _confirmed(request.user):
        return redirect("accounts:two-factor")
    form = TurnOffForm(request.POST or None, request=request)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.two_factor_turn_off(user=request.user)
            messages.success(request, _("Two-factor authentication is off."))
            return redirect("accounts:two-factor")
        status = TOO_MANY_REQUESTS if refused(form) else 200
    return _render(request, "accounts/two_factor_turn_off.html", {"form": form}, status)


@require_safe
@login_required
def account_home(request):
    """Where signing in leads: each kind of user's own starting page."""
    user = request.user
    if user.is_council_officer:
        return redirect("council:home")
    if user.provider_memberships.exists():
        return redirect("providers:list")
    if user.role in {User.Role.CITIZEN, User.Role.CARER, User.Role.SOCIAL_WORKER}:
        return redirect("citizens:list")
    return redirect("home")
