"""manage.py import_oruk PATH_OR_URL …: import Open Referral UK records (see oruk.importer)."""

import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from oruk.importer import import_records
from oruk.management.commands.export_oruk import EXPORT_MARKER, EXPORT_VERSION
from oruk.readers import FORMATS, ReadError, read


def source_name(path_or_url: str) -> str:
    """A name for the feed when none is given: the host of a URL, else the file or folder name."""
    if path_or_url.startswith(("http://", "https://")):
        parts = urlsplit(path_or_url)
        return slugify(parts.netloc.replace(":", "-")) or "oruk-feed"
    path = Path(path_or_url).resolve()
    return slugify(path.stem if path.is_file() else path.name) or "oruk-feed"


def is_daywell_export(path_or_url: str) -> bool:
    """Whether every page at this path is export_oruk's (carries its `daywell_export` mark), so
    the ids in it are Daywell's own. Never for a URL: the API's pages carry no mark."""
    if path_or_url.startswith(("http://", "https://")):
        return False
    path = Path(path_or_url)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".json", ".csv"))
    else:
        files = [path] if path.is_file() else []
    return bool(files) and all(_marked(file) for file in files)


def _marked(file: Path) -> bool:
    if file.suffix.lower() != ".json":
        return False
    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return False
    mark = data.get(EXPORT_MARKER) if isinstance(data, dict) else None
    return isinstance(mark, dict) and mark.get("version") == EXPORT_VERSION


class ProgressBar:
    """A plain text bar on stderr: [#######.............] 140 of 400."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream

    def __call__(self, done: int, total: int | None) -> None:
        if total:
            filled = self.WIDTH * done // total
            line = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done} of {total}"
        else:
            line = f"{done} records read"
        self.stream.write(f"\r{line}")
        self.stream.flush()

    def end(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import Open Referral UK 3.0 services (files, folders of pages or an ORUK API URL), Outpost "
        "records or Daywell's CSV template. New listings wait for review unless --publish is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--source", help="The feed's name (default: from the file name or host).")
        parser.add_argument("--dry-run", action="store_true", help="Show what would happen; save nothing.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish active records at once instead of sending them for review.",
        )
        parser.add_argument(
            "--daywell-ids",
            action="store_true",
            help="Let records whose ids are Daywell's own update those listings, providers and venues "
            "(on by itself for export_oruk's files). Only for files that came from this Daywell.",
        )
        parser.add_argument("--format", choices=FORMATS, default="auto")
        parser.add_argument(
            "--progress", action="store_true", help="Show a progress bar even when not on a terminal."
        )

    def handle(self, *args, **options):
        anything_read = False
        show_progress = options["progress"] or sys.stderr.isatty()
        for path in options["paths"]:
            source = options["source"] or source_name(path)
            bar = ProgressBar(self.stderr._out) if show_progress else None
            try:
                records = read(path, format=options["format"])
                report = import_records(
                    records,
                    source=source,
                    publish=options["publish"],
                    dry_run=options["dry_run"],
                    progress=bar,
                    match_daywell_ids=options["daywell_ids"] or is_daywell_export(path),
                )
            except ReadError as error:
                self.stderr.write(f"{path}: {error}")
                continue
            finally:
                if bar:
                    bar.end()
            if not report.read and report.read_error:
                self.stderr.write(f"{path}: {report.read_error}")
                continue
            anything_read = True
            for line in report.summary_lines():
                self.stdout.write(line)
        if not anything_read:
            raise CommandError("Nothing could be read.")
