"""Stable Open Referral UK identifiers.

Listings, providers and venues carry their own UUID (a column). Everything else ORUK wants an
identifier for (taxonomy terms, schedules, cost options, addresses…) gets a name-based UUID
(RFC 4122 version 5) derived from what it is, so the same thing has the same identifier in
every response, every export and after a round trip through `import_oruk`.
"""

import uuid

# Daywell's own namespace (a fixed random UUID): never change it, or every derived id changes.
NAMESPACE = uuid.UUID("5b0e4f8a-7d1c-4c35-9a0e-2f6d8b1c3e57")


def derived(*parts) -> str:
    """The UUID for a thing named by its parts, as a string: derived("interest", "gardening")."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def is_uuid(text) -> bool:
    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True
