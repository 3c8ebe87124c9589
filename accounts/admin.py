from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from .models import SignInAttempt, TwoFactor, User


class UserChangeForm(BaseUserChangeForm):
    """The admin's form for an account, with an officer's roles as tick boxes."""

    officer_roles = forms.MultipleChoiceField(
        choices=User.OfficerRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=User._meta.get_field("officer_roles").help_text,
    )

    class Meta(BaseUserChangeForm.Meta):
        model = User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChangeForm
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "officer_roles", "is_staff", "is_active"]
    list_filter = ["role", "is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal details", {"fields": ("full_name", "role", "officer_roles")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "role", "password1", "password2")}),
    )


@admin.register(TwoFactor)
class TwoFactorAdmin(admin.ModelAdmin):
    """Officers can see who uses two-factor authentication and delete it for someone who has lost
    their phone and their recovery codes (they set it up again at their next sign-in). The secret
    is never shown."""

    list_display = ["user", "confirmed_at", "created_at"]
    search_fields = ["user__email", "user__full_name"]
    fields = ["user", "created_at", "confirmed_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SignInAttempt)
class SignInAttemptAdmin(admin.ModelAdmin):
    """Read only: the evidence of the last day's sign-in attempts."""

    list_display = ["attempted_at", "stage", "result", "ip"]
    list_filter = ["result", "stage"]
    search_fields = ["ip"]
    date_hierarchy = "attempted_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def admin_sign_in(request, extra_context=None):
    """The admin's own login form would skip the sign-in limit and two-factor authentication, so
    everyone signs in through the one sign-in page."""
    if request.user.is_authenticated:
        raise PermissionDenied  # signed in, but not allowed in the admin
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


# Read by admin.site.get_urls(), which runs after every admin.py is imported.
admin.site.login = admin_sign_in
