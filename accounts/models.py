from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
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
    full_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CITIZEN)
    officer_roles = ArrayField(
        models.CharField(max_length=20, choices=OfficerRole.choices),
        default=list,
        blank=True,
        help_text=_("Only for council officers. Each role opens its own part of the council workspace."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

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

    email_key = models.CharField(max_length=64)
    ip = models.GenericIPAddressField(null=True, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    result = models.CharField(max_length=20, choices=Result.choices)
    attempted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-attempted_at"]
        indexes = [
            models.Index(fields=["email_key", "attempted_at"], name="signin_email_time"),
            models.Index(fields=["ip", "attempted_at"], name="signin_ip_time"),
            models.Index(fields=["attempted_at"], name="signin_time"),
        ]

    def __str__(self):
        return f"{self.get_stage_display()} {self.result} at {self.attempted_at:%Y-%m-%d %H:%M:%S}"


class TwoFactor(models.Model):
    """Someone's authenticator app: the shared secret, and the last 30-second step whose code was
    used, so that no code works twice. Unconfirmed until the person has typed one code from it."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="two_factor")
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_used_step = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("two-factor authentication")
        verbose_name_plural = _("two-factor authentication")

    def __str__(self):
        state = "on" if self.confirmed_at else "being set up"
        return f"Two-factor authentication for {self.user} ({state})"


class RecoveryCode(models.Model):
    """A one-time code for when the phone is lost. Only its SHA-256 is kept."""

    two_factor = models.ForeignKey(TwoFactor, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["two_factor", "code_hash"], name="recovery_code_unique"),
        ]

    def __str__(self):
        return f"Recovery code {'used' if self.used_at else 'unused'} for {self.two_factor.user}"
