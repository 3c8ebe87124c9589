"""`make run` explains what is wrong in one line instead of a traceback."""

import fcntl
import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://user@localhost/daywell", "DATABASE_URL must be a PostgreSQL URL"),
        ("postgres://user:pass@host:notaport/daywell", "DATABASE_URL could not be read"),
    ],
)
def test_a_malformed_database_url_is_explained_in_one_line(url, message):
    result = manage("check", DATABASE_URL=url)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unreachable_database_is_explained_in_one_line():
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    result = manage("migrate", DATABASE_URL=f"postgres://daywell:secret@127.0.0.1:{port}/daywell")
    assert result.returncode == 1
    assert "cannot use the database" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_port_in_use_is_explained(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(CommandError, match=f"Port {port} is already in use.*PORT={port + 1}"):
            call_command("start", port=port)


def test_a_second_make_run_is_explained(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    with open(tmp_path / "run.lock", "w") as first_run:
        fcntl.flock(first_run, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(CommandError, match="already running"):
            call_command("start", port=0)
