import datetime

from django.core.management.base import BaseCommand, CommandError

from providers.checks import WARNING_DAYS, check_reminders_send


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class Command(BaseCommand):
    help = (
        f"Remind providers and the council of insurance and DBS checks that run out in the next "
        f"{WARNING_DAYS} days, and of those that have run out. Safe to run daily, or more often: "
        "nothing is sent twice."
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
        counts = check_reminders_send(today=today)
        self.stdout.write(
            f"Sent {_plural(counts['expiring'], 'reminder')} of checks running out soon and "
            f"{_plural(counts['lapsed'], 'reminder')} of checks that have run out."
        )
        if counts["failed"]:
            # A non-zero exit, so that whatever runs the command daily notices.
            raise CommandError(
                f"Could not send {_plural(counts['failed'], 'reminder')}; see the log. "
                "They will be tried again on the next run."
            )
