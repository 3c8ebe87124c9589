"""`manage.py seed_demo`: load the demo providers, opportunities and accounts. Safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from daywell.demo import DEFAULT_COUNT, DEMO_SEED, DemoDataError, demo_seed


class Command(BaseCommand):
    help = (
        "Load demo providers, venues, opportunities and one demo account for each role. "
        "Deterministic and safe to run again: nothing that exists is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count",
            type=int,
            default=DEFAULT_COUNT,
            help=f"How many opportunities to create (default {DEFAULT_COUNT}). "
            "Large counts (100000) are for benchmarks; providers scale with them.",
        )
        parser.add_argument(
            "--seed", type=int, default=DEMO_SEED, help="Random seed (default: the demo's own)."
        )

    def handle(self, *args, count, seed, **options):
        if count < 0:
            raise CommandError("--count must be 0 or more.")
        try:
            demo_seed(count=count, seed=seed, stdout=self.stdout)
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
