"""oruk.readers: files, folders, paged ORUK endpoints, and the adapters' formats."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command

from opportunities.models import Opportunity
from oruk import readers
from oruk.errors import RecordError
from oruk.importer import import_records, import_services
from oruk.readers import ReadError, read, services_url
from providers.models import Provider

FIXTURES = Path(__file__).parent / "fixtures"
BUCKS = Path("/work/shared/data/directories/buckinghamshire_outpost/bucks_services_sample.json")


def test_the_validators_test_list_is_read_and_imported(db):
    path = FIXTURES / "validator_test_service_list.json"
    records = list(read(path))

    contents = json.loads(path.read_text())["contents"]
    assert len(records) == len(contents) == 128  # the page says total_items 31, and holds 128
    assert records[0][0] == "validator_test_service_list.json item 1 (id ac148810…)"
    report = import_services(records, source="validator")
    # Every item has the same id: one listing, made by the first item, updated or unchanged after.
    assert report.read == 128
    assert report.created["listings"] == 1
    assert (
        report.created["listings"]
        + report.updated["listings"]
        + report.unchanged["listings"]
        + report.skipped
        == 128
    )
    assert Opportunity.objects.filter(uuid="ac148810-d857-441c-9679-408f346de14b").count() == 1
    assert all(problem.field for problem in report.problems)


def test_the_uk_profile_examples_are_read(db):
    (label, item), *rest = read(FIXTURES / "uk_profile_service_full.json")
    assert not rest and label == "uk_profile_service_full.json"
    report = import_services([(label, item)], source="uk-profile")
    # The example's location has latitude 100: the record is reported, not imported.
    assert [p.field for p in report.problems] == ["service_at_locations[0].location.latitude"]
    assert Opportunity.objects.count() == 0

    listed = list(read(FIXTURES / "uk_profile_service_list.json"))
    assert len(listed) == 1
    report = import_services(listed, source="uk-profile")
    assert report.created["listings"] == 1 and report.created["providers"] == 1

    organizations = list(read(FIXTURES / "uk_profile_organization_full.json"))
    report = import_records(organizations, source="uk-profile-orgs")
    assert report.problems == [] and report.read == 1
    assert Provider.objects.filter(name="Example Organization Inc.").exists()


def test_a_folder_is_read_in_name_order_and_a_bad_file_reported(tmp_path):
    (tmp_path / "b.json").write_text(json.dumps({"contents": [{"id": "2", "name": "Two"}]}))
    (tmp_path / "a.json").write_text(json.dumps([{"id": "1", "name": "One"}]))
    (tmp_path / "c.json").write_text("{not json")
    (tmp_path / "notes.txt").write_text("ignored")

    records = list(read(tmp_path))

    assert [label for label, _ in records] == ["a.json item 1 (id 1)", "b.json item 1 (id 2)", "c.json"]
    assert isinstance(records[2][1], RecordError)
    assert "not valid JSON" in records[2][1].reason


def test_a_missing_path_or_unknown_format_is_a_clear_error(tmp_path):
    with pytest.raises(ReadError, match="does not exist"):
        list(read(tmp_path / "nothing.json"))
    with pytest.raises(ReadError, match="Unknown format"):
        list(read(tmp_path, format="xml"))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{not json", "is not valid JSON (line 1: Expecting property name"),
        # json.loads raises a plain ValueError (no line) for a number over 4,300 digits.
        ('{"a": ' + "1" * 5000 + "}", "a number in it is too long"),
        ("[" * 100_000 + "]" * 100_000, "it is nested too deeply"),
    ],
)
def test_a_file_json_cannot_read_is_a_clear_error(tmp_path, text, words):
    path = tmp_path / "feed.json"
    path.write_text(text)
    with pytest.raises(ReadError, match="^feed.json ") as raised:
        list(read(path))
    assert words in str(raised.value)


def test_the_command_says_why_it_could_not_read_a_file(db, tmp_path, capsys):
    path = tmp_path / "feed.json"
    path.write_text('{"a": ' + "1" * 5000 + "}")
    with pytest.raises(CommandError, match="Nothing could be read"):
        call_command("import_oruk", str(path))
    assert "feed.json is not valid JSON that Daywell can read" in capsys.readouterr().err


def test_services_url_finds_the_services_endpoint():
    assert services_url("http://h/api/oruk/") == ("http://h/api/oruk/services", None)
    assert services_url("http://h/api/oruk/services?per_page=5") == ("http://h/api/oruk/services", None)
    assert services_url("http://h/api/oruk/services/abc") == ("http://h/api/oruk/services", "abc")


# --- A paged endpoint served from a thread -----------------------------------------------------------
def _full(number: int) -> dict:
    return {
        "id": f"00000000-0000-4000-8000-00000000000{number}",
        "name": f"Service {number}",
        "status": "active",
        "organization": {"id": "org-1", "name": "Feed organisation", "description": ""},
        "schedules": [
            {"id": "s", "freq": "WEEKLY", "byday": "FR", "opens_at": "09:00", "closes_at": "11:00"}
        ],
    }


class _Feed(BaseHTTPRequestHandler):
    pages = {1: [1, 2], 2: [3]}
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.requests.append(self.path)
        parts = urlsplit(self.path)
        if parts.path == "/api/services":
            page = int(parse_qs(parts.query).get("page", ["1"])[0])
            brief = [{"id": _full(n)["id"], "name": _full(n)["name"]} for n in self.pages.get(page, [])]
            body = {"total_items": 3, "total_pages": 2, "page_number": page, "contents": brief}
        elif parts.path.startswith("/api/services/"):
            number = int(parts.path[-1])
            body = _full(number)
        else:
            self.send_error(404)
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Feed.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}/api"
    server.shutdown()
    server.server_close()


def test_a_paged_endpoint_is_followed_and_full_services_fetched(db, feed):
    records = list(read(feed))

    assert [item["name"] for _, item in records] == ["Service 1", "Service 2", "Service 3"]
    assert all("schedules" in item for _, item in records)  # each fetched from /services/{id}
    assert "/api/services?page=2" in _Feed.requests
    report = import_services(records, source="local-feed", publish=True)
    assert report.created["listings"] == 3
    assert Opportunity.objects.get(title="Service 3").sessions.get().weekday == 4


class _Odd(BaseHTTPRequestHandler):
    """A server that answers every request with `answer(path)`: (status, body bytes)."""

    answer = staticmethod(lambda path: (404, b""))
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.requests.append(self.path)
        status, data = self.answer(self.path)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def odd():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Odd)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Odd.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}/api"
    server.shutdown()
    server.server_close()


def test_a_server_that_ignores_page_is_read_once_not_ten_thousand_times(db, odd, monkeypatch):
    page = {"total_items": 20000, "total_pages": 10000, "contents": [_full(1), _full(2)]}
    monkeypatch.setattr(_Odd, "answer", staticmethod(lambda path: (200, json.dumps(page).encode())))

    report = import_services(read(odd), source="odd-feed")

    assert _Odd.requests == ["/api/services?page=1", "/api/services?page=2"]
    assert report.created["listings"] == 2  # what page 1 held is kept
    assert "sent the same services as page 1" in report.read_error


def test_an_empty_page_ends_the_reading_whatever_total_pages_says(db, odd, monkeypatch):
    def answer(path):
        contents = [_full(1)] if path.endswith("page=1") else []
        return 200, json.dumps({"total_pages": 10000, "contents": contents}).encode()

    monkeypatch.setattr(_Odd, "answer", staticmethod(answer))

    records = list(read(odd))

    assert [item["name"] for _, item in records] == ["Service 1"]
    assert _Odd.requests == ["/api/services?page=1", "/api/services?page=2"]


def test_an_answer_too_big_is_a_clear_error_without_reading_it_all(odd, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 1024 * 1024)
    body = json.dumps({"contents": ["x" * (1024 * 1024)]}).encode()
    monkeypatch.setattr(_Odd, "answer", staticmethod(lambda path: (200, body)))

    with pytest.raises(ReadError, match="/api/services.page=1 answered with more than 1MB"):
        list(read(odd))


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b'{"contents": [' + b"1" * 5000 + b"]}", "a number in it is too long"),
        (b"[" * 100_000 + b"]" * 100_000, "it is nested too deeply"),
        (b"<html>", "did not answer with JSON"),
    ],
)
def test_an_answer_json_cannot_read_is_a_clear_error(odd, monkeypatch, body, words):
    monkeypatch.setattr(_Odd, "answer", staticmethod(lambda path: (200, body)))

    with pytest.raises(ReadError, match="/api/services") as raised:
        list(read(odd))
    assert words in str(raised.value)


def test_an_unreachable_endpoint_is_a_clear_error():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    port = server.server_address[1]
    server.server_close()  # nothing listens there now

    with pytest.raises(ReadError, match="could not be reached"):
        list(read(f"http://127.0.0.1:{port}/api/services"))


# --- The adapters' formats, when they are there -------------------------------------------------------
@pytest.mark.skipif(not BUCKS.exists(), reason="the Buckinghamshire sample is not here")
def test_outpost_records_are_read_through_the_adapter(db):
    pytest.importorskip("oruk.outpost")

    records = list(read(BUCKS))

    assert len(records) == 20
    report = import_services(records, source="bucks-outpost")
    assert report.created["listings"] + report.skipped == 20
    assert report.created["listings"] > 0


def test_a_csv_file_is_read_through_the_adapter(db, tmp_path):
    csv_format = pytest.importorskip("oruk.csv_format")
    template = getattr(csv_format, "template_csv", None)
    if template is None:
        pytest.skip("oruk.csv_format has no template_csv")
    path = tmp_path / "upload.csv"
    path.write_text(template(), encoding="utf-8")

    records = list(read(path))

    assert records  # the template's example rows
    assert all(label.startswith("upload.csv") for label, _ in records)
