"""`make run`: get the database ready, load reference and demo data, and serve the site."""

import fcntl
import os
import socket

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.utils import OperationalError

from daywell.demo import DEMO_ACCOUNTS


class Command(BaseCommand):
    help = "Migrate, load reference and demo data, print the demo accounts and serve the site."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-demo", action="store_true", help="Do not load the demo data.")

    def handle(self, *args, port, no_demo, **options):
        if os.environ.get("RUN_MAIN") == "true":
            # The autoreloader's child process: the parent has already done the set-up.
            call_command("runserver", f"127.0.0.1:{port}")
            return

        self._hold_lock()
        self._check_port_free(port)
        try:
            connection.ensure_connection()
        except OperationalError as exc:
            raise CommandError(f"Cannot reach the database: {_first_line(exc)}") from exc

        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database is up to date.")
        call_command("load_reference", stdout=self.stdout)
        if not no_demo:
            call_command("seed_demo", stdout=self.stdout)
            self._print_accounts()
        self.stdout.write(self.style.SUCCESS(f"Daywell is at http://127.0.0.1:{port}/ (Ctrl-C to stop)"))
        call_command("runserver", f"127.0.0.1:{port}")

    def _hold_lock(self):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        # Kept open for the life of the process; the lock is released when it exits.
        self._lock = open(settings.DATA_DIR / "run.lock", "w")  # noqa: SIM115
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise CommandError(
                "Daywell is already running from this folder (another 'make run'). "
                "Use that one, or stop it with Ctrl-C first."
            ) from exc

    def _check_port_free(self, port):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError as exc:
                raise CommandError(
                    f"Port {port} is already in use, perhaps by another Daywell. "
                    f"Stop that program, or choose another port: make run PORT={port + 1}"
                ) from exc

    def _print_accounts(self):
        self.stdout.write("\nDemo accounts (sign in at /admin/ for the council officer):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.role_label:<18} {account.email:<38} password: {account.password}")
        self.stdout.write("")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__
