"""Reading ORUK records from wherever they are (`manage.py import_oruk`).

`read(path_or_url)` yields `(label, record)` pairs, where the record is a dict (an ORUK 3.0 full
service, or an organization from an organizations file) or an `oruk.errors.RecordError` for a
record that could not be read. It reads:

- a JSON file holding one full service, an ORUK list page (`{"contents": [...]}`) or a list;
- a folder of such files (and CSV files), in name order;
- an http(s) URL of an ORUK API: every page of `/services`, fetching `/services/{id}` for items
  that are not full services;
- a CSV file in Daywell's template (oruk.csv_format) and Outpost JSON (oruk.outpost).

A source that cannot be read at all raises ReadError with words for a person.
"""

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.utils.translation import gettext

from .errors import RecordError

FORMATS = ("auto", "oruk", "outpost", "csv")
TIMEOUT_SECONDS = 30
MAX_PAGES = 10_000
MAX_BYTES = 50 * 1024 * 1024  # one answer from a server; the directory's whole export is far smaller
FULL_SERVICE_KEYS = {"service_at_locations", "schedules", "cost_options", "contacts", "attributes"}


class ReadError(Exception):
    """The source as a whole cannot be read (missing, unreachable, not JSON)."""


Record = tuple[str, dict | RecordError]


def read(path_or_url, *, format: str = "auto") -> Iterator[Record]:  # noqa: A002 (the command's option)
    if format not in FORMATS:
        raise ReadError(f"Unknown format “{format}”: use one of {', '.join(FORMATS)}")
    text = str(path_or_url)
    if text.startswith(("http://", "https://")):
        yield from read_url(text, format=format)
        return
    path = Path(text)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".json", ".csv"))
        if not files:
            raise ReadError(f"{path} has no .json or .csv files")
        for file in files:
            try:
                yield from read_file(file, format=format)
            except ReadError as error:
                yield file.name, RecordError(file.name, "", str(error))
        return
    if not path.exists():
        raise ReadError(f"{path} does not exist")
    yield from read_file(path, format=format)


def read_file(path: Path, *, format: str = "auto") -> Iterator[Record]:  # noqa: A002
    if format == "csv" or (format == "auto" and path.suffix.lower() == ".csv"):
        from .csv_format import read_csv

        try:
            data = path.read_bytes()
        except OSError as error:
            raise ReadError(f"{path.name} could not be read: {error}") from error
        try:
            rows = list(read_csv(data, name=path.name))
        except UnicodeDecodeError as error:
            raise ReadError(f"{path.name} is not a UTF-8 CSV file: save it as “CSV UTF-8”") from error
        yield from rows
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        raise ReadError(f"{path.name} could not be read: {error}") from error
    except (ValueError, RecursionError) as error:
        raise ReadError(f"{path.name} {json_problem(error, detail=True)}") from error
    yield from records_in(data, path.name, format=format)


def json_problem(error: ValueError | RecursionError, *, detail: bool = False) -> str:
    """Why json.loads refused a document, to follow the document's name ("is not valid JSON…").
    Only a JSONDecodeError knows its line: a number over 4,300 digits is a plain ValueError,
    lists nested thousands deep a RecursionError."""
    if isinstance(error, json.JSONDecodeError):
        return f"is not valid JSON (line {error.lineno}" + (f": {error.msg})" if detail else ")")
    if isinstance(error, RecursionError):
        return "is not valid JSON that Daywell can read: it is nested too deeply"
    return "is not valid JSON that Daywell can read: a number in it is too long"


def json_problem_sentence(error: ValueError | RecursionError, *, selected: bool = False) -> str:
    """Why json.loads refused an uploaded file, as a whole sentence in the reader's language:
    "The file …", or "The selected file …" on the upload form. (json_problem is the command's.)"""
    if isinstance(error, json.JSONDecodeError):
        if selected:
            return gettext("The selected file is not valid JSON (line %(line)s)") % {"line": error.lineno}
        return gettext("The file is not valid JSON (line %(line)s)") % {"line": error.lineno}
    if isinstance(error, RecursionError):
        if selected:
            return gettext(
                "The selected file is not valid JSON that Daywell can read: it is nested too deeply"
            )
        return gettext("The file is not valid JSON that Daywell can read: it is nested too deeply")
    if selected:
        return gettext(
            "The selected file is not valid JSON that Daywell can read: a number in it is too long"
        )
    return gettext("The file is not valid JSON that Daywell can read: a number in it is too long")


def records_in(data, name: str, *, format: str = "auto") -> Iterator[Record]:  # noqa: A002
    """The records in one JSON document: an ORUK page, a list, one record, or Outpost's shapes."""
    if format == "outpost" or (format == "auto" and _is_outpost(data)):
        yield from _outpost_records(data, name)
        return
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        items = data["contents"]
    elif isinstance(data, list):
        items = data
    elif isinstance(data, dict):
        yield name, data
        return
    else:
        raise ReadError(f"{name} holds no ORUK records (expected an object or a list)")
    for number, item in enumerate(items, start=1):
        yield label_for(name, number, item), item


def label_for(name: str, number: int, item) -> str:
    record_id = str(item.get("id") or "") if isinstance(item, dict) else ""
    return f"{name} item {number}" + (
        f" (id {record_id[:8]}…)" if len(record_id) > 8 else f" (id {record_id})" if record_id else ""
    )


def _is_outpost(data) -> bool:
    try:
        from .outpost import is_outpost
    except ImportError:
        return False
    return bool(is_outpost(data))


def _outpost_records(data, name: str) -> Iterator[Record]:
    from .outpost import records

    yield from records(data, name=name)


# --- An ORUK API over HTTP ---------------------------------------------------------------------------
def fetch_json(url: str):
    if not url.startswith(("http://", "https://")):
        raise ReadError(f"{url} is not an http or https address")
    headers = {"Accept": "application/json", "User-Agent": "Daywell import_oruk"}
    request = Request(url, headers=headers)  # noqa: S310 (http and https only, checked above)
    try:
        with urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (http and https only)
            body = response.read(MAX_BYTES + 1)
    except HTTPError as error:
        raise ReadError(f"{url} answered {error.code} {error.reason}") from error
    except (URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ReadError(f"{url} could not be reached ({reason})") from error
    if len(body) > MAX_BYTES:
        raise ReadError(
            f"{url} answered with more than {MAX_BYTES // (1024 * 1024)}MB, more than Daywell reads"
        )
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReadError(f"{url} did not answer with JSON") from error
    except (ValueError, RecursionError) as error:
        raise ReadError(f"{url} {json_problem(error)}") from error


def _with_query(url: str, **params) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update({key: str(value) for key, value in params.items()})
    return urlunsplit(parts._replace(query=urlencode(query)))


def services_url(url: str) -> tuple[str, str | None]:
    """The API's /services URL, and the id when the URL names one service."""
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    if len(segments) >= 2 and segments[-2] == "services":
        base = "/" + "/".join(segments[:-1])
        return urlunsplit(parts._replace(path=base, query="")), segments[-1]
    if segments and segments[-1] == "services":
        return urlunsplit(parts._replace(path="/" + "/".join(segments), query="")), None
    return urlunsplit(parts._replace(path="/" + "/".join([*segments, "services"]), query="")), None


def read_url(url: str, *, format: str = "auto") -> Iterator[Record]:  # noqa: A002
    if format in ("csv", "outpost"):
        data = fetch_json(url) if format == "outpost" else None
        if data is None:
            raise ReadError("CSV can only be read from a file")
        yield from records_in(data, url, format=format)
        return
    base, service_id = services_url(url)
    if service_id:
        yield f"service {service_id}", fetch_json(f"{base}/{service_id}")
        return
    page, total_pages, number, previous = 1, 1, 0, None
    while page <= min(total_pages, MAX_PAGES):
        page_url = _with_query(base, page=page)
        data = fetch_json(page_url)
        if not isinstance(data, dict) or not isinstance(data.get("contents"), list):
            raise ReadError(f"{page_url} is not an ORUK service list (no “contents”)")
        if not data["contents"]:
            break
        # A server that ignores `page` sends page 1 again and again: stop at the first repeat.
        keys = [item.get("id") or item if isinstance(item, dict) else item for item in data["contents"]]
        if keys == previous:
            raise ReadError(
                f"{page_url} sent the same services as page {page - 1}, so reading stopped there "
                "(the server may not support “page”)"
            )
        previous = keys
        try:
            total_pages = int(data.get("total_pages") or 1)
        except (TypeError, ValueError, OverflowError):
            total_pages = 1
        for item in data["contents"]:
            number += 1
            label = f"{base} page {page} item {number}"
            if isinstance(item, dict) and item.get("id") and not (FULL_SERVICE_KEYS & item.keys()):
                try:
                    item = fetch_json(f"{base}/{item['id']}")
                except ReadError as error:
                    item = RecordError(label, "", str(error))
            yield label, item
        page += 1
