from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models


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
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in. People sign in with their email address."""

    class Role(models.TextChoices):
        CITIZEN = "citizen", "Citizen"
        CARER = "carer", "Carer or family member"
        SOCIAL_WORKER = "social_worker", "Social worker"
        PROVIDER = "provider", "Provider"
        COUNCIL_OFFICER = "council_officer", "Council officer"

    username = None
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CITIZEN)

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
