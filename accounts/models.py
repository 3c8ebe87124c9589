from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is needed")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", User.Role.COUNCIL_OFFICER)
        extra_fields.setdefault("officer_roles", list(User.OfficerRole.values))
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in. People sign in with their email address."""

    class Role(models.TextChoices):
        CITIZEN = "citizen", _("Citizen")
        CARER = "carer", _("Carer or family member")
        SOCIAL_WORKER = "social_worker", _("Social worker")
        PROVIDER = "provider", _("Provider")
        COUNCIL_OFFICER = "council_officer", _("Council officer")

    class OfficerRole(models.TextChoices):
        """What a council officer may do. Each is separate: an officer holds only the ones their
        job needs, and every council page is denied to officers without its role."""

        MODERATOR = "moderator", _("Moderator: listings, organisations and provider checks")
        SAFEGUARDING = "safeguarding", _("Safeguarding: concerns about adults")
        COMMISSIONING = "commissioning", _("Commissioning: supply, demand and gaps")

    username = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CITIZEN)
    officer_roles = ArrayField(
        models.CharField(max_length=20, choices=OfficerRole.choices),
        verbose_name=_("officer roles"),
        default=list,
        blank=True,
        help_text=_("Only for council officers. Each role opens its own part of the council workspace."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    @property
    def is_council_officer(self) -> bool:
        return self.role == self.Role.COUNCIL_OFFICER

    def has_officer_role(self, officer_role: str) -> bool:
        return self.is_active and self.is_council_officer and officer_role in self.officer_roles


class SignInAttempt(models.Model):
    """One try at signing in: a password, a code from an app or a recovery code. Kept for a day so
    that sign-in can be limited across every app server. Holds no email address (only a keyed
    SHA-256 of it) and never what was typed."""

    class Stage(models.TextChoices):
        PASSWORD = "password", _("Password")
        CODE = "code", _("Code from an authenticator app")
        RECOVERY_CODE = "recovery_code", _("Recovery code")

    class Result(models.TextChoices):
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        REFUSED = "refused", _("Refused: too many failures")

    email_key = models.CharField(_("email key"), max_length=64)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    attempted_at = models.DateTimeField(_("attempted at"), default=timezone.now)

    class Meta:
        ordering = ["-attempted_at"]
        verbose_name = _("sign-in attempt")
        verbose_name_plural = _("sign-in attempts")
        indexes = [
            models.Index(fields=["email_key", "attempted_at"], name="signin_email_time"),
            models.Index(fields=["ip", "attempted_at"], name="signin_ip_time"),
            models.Index(fields=["attempted_at"], name="signin_time"),
        ]

    def __str__(self):
        return gettext("%(stage)s %(result)s at %(time)s") % {
            "stage": self.get_stage_display(),
            "result": self.result,
            "time": f"{self.attempted_at:%Y-%m-%d %H:%M:%S}",
        }


class TwoFactor(models.Model):
    """Someone's authenticator app: the shared secret, and the last 30-second step whose code was
    used, so that no code works twice. Unconfirmed until the person has typed one code from it."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="two_factor", verbose_name=_("user")
    )
    secret = models.CharField(_("secret"), max_length=64)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    last_used_step = models.BigIntegerField(_("last used step"), null=True, blank=True)

    class Meta:
        verbose_name = _("two-factor authentication")
        verbose_name_plural = _("two-factor authentication")

    def __str__(self):
        if self.confirmed_at:
            return gettext("Two-factor authentication for %(user)s (on)") % {"user": self.user}
        return gettext("Two-factor authentication for %(user)s (being set up)") % {"user": self.user}


class RecoveryCode(models.Model):
    """A one-time code for when the phone is lost. Only its SHA-256 is kept."""

    two_factor = models.ForeignKey(
        TwoFactor,
        on_delete=models.CASCADE,
        related_name="recovery_codes",
        verbose_name=_("two-factor authentication"),
    )
    code_hash = models.CharField(_("code hash"), max_length=64)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        constraints = [
            models.UniqueConstraint(fields=["two_factor", "code_hash"], name="recovery_code_unique"),
        ]

    def __str__(self):
        if self.used_at:
            return gettext("Recovery code used for %(user)s") % {"user": self.two_factor.user}
        return gettext("Recovery code unused for %(user)s") % {"user": self.two_factor.user}
