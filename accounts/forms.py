import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from .models import SignInAttempt
from .services import CodeCheck, normalise_recovery_code, sign_in_attempt
from .sign_in import client_ip

TOO_MANY_ATTEMPTS = "too_many_attempts"
CODE_WRONG = _("That code did not work. Enter the newest code from your authenticator app")
CODE_REUSED = _("That code has already been used. Wait for your app to show a new code, then enter it")


def too_many_attempts_message() -> str:
    return _("Too many attempts to sign in. Wait %(minutes)s minutes and try again, or phone %(phone)s.") % {
        "minutes": settings.SIGN_IN_LOCK_MINUTES,
        "phone": settings.ADULT_SOCIAL_CARE_PHONE,
    }


def refused(form: forms.Form) -> bool:
    """The form was turned down by the sign-in limit (the page answers 429 Too Many Requests)."""
    return form.has_error(NON_FIELD_ERRORS, TOO_MANY_ATTEMPTS) or any(
        form.has_error(name, TOO_MANY_ATTEMPTS) for name in form.fields
    )


class SignInForm(AuthenticationForm):
    """Email and password, with GOV.UK wording for every mistake, and a limit on wrong guesses."""

    error_messages = {
        "invalid_login": _("Enter a correct email address and password. Both are case-sensitive."),
        "inactive": _("This account has been closed. Phone adult social care if you need it back."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false"}
        )
        self.fields["username"].error_messages["required"] = _("Enter your email address")
        self.fields["password"].error_messages["required"] = _("Enter your password")
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the <form>
        self.helper.layout = Layout(
            Field.text("username", field_width=20),
            Field.text("password", field_width=20),
            Button("submit", _("Sign in")),
        )

    def clean(self):
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not email or not password:
            return self.cleaned_data

        def password_is_right() -> bool:
            self.user_cache = authenticate(self.request, username=email, password=password)
            return self.user_cache is not None

        result = sign_in_attempt(
            email=email,
            ip=client_ip(self.request) if self.request else None,
            stage=SignInAttempt.Stage.PASSWORD,
            check=password_is_right,
        )
        if result == SignInAttempt.Result.REFUSED:
            self.user_cache = None
            raise ValidationError(too_many_attempts_message(), code=TOO_MANY_ATTEMPTS)
        if result == SignInAttempt.Result.FAILED:
            raise self.get_invalid_login_error()
        self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class CodeForm(forms.Form):
    """A 6-digit code from an authenticator app. Spaces are allowed (apps show "123 456")."""

    code = forms.CharField(
        label=_("6-digit code"),
        max_length=20,
        error_messages={"required": _("Enter the 6-digit code from your authenticator app")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "autocapitalize": "off",
            }
        ),
    )

    def __init__(self, *args, button: str = "Continue", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.text("code", field_width=5), Button("submit", button))

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"[0-9]{6}", code):
            raise ValidationError(_("Enter the 6 numbers from your authenticator app, like 123456"))
        return code

    def add_check_error(self, result: str) -> None:
        """Show why a code was not accepted: a CodeCheck or a SignInAttempt.Result."""
        if result == SignInAttempt.Result.REFUSED:
            self.add_error("code", ValidationError(too_many_attempts_message(), code=TOO_MANY_ATTEMPTS))
        elif result == CodeCheck.REUSED:
            self.add_error("code", ValidationError(CODE_REUSED, code="reused"))
        else:
            self.add_error("code", ValidationError(CODE_WRONG, code="wrong"))


class RecoveryCodeForm(forms.Form):
    recovery_code = forms.CharField(
        label=_("Recovery code"),
        help_text=_("A recovery code is 10 letters and numbers, like abcde-23456. Each one works once."),
        max_length=40,
        error_messages={"required": _("Enter one of your recovery codes")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.text("recovery_code", field_width=10), Button("submit", "Continue"))

    def clean_recovery_code(self) -> str:
        code = normalise_recovery_code(self.cleaned_data["recovery_code"])
        if not re.fullmatch(r"[a-z0-9]{10}", code):
            raise ValidationError(_("Enter the recovery code as it is written, like abcde-23456"))
        return code

    def add_check_error(self, result: str) -> None:
        if result == SignInAttempt.Result.REFUSED:
            message = ValidationError(too_many_attempts_message(), code=TOO_MANY_ATTEMPTS)
        else:
            message = ValidationError(
                _("That recovery code did not work. Check it, or try another one. Each code works once"),
                code="wrong",
            )
        self.add_error("recovery_code", message)


class TurnOffForm(forms.Form):
    """Asks for the password again, so someone at an unattended computer cannot turn it off."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        error_messages={"required": _("Enter your password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("password", field_width=20),
            Button("submit", _("Turn off two-factor authentication"), css_class="govuk-button--warning"),
        )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        user = self.request.user
        result = sign_in_attempt(
            email=user.email,
            ip=client_ip(self.request),
            stage=SignInAttempt.Stage.PASSWORD,
            check=lambda: user.check_password(password),
        )
        if result == SignInAttempt.Result.REFUSED:
            raise ValidationError(too_many_attempts_message(), code=TOO_MANY_ATTEMPTS)
        if result == SignInAttempt.Result.FAILED:
            raise ValidationError(_("Enter the password you use to sign in"), code="wrong")
        return password
