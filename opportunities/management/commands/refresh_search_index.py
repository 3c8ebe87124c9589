import time

from django.core.management.base import BaseCommand

from opportunities.search_index import opportunity_index_refresh


class Command(BaseCommand):
    help = "Recompute every opportunity's search facts and the spelling vocabulary. Safe to run any time."

    def handle(self, *args, **options):
        started = time.monotonic()
        count = opportunity_index_refresh()
        self.stdout.write(
            f"Search index: refreshed {count:,} opportunities in {time.monotonic() - started:.1f}s."
        )
