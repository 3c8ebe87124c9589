"""`make bench`: how fast is the search page with 10,000 and 100,000 opportunities?

For each size the benchmark uses its own database (never the development one), fills it once
with the demo generator and reuses it on later runs. It then sends a fixed, seeded mix of
searches through the whole Django stack (django.test.Client, GET /opportunities/?...) and, in the
same run, measures two floors to compare against:

* the database floor: the very SQL the search runs (built by opportunities.search from the same
  URL parameters), executed directly through psycopg, both statements timed together;
* the framework floor: a trivial view behind the same middleware and client.

It prints a table, writes every figure to bench/results.json and the EXPLAIN (ANALYZE, BUFFERS)
plans of three representative searches at 100,000 to bench/plans/.

The parent process prepares one child process per size, because the settings choose the
database (DAYWELL_DATA_DIR or DATABASE_URL) once, when Django starts.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
SIZES = (10_000, 100_000)
REQUESTS = 60  # timed requests per kind of search
WARMUP = 5  # untimed requests per kind first
# A slow kind stops after BUDGET_SECONDS of timed requests, but never before MIN_REQUESTS, so that a
# slow search cannot stretch `make bench` to an hour; how many were timed is always reported.
BUDGET_SECONDS = 30.0
MIN_REQUESTS = 20
SEED = 20261122
PLANS_AT = 100_000
PLAN_KINDS = ("text", "postcode-distance", "interest-access-payment-day")

# Targets from the issue.
TARGET_P95_MS = 100.0
TARGET_GROWTH = 2.0  # p95 at the largest size at most this many times p95 at the smallest
TARGET_MAX_QUERIES = 6

KINDS = {
    "no-filters": "No filters",
    "text": "Text only",
    "postcode-distance": "Postcode and distance",
    "interest-access-payment-day": "Interest, access, payment, day",
    "deep-page": "Deep page (no filters)",
    "sort-distance": "Postcode, nearest first",
}
# Common words from the demo catalogue's titles and summaries (one or two words a search).
WORDS = [
    "swimming", "art", "gardening", "cooking club", "music", "walking football", "yoga", "pottery",
    "dance", "lunch club", "photography", "cooking", "games night", "dementia", "choir", "drama",
    "allotment", "quiz", "bike repair", "sewing",
]  # fmt: skip
DISTANCES = ["1", "2", "3", "5"]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DEEP_PAGES = (40, 60)
# Options of the psycopg backend that are Django's own, not libpq connection parameters.
DJANGO_ONLY_OPTIONS = {"server_side_binding", "isolation_level", "assume_role", "pool", "cursor_factory"}


def label(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


# --- The parent: one child per size, then the table and results.json ---------------------------
def database_env(size: int) -> tuple[dict[str, str], str]:
    """The environment for a child benchmarking `size` opportunities, and where its data lives.

    Embedded PostgreSQL (no DATABASE_URL): its own data folder, .data/bench-10k and so on, so it
    is a separate server from the development one. With DATABASE_URL: a separate database on the
    same server, named after the configured one with _bench_10k (and so on) added; it is created
    if missing, which needs the CREATEDB privilege."""
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "daywell.settings")
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        data_dir = Path(os.environ.get("BENCH_DATA_DIR", BASE_DIR / ".data")) / f"bench-{label(size)}"
        env["DAYWELL_DATA_DIR"] = str(data_dir)
        shown = data_dir.relative_to(BASE_DIR) if data_dir.is_relative_to(BASE_DIR) else data_dir
        return env, f"embedded PostgreSQL in {shown}"
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'daywell'}_bench_{label(size)}"
    _create_database(url, name)
    env["DATABASE_URL"] = urlunsplit(parts._replace(path="/" + name))
    return env, f"database {name} on the DATABASE_URL server"


def _create_database(url: str, name: str) -> None:
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    options = dict(config.get("OPTIONS") or {})
    params = {
        "dbname": config.get("NAME") or "postgres",
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "host": config.get("HOST") or options.pop("host", None),
        "port": config.get("PORT") or None,
        **{k: v for k, v in options.items() if k not in DJANGO_ONLY_OPTIONS},
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def parent(args) -> int:
    started = time.monotonic()
    sizes = [int(s) for s in args.sizes.split(",")]
    plans_at = PLANS_AT if PLANS_AT in sizes else max(sizes)
    for old in (BENCH_DIR / "plans").glob("*.txt"):
        old.unlink()  # plans from an earlier run (perhaps of other sizes) would mislead
    runs = []
    for size in sizes:
        env, where = database_env(size)
        print(f"\n=== {size:,} opportunities: {where} ===", flush=True)
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            out = Path(handle.name)
        command = [sys.executable, "-m", "bench.run", "--worker", str(size), "--out", str(out),
                   "--requests", str(args.requests), "--warmup", str(args.warmup), "--seed", str(args.seed),
                   "--budget", str(args.budget), "--min-requests", str(args.min_requests)]  # fmt: skip
        if size == plans_at:
            command.append("--plans")
        child = subprocess.run(command, env=env, cwd=BASE_DIR, check=False)  # noqa: S603
        if child.returncode != 0:
            print(f"The benchmark at {size:,} failed (exit status {child.returncode}).", file=sys.stderr)
            return child.returncode
        run = json.loads(out.read_text())
        out.unlink()
        run["database"]["where"] = where
        runs.append(run)

    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "django": runs[0]["versions"]["django"],
            "postgresql": runs[0]["versions"]["postgresql"],
            "psycopg": runs[0]["versions"]["psycopg"],
        },
        "settings": {
            "requests_per_kind": args.requests,
            "warmup_per_kind": args.warmup,
            "budget_seconds_per_kind": args.budget,
            "min_requests_per_kind": args.min_requests,
            "seed": args.seed,
            "debug": False,
            "client": "django.test.Client, one process, one persistent database connection",
            "db_floor": "the statements opportunities.search.search() ran for the same parameters "
            "(recorded untimed), replayed through a separate psycopg connection, all of them and their "
            "fetches timed together",
        },
        "kinds": KINDS,
        "sizes": {str(run["size"]): run for run in runs},
    }
    results["targets"] = targets(results)
    results["total_seconds"] = round(time.monotonic() - started, 1)
    print_report(results)
    (BENCH_DIR / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nWrote bench/results.json ({results['total_seconds']:.0f} s in all).")
    return 0


def targets(results: dict) -> dict:
    sizes = sorted(results["sizes"], key=int)
    small, large = results["sizes"][sizes[0]], results["sizes"][sizes[-1]]
    found: dict = {}
    slow = {k: v["p95_ms"] for k, v in large["kinds"].items() if v["p95_ms"] >= TARGET_P95_MS}
    found["p95_under_100ms_at_largest"] = {
        "size": large["size"],
        "met": not slow,
        "missed_by": slow,
    }
    growth = {k: round(v["p95_ms"] / small["kinds"][k]["p95_ms"], 2) for k, v in large["kinds"].items()}
    if len(sizes) == 1:
        growth = {}
    found["p95_growth_at_most_2x"] = {
        "sizes": [small["size"], large["size"]],
        "met": len(sizes) > 1 and all(g <= TARGET_GROWTH for g in growth.values()),
        "ratio": growth,
    }
    queries = {
        size: {k: [v["queries_min"], v["queries_max"]] for k, v in run["kinds"].items()}
        for size, run in results["sizes"].items()
    }
    most = max(q[1] for per_kind in queries.values() for q in per_kind.values())
    same = all(queries[s] == queries[sizes[0]] for s in sizes)
    found["queries_fixed_at_most_6"] = {
        "met": most <= TARGET_MAX_QUERIES and same,
        "most": most,
        "same_at_every_size": same,
        "min_max_per_kind": queries,
    }
    return found


def print_report(results: dict) -> None:
    sizes = sorted(results["sizes"], key=int)
    machine = results["machine"]
    print(
        f"\nSearch benchmark, {results['date']}: {machine['cpu_count']} CPUs, Python {machine['python']}, "
        f"Django {machine['django']}, PostgreSQL {machine['postgresql']}; "
        f"up to {results['settings']['requests_per_kind']} timed requests per kind (n; fewer when a kind "
        f"takes over {results['settings']['budget_seconds_per_kind']:.0f} s) after "
        f"{results['settings']['warmup_per_kind']} warm-up, DEBUG off. Times in ms; db = the same SQL "
        "straight through psycopg."
    )
    header = (
        f"{'size':>5}  {'kind':<32}{'n':>4}{'p50':>8}{'p95':>8}{'max':>8}  {'queries':<8}"
        f"{'db p50':>8}{'db p95':>8}  {'results found':>15}"
    )
    for size in sizes:
        run = results["sizes"][size]
        db = run["database"]
        how = "database reused" if db["reused"] else f"seeded in {db['seed_seconds']:.0f} s"
        print(f"\n{int(size):,} opportunities ({run['published']:,} published); {how}")
        print(header)
        print("-" * len(header))
        for kind, name in KINDS.items():
            k = run["kinds"][kind]
            queries = (
                f"{k['queries_min']}"
                if k["queries_min"] == k["queries_max"]
                else (f"{k['queries_min']}-{k['queries_max']}")
            )
            totals = k["results_total"]
            print(
                f"{label(int(size)):>5}  {name:<32}{k['requests']:>4}"
                f"{k['p50_ms']:8.1f}{k['p95_ms']:8.1f}{k['max_ms']:8.1f}  "
                f"{queries:<8}{k['db_floor']['p50_ms']:8.1f}{k['db_floor']['p95_ms']:8.1f}  "
                f"{totals['min']:>6,}-{totals['max']:<6,}"
            )
        f = run["framework_floor"]
        print(
            f"{label(int(size)):>5}  {'Framework floor (trivial view)':<32}{f['requests']:>4}"
            f"{f['p50_ms']:8.1f}{f['p95_ms']:8.1f}{f['max_ms']:8.1f}  {f['queries_max']:<8}"
        )

    t = results["targets"]
    print("\nTargets")
    p95 = t["p95_under_100ms_at_largest"]
    missed = ", ".join(f"{KINDS[k]} {v:.0f} ms" for k, v in p95["missed_by"].items())
    verdict = "met" if p95["met"] else f"NOT met ({missed})"
    print(f"  p95 under {TARGET_P95_MS:.0f} ms at {p95['size']:,}: {verdict}")
    growth = t["p95_growth_at_most_2x"]
    ratios = ", ".join(f"{KINDS[k]} {v:.2f}x" for k, v in growth["ratio"].items())
    print(f"  p95 at {growth['sizes'][1]:,} at most {TARGET_GROWTH:.0f}x p95 at {growth['sizes'][0]:,}: "
          f"{'met' if growth['met'] else 'NOT met'} ({ratios})")  # fmt: skip
    queries = t["queries_fixed_at_most_6"]
    print(
        f"  queries per search page fixed and at most {TARGET_MAX_QUERIES}: "
        f"{'met' if queries['met'] else 'NOT met'} (most {queries['most']}, "
        f"{'the same' if queries['same_at_every_size'] else 'different'} at every size)"
    )


# --- The child: one size, one database ---------------------------------------------------------
def worker(args) -> int:
    import django

    # WhiteNoise warns that there is no collected static folder, which only production has.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    size = args.worker
    database = prepare_database(size)
    hosts = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))]
    host = hosts[0] if hosts else "localhost"
    allowed = settings.ALLOWED_HOSTS if hosts else [*settings.ALLOWED_HOSTS, host]
    with override_settings(DEBUG=False, ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=allowed):
        run = measure(size, args, host)
    run["database"] = database
    Path(args.out).write_text(json.dumps(run))
    return 0


def prepare_database(size: int) -> dict:
    """Migrate, and fill the database with `size` demo opportunities unless it already has them."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    from opportunities.models import Opportunity, SearchLog

    recorder = MigrationRecorder(connection)
    before = set(recorder.applied_migrations()) if recorder.has_table() else set()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = sorted(f"{app}.{name}" for app, name in set(recorder.applied_migrations()) - before)
    existing = Opportunity.objects.count()
    reused = existing == size
    seed_seconds = 0.0
    if existing > size:
        raise SystemExit(
            f"The benchmark database has {existing:,} opportunities, more than {size:,}: it is not "
            "one the benchmark made. Remove its data folder (or database) and run again."
        )
    if not reused:
        print(f"Seeding {size:,} opportunities (had {existing:,}); later runs reuse them.", flush=True)
        started = time.monotonic()
        call_command("load_reference")
        call_command("seed_demo", count=size)
        seed_seconds = time.monotonic() - started
    elif migrated and before:
        # The data was made by older code: refresh the search facts as a deployment would.
        print(f"Applied {', '.join(migrated)}: refreshing the search index.", flush=True)
        call_command("refresh_search_index")
    # The benchmark's own searches from earlier runs are logged here; start each run the same.
    SearchLog.objects.all().delete()
    started = time.monotonic()
    with connection.cursor() as cursor:
        # Bulk inserts then the index refresh's UPDATE leave dead rows and no statistics: vacuum
        # and analyse so plans and timings are those of a settled database, not of autovacuum.
        cursor.execute("VACUUM (ANALYZE)")
    print(f"VACUUM (ANALYZE) took {time.monotonic() - started:.1f} s.", flush=True)
    return {"reused": reused, "seed_seconds": round(seed_seconds, 1), "migrations_applied": migrated}


def request_mix(kind: str, rng: random.Random, count: int, postcodes: list[str], terms) -> list[dict]:
    """`count` URL parameter sets of one kind of search, drawn from a seeded random."""
    interests = sorted(t.slug for t in terms.interests)
    features = sorted(t.slug for t in terms.features)
    mix = []
    for _ in range(count):
        if kind == "no-filters":
            params = {}
        elif kind == "text":
            params = {"q": rng.choice(WORDS)}
        elif kind == "postcode-distance":
            params = {"postcode": rng.choice(postcodes), "distance": rng.choice(DISTANCES)}
        elif kind == "interest-access-payment-day":
            params = {
                "interest": rng.sample(interests, rng.choice([1, 2])),
                "access": [rng.choice(features)],
                "payment": ["direct-payment"],
                "day": sorted(rng.sample(DAYS, rng.choice([1, 2])), key=DAYS.index),
            }
        elif kind == "deep-page":
            params = {"page": str(rng.randint(*DEEP_PAGES))}
        elif kind == "sort-distance":
            params = {"postcode": rng.choice(postcodes), "sort": "distance"}
        else:
            raise ValueError(kind)
        mix.append(params)
    return mix


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `share` of values at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summary(times: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "max_ms": round(max(times), 2),
        "mean_ms": round(statistics.fmean(times), 2),
    }


def raw_connection():
    """A psycopg connection of its own to the same database, with the cursor Django uses
    (client-side binding), for the database floor and the plans."""
    import psycopg
    from django.db import connection

    s = connection.settings_dict
    params = {
        "dbname": s["NAME"],
        "user": s.get("USER"),
        "password": s.get("PASSWORD"),
        "host": s.get("HOST"),
        "port": s.get("PORT"),
        **{k: v for k, v in (s.get("OPTIONS") or {}).items() if k not in DJANGO_ONLY_OPTIONS},
    }
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return psycopg.connect(**params, autocommit=True, cursor_factory=psycopg.ClientCursor)


def search_statements(params: dict) -> tuple[list[str], int]:
    """The SQL statements the search itself runs for these URL parameters, and its total.

    The filters are built as the view builds them (SearchForm, then filters_from_form), then
    opportunities.search.search() runs once, untimed, while its statements are recorded exactly
    as they went to PostgreSQL (Django binds parameters on the client, so this is the very text
    the server received). Replaying them gives the database's share of the page, whatever the
    search does: counts, the "without each filter" counts, a stored summary, the results."""
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    from opportunities.forms import SearchForm
    from opportunities.search import filters_from_form, search
    from opportunities.terms import search_terms
    from opportunities.views import _page_number

    query = QueryDict(urlencode(params, doseq=True))
    form = SearchForm(query)
    form.is_valid()  # may look up the postcode: not part of search(), so not recorded
    filters = filters_from_form(form, search_terms(), _page_number(query.get("page", "")))
    with CaptureQueriesContext(connection) as queries:
        result = search(filters)
    return [q["sql"] for q in queries.captured_queries], result.total


def db_floor_once(cursor, statements: list[str]) -> float:
    """Run the search's statements straight through psycopg, fetching every row, as one timing."""
    started = time.perf_counter()
    for statement in statements:
        cursor.execute(statement)
        if cursor.description is not None:
            cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def measure(size: int, args, host: str) -> dict:
    import django
    import psycopg
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from opportunities.models import Opportunity
    from opportunities.terms import search_terms
    from places.models import Postcode

    from .urls import TRIVIAL_PATH

    client = Client(HTTP_HOST=host)
    rng = random.Random(args.seed)  # the same searches at every size
    postcodes = list(
        Postcode.objects.filter(ward__isnull=False).order_by("postcode").values_list("postcode", flat=True)
    )
    terms = search_terms()

    def get(path: str, params: dict) -> tuple[float, int]:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path, params)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"GET {path}?{urlencode(params, doseq=True)} answered {response.status_code}")
        return elapsed, len(queries.captured_queries)

    run: dict = {
        "size": size,
        "opportunities": Opportunity.objects.count(),
        "published": Opportunity.objects.published().count(),
        "versions": {
            "django": django.get_version(),
            "postgresql": connection.cursor().connection.info.parameter_status("server_version"),
            "psycopg": psycopg.__version__,
        },
        "kinds": {},
    }
    # Warm the process once (imports, template compilation, the app's reference-term cache) so
    # the first kind measured does not pay for it.
    for _ in range(10):
        get("/opportunities/", {})
        get(TRIVIAL_PATH, {})
    floor_conn = raw_connection()
    floor = floor_conn.cursor()
    plans = {}
    for kind, name in KINDS.items():
        mix = request_mix(kind, rng, args.warmup + args.requests, postcodes, terms)
        warmup, timed = mix[: args.warmup], mix[args.warmup :]
        print(
            f"{label(size)}: {name}: {args.warmup} warm-up, up to {len(timed)} timed ...", end="", flush=True
        )
        gc.collect()
        for params in warmup:
            get("/opportunities/", params)
        times, queries = [], []
        started = time.monotonic()
        for params in timed:
            elapsed, count = get("/opportunities/", params)
            times.append(elapsed)
            queries.append(count)
            if len(times) >= args.min_requests and time.monotonic() - started > args.budget:
                break  # a slow kind at a large size: stop at the time budget (the count is reported)
        timed = timed[: len(times)]

        # The database floor: the same searches' statements, straight to PostgreSQL.
        recorded = [search_statements(params) for params in warmup + timed]
        for statements, _ in recorded[: len(warmup)]:
            db_floor_once(floor, statements)
        floor_times = [db_floor_once(floor, statements) for statements, _ in recorded[len(warmup) :]]
        counts = [len(statements) for statements, _ in recorded[len(warmup) :]]
        totals = [total for _, total in recorded[len(warmup) :]]

        run["kinds"][kind] = {
            "name": name,
            "requests": len(times),
            **summary(times),
            "queries_min": min(queries),
            "queries_max": max(queries),
            "db_floor": {
                **summary(floor_times),
                "statements_min": min(counts),
                "statements_max": max(counts),
            },
            "results_total": {
                "min": min(totals),
                "median": int(statistics.median(totals)),
                "max": max(totals),
            },
            "example": "/opportunities/?" + urlencode(timed[0], doseq=True),
        }
        print(
            f" {len(times)} timed, p95 {percentile(times, 0.95):.1f} ms "
            f"(database {percentile(floor_times, 0.95):.1f} ms)",
            flush=True,
        )
        if kind in ("no-filters", "deep-page") and set(totals) != {run["published"]}:
            run.setdefault("warnings", []).append(
                f"{name}: the search found {sorted(set(totals))} listings, not all {run['published']:,} "
                "published ones (is the stored search summary stale?)"
            )
            print("WARNING: " + run["warnings"][-1], flush=True)

        if args.plans and kind in PLAN_KINDS:
            # The search at this kind's 95th percentile of database time: what the p95 is made of.
            order = sorted(range(len(floor_times)), key=floor_times.__getitem__)
            index = order[max(0, math.ceil(0.95 * len(order)) - 1)]
            plans[kind] = explain(floor, size, kind, timed[index], recorded[len(warmup) + index][0])

    # The framework floor: the same client and middleware, a view that does nothing.
    for _ in range(args.warmup):
        get(TRIVIAL_PATH, {})
    times, queries = [], []
    for _ in range(args.requests):
        elapsed, count = get(TRIVIAL_PATH, {})
        times.append(elapsed)
        queries.append(count)
    run["framework_floor"] = {
        "requests": len(times),
        **summary(times),
        "queries_min": min(queries),
        "queries_max": max(queries),
    }
    run["plans"] = plans
    floor_conn.close()
    return run


def statement_label(sql: str) -> str:
    if "'total'" in sql:
        return "counts"
    if sql.lstrip().upper().startswith("SELECT") and " ORDER BY " in sql and " LIMIT " in sql:
        return "results"
    return "other"


def explain(cursor, size: int, kind: str, params: dict, statements: list[str]) -> dict:
    """EXPLAIN (ANALYZE, BUFFERS) each statement the search ran; save and print the plans."""
    plans_dir = BENCH_DIR / "plans"
    plans_dir.mkdir(exist_ok=True)
    url = "/opportunities/?" + urlencode(params, doseq=True)
    saved = {}
    for number, statement in enumerate(statements, 1):
        part = statement_label(statement)
        path = plans_dir / f"{label(size)}-{kind}-{number}-{part}.txt"
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
        plan = [row[0] for row in cursor.fetchall()]
        text = [
            f"-- {KINDS[kind]} at {size:,} opportunities: {url}",
            "-- (of this kind's timed searches, the one at the 95th percentile of database time)",
            f"-- Statement {number} of {len(statements)} the search ran ({part}):",
            statement,
            "",
            "-- EXPLAIN (ANALYZE, BUFFERS):",
            *plan,
        ]
        path.write_text("\n".join(text) + "\n")
        saved[f"{number}-{part}"] = str(path.relative_to(BASE_DIR))
        print(f"\n--- Plan: {KINDS[kind]}, statement {number} ({part}), {size:,} opportunities, {url} ---")
        print("\n".join(plan))
    return saved


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", ",".join(map(str, SIZES))))
    parser.add_argument("--requests", type=int, default=int(os.environ.get("BENCH_REQUESTS", REQUESTS)))
    parser.add_argument("--warmup", type=int, default=int(os.environ.get("BENCH_WARMUP", WARMUP)))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--budget",
        type=float,
        default=float(os.environ.get("BENCH_BUDGET", BUDGET_SECONDS)),
        help="stop a kind's timed requests after this many seconds (once --min-requests are done)",
    )
    parser.add_argument(
        "--min-requests", type=int, default=int(os.environ.get("BENCH_MIN_REQUESTS", MIN_REQUESTS))
    )
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--plans", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.requests < 1 or args.warmup < 0:
        parser.error("--requests must be at least 1 and --warmup at least 0")
    return worker(args) if args.worker else parent(args)


if __name__ == "__main__":
    sys.exit(main())
