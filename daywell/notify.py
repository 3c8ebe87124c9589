"""Email through Django's email backend (console in development, SMTP when configured).

Each message is a template in templates/emails/: the first line is the subject, the rest the
body. A failure to send is logged, never raised: the change that caused the email is saved
whatever happens to the message. (Unless the caller asks with `fail_silently=False`: a reminder
that is only recorded once sent needs to know.)
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def email_send(*, to: Iterable[str], template: str, context: dict, fail_silently: bool = True) -> int:
    recipients = sorted({address.strip().lower() for address in to if address and address.strip()})
    if not recipients:
        return 0
    # In the site's language, not the sender's: the reader is someone else (a provider, an officer),
    # and nobody has a stored language yet.
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(
            f"emails/{template}.txt",
            {"SITE_URL": settings.SITE_URL, "SERVICE_NAME": settings.SERVICE_NAME, **context},
        )
    subject, _, body = text.strip().partition("\n")
    try:
        return send_mail(subject.strip(), body.strip() + "\n", None, recipients)
    except Exception:  # noqa: BLE001 (the mail server's trouble must not undo the user's work)
        logger.exception("Could not send the %s email", template)
        if not fail_silently:
            raise
        return 0


def provider_addresses(provider) -> list[str]:
    """Everyone who acts for the provider, and the provider's own address."""
    members = provider.memberships.filter(user__is_active=True).values_list("user__email", flat=True)
    return [*members, provider.email]


def council_addresses() -> list[str]:
    """Where news for the council's moderators goes: each active moderator, and the shared inbox.
    (Officers with only other roles are not sent listings, reports or checks to act on.)"""
    User = get_user_model()
    officers = User.objects.filter(
        role=User.Role.COUNCIL_OFFICER, is_active=True, officer_roles__contains=[User.OfficerRole.MODERATOR]
    ).values_list("email", flat=True)
    return [*officers, settings.COUNCIL_REVIEW_EMAIL]
