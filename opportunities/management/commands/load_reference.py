from django.core.management.base import BaseCommand

from guidance.services import guidance_pages_ensure
from opportunities.services import reference_terms_load
from places.services import geography_load


class Command(BaseCommand):
    help = "Load the council's reference data: geography and taxonomies. Safe to run again."

    def handle(self, *args, **options):
        geography = geography_load()
        terms = reference_terms_load()
        pages = guidance_pages_ensure()
        terms["new information pages"] = pages.created
        terms["information pages brought up to date"] = pages.updated
        self.stdout.write(
            f"Reference data: {geography.constituencies} constituencies, {geography.wards} wards, "
            f"{geography.postcodes:,} postcodes, {geography.outcodes:,} outcodes, "
            + ", ".join(f"{count} {name}" for name, count in terms.items())
            + "."
        )
