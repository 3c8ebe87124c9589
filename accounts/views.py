from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from .forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    next_page = "home"


@require_safe
@login_required
def account_home(request):
    """Where signing in leads: each kind of user's own starting page."""
    user = request.user
    if user.is_council_officer:
        return redirect("council:queue")
    if user.provider_memberships.exists():
        return redirect("providers:list")
    return redirect("home")
