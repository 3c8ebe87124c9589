"""Production settings really serve the site: gunicorn, hashed static files, security headers."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db


def database_url() -> str:
    db = connection.settings_dict
    host = db["HOST"] or ""
    if host.startswith("/"):  # the embedded server's Unix socket
        return f"postgresql://{quote(db['USER'])}@/{db['NAME']}?host={quote(host)}"
    auth = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgresql://{auth}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def production_server(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 64,
        "ALLOWED_HOSTS": "daywell.example.org",
        "DATABASE_URL": database_url(),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        timeout=120,
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "daywell.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    server.terminate()
    _, errors = server.communicate(timeout=10)
    print(errors.decode()[-3000:])


def test_production_settings_serve_pages_and_hashed_static_files(production_server):
    behind_proxy = {"Host": "daywell.example.org", "X-Forwarded-Proto": "https"}
    status, headers, html = fetch(production_server + "/", behind_proxy)
    assert status == 200
    assert "Find things to do" in html
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Frame-Options"] == "DENY"

    css_path = html.split('rel="stylesheet" href="')[1].split('"')[0]
    assert css_path.startswith("/static/css/daywell.") and css_path != "/static/css/daywell.css"
    status, headers, _ = fetch(production_server + css_path, behind_proxy)
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]

    status, _, html = fetch(production_server + "/no-such-page/", behind_proxy)
    assert status == 404
    assert "Page not found" in html


def test_production_refuses_unknown_hosts_and_redirects_plain_http(production_server):
    status, _, _ = fetch(production_server + "/", {"Host": "evil.example.com", "X-Forwarded-Proto": "https"})
    assert status == 400
    request = urllib.request.Request(production_server + "/", headers={"Host": "daywell.example.org"})
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=10)
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"] == "https://daywell.example.org/"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
