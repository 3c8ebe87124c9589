"""manage.py export_oruk PATH: the whole directory as Open Referral UK JSON.

Writes PATH/organizations.json (every provider, with all its venues) and PATH/services.json
(every listing, whatever its status), each an ORUK list page of full records. Each page also
carries a `daywell_export` key beside ORUK's paging fields, which tells import_oruk that the ids
in it are Daywell's own (so reading it back into the same database updates, never duplicates).
`import_oruk PATH --publish` reads the folder back into an empty database with nothing lost
(tests/oruk/test_round_trip.py)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from opportunities.models import Opportunity
from providers.models import Provider

EXPORT_MARKER = "daywell_export"
EXPORT_VERSION = 1


def page(contents: list, *, exported_at=None) -> dict:
    """One ORUK list page holding everything, marked as Daywell's own export."""
    return {
        EXPORT_MARKER: {
            "version": EXPORT_VERSION,
            "exported_at": timezone.localtime(exported_at or timezone.now()).isoformat(),
        },
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


def export_directory(path: Path) -> tuple[int, int]:
    """Write the two files; returns (providers, listings) written."""
    from oruk.serialize import location, organization_full, service_full, services_queryset

    path.mkdir(parents=True, exist_ok=True)
    providers = [
        organization_full(provider, locations=[location(venue) for venue in provider.venues.all()])
        for provider in Provider.objects.order_by("pk").prefetch_related("venues__features")
    ]
    services = [
        service_full(opportunity, export=True)
        for opportunity in services_queryset(Opportunity.objects.order_by("pk"))
    ]
    exported_at = timezone.now()
    for name, contents in (("organizations.json", providers), ("services.json", services)):
        with open(path / name, "w", encoding="utf-8") as handle:
            json.dump(
                page(contents, exported_at=exported_at),
                handle,
                cls=DjangoJSONEncoder,
                ensure_ascii=False,
                indent=1,
            )
    return len(providers), len(services)


class Command(BaseCommand):
    help = "Write every provider and every listing as Open Referral UK JSON into the folder PATH."

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="A folder (made if missing).")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if path.exists() and not path.is_dir():
            raise CommandError(f"{path} is a file: give a folder.")
        try:
            providers, listings = export_directory(path)
        except OSError as error:
            raise CommandError(f"Could not write to {path}: {error}") from error
        self.stdout.write(f"Wrote {providers} providers to {path / 'organizations.json'}.")
        self.stdout.write(f"Wrote {listings} listings to {path / 'services.json'}.")
