import datetime

from django.core.management.base import BaseCommand, CommandError

from opportunities.freshness import freshness_notices_send


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class Command(BaseCommand):
    help = (
        "Remind providers of listings not checked for six months and hide from search those not "
        "checked for a year. Safe to run daily, or more often: nothing is sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.datetime.strptime(options["date"], "%Y-%m-%d").date()
            except ValueError:
                raise CommandError(
                    f"--date must be a real date written as YYYY-MM-DD, like 2025-03-31, "
                    f"not {options['date']!r}."
                ) from None
        counts = freshness_notices_send(today=today)
        self.stdout.write(
            f"Sent {_plural(counts['reminded'], 'reminder')}; "
            f"hid {_plural(counts['hidden'], 'listing')} not checked for a year."
        )
        if counts["failed"]:
            # A non-zero exit, so that whatever runs the command daily notices.
            raise CommandError(
                f"Could not handle {_plural(counts['failed'], 'listing')}; see the log. "
                "They will be tried again on the next run."
            )
