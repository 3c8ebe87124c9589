"""`python -m bench.insight`: do the commissioning insight pages answer within 1 second with
100,000 opportunities and 100,000 recorded searches?

It uses the search benchmark's databases (bench/run.py: one per size, filled once with the demo
generator and reused). On top of the opportunities it adds, once and seeded, what the insight pages
count: recorded searches (as many as there are opportunities), people's profiles (one for every 20
opportunities, spread over the wards, with interests, needs and free times) and enquiries (one for
every 50). Each is topped up only when fewer are there: bench/run.py empties the search log at the
start of each of its runs, so after it the searches are added again (a few seconds).

Then every insight page (the front page, each page in insight.pages.PAGES, the market position
statement and one CSV of each) is requested through the whole Django stack (django.test.Client,
every middleware, a signed-in commissioning officer, DEBUG off), and p50, p95, max and the queries
per request are printed and written to bench/insight.json.

    python -m bench.insight                      # both sizes
    BENCH_SIZES=10000 python -m bench.insight    # one size
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

from .run import BASE_DIR, BENCH_DIR, SEED, SIZES, database_env, label, summary

REQUESTS = 15  # timed per URL and size
WARMUP = 2
TARGET_MS = 1000.0  # from the issue: every insight page within 1 second
SEARCHES_PER_OPPORTUNITY = 1  # 100,000 recorded searches at 100,000 opportunities
OPPORTUNITIES_PER_PROFILE = 20  # 5,000 profiles at 100,000
OPPORTUNITIES_PER_ENQUIRY = 50  # 2,000 enquiries at 100,000
DAYS_OF_HISTORY = 450  # about 15 months, so some searches fall outside the pages' last 12 months
OFFICER_EMAIL = "bench-commissioning@bench.daywell.example"


# --- The parent: one child per size ---------------------------------------------------------------
def parent(args) -> int:
    started = time.monotonic()
    runs = []
    for size in [int(s) for s in args.sizes.split(",")]:
        env, where = database_env(size)
        print(f"\n=== {size:,} opportunities: {where} ===", flush=True)
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            out = Path(handle.name)
        command = [sys.executable, "-m", "bench.insight", "--worker", str(size), "--out", str(out),
                   "--seed", str(args.seed), "--requests", str(args.requests)]  # fmt: skip
        child = subprocess.run(command, env=env, cwd=BASE_DIR, check=False)  # noqa: S603
        if child.returncode != 0:
            print(f"The benchmark at {size:,} failed (exit status {child.returncode}).", file=sys.stderr)
            return child.returncode
        run = json.loads(out.read_text())
        out.unlink()
        runs.append(run)
    slow = {
        f"{label(run['size'])} {url}": timing["p95_ms"]
        for run in runs
        for url, timing in run["urls"].items()
        if timing["p95_ms"] >= TARGET_MS
    }
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "settings": {
            "requests": args.requests,
            "warmup": WARMUP,
            "seed": args.seed,
            "debug": False,
            "client": "django.test.Client, a signed-in commissioning officer",
            # OpenBLAS's own threads (numpy's matrix products) busy-wait for a CPU: on a busy machine
            # a product of a few milliseconds can take seconds. Recorded so runs can be compared.
            "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "default"),
        },
        "sizes": {str(run["size"]): run for run in runs},
        "target": {
            "p95_under_ms": TARGET_MS,
            "met": not slow and not any(run["failed"] for run in runs),
            "missed_by": slow,
            "failed": {
                f"{label(run['size'])} {url}": status for run in runs for url, status in run["failed"].items()
            },
        },
        "total_seconds": round(time.monotonic() - started, 1),
    }
    print(f"\nInsight benchmark, {results['date']}: {results['cpu_count']} CPUs; {args.requests} requests "
          f"timed per URL after {WARMUP} warm-up, DEBUG off. Times in ms.")  # fmt: skip
    for run in runs:
        data = run["data"]
        print(f"\n{run['size']:,} opportunities ({run['listed']:,} listed), {data['searches']:,} searches, "
              f"{data['profiles']:,} profiles, {data['enquiries']:,} enquiries")  # fmt: skip
        header = f"{'size':>5}  {'URL':<52}{'p50':>8}{'p95':>8}{'max':>8}  queries"
        print(header)
        print("-" * len(header))
        for url, timing in run["urls"].items():
            queries = (
                str(timing["queries_min"])
                if timing["queries_min"] == timing["queries_max"]
                else f"{timing['queries_min']}-{timing['queries_max']}"
            )
            print(f"{label(run['size']):>5}  {url:<52}{timing['p50_ms']:8.1f}{timing['p95_ms']:8.1f}"
                  f"{timing['max_ms']:8.1f}  {queries}")  # fmt: skip
    failed = results["target"]["failed"]
    for url, status in failed.items():
        print(f"{url} answered {status}: not timed.")
    missed = [f"{k} {v:.0f} ms" for k, v in slow.items()] + [f"{k} failed" for k in failed]
    verdict = "met" if not missed else f"NOT met ({', '.join(missed)})"
    print(f"\nTarget: every insight URL's p95 under {TARGET_MS:.0f} ms: {verdict}")
    (BENCH_DIR / "insight.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"Wrote bench/insight.json ({results['total_seconds']:.0f} s in all).")
    return 1 if failed else 0


# --- The child: one size, one database ----------------------------------------------------------------
def prepare(size: int, seed: int) -> dict:
    """Migrate; seed the opportunities if the search benchmark has not yet; top up what insight counts."""
    from django.core.management import call_command
    from django.db import connection

    from opportunities.models import Opportunity

    from .run import prepare_database

    call_command("migrate", interactive=False, verbosity=0)
    if Opportunity.objects.count() != size:
        prepare_database(size)  # seeds the opportunities, as `python -m bench.run` does
    # One seeded stream for each kind, so topping up one kind never changes what another gets.
    added = {
        "profiles": profiles_top_up(size // OPPORTUNITIES_PER_PROFILE, random.Random(f"{seed}-profiles")),
        "searches": searches_top_up(size * SEARCHES_PER_OPPORTUNITY, random.Random(f"{seed}-searches")),
        "enquiries": enquiries_top_up(size // OPPORTUNITIES_PER_ENQUIRY, random.Random(f"{seed}-enquiries")),
    }
    if any(added.values()):
        print("Added " + ", ".join(f"{n:,} {what}" for what, n in added.items()) + ".", flush=True)
        with connection.cursor() as cursor:
            for table in ("opportunities_searchlog", "citizens_citizenprofile", "citizens_enquiry",
                          "citizens_citizenprofile_interests", "citizens_citizenprofile_needs"):  # fmt: skip
                cursor.execute(f"ANALYZE {table}")  # fixed names, no input
    return added


def _ward_weights(ward_ids: list[int], rng: random.Random) -> list[float]:
    """Some wards have many more people than others, as in life."""
    return [rng.uniform(0.2, 3.0) for _ in ward_ids]


def profiles_top_up(target: int, rng: random.Random) -> int:
    from django.db import transaction

    from citizens.models import CitizenProfile
    from opportunities.models import Feature, Interest
    from places.models import Ward

    missing = target - CitizenProfile.objects.count()
    if missing <= 0:
        return 0
    ward_ids = list(Ward.objects.order_by("pk").values_list("pk", flat=True))
    weights = _ward_weights(ward_ids, rng)
    interest_ids = list(Interest.objects.order_by("pk").values_list("pk", flat=True))
    feature_ids = list(Feature.objects.order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        profiles = CitizenProfile.objects.bulk_create(
            CitizenProfile(
                preferred_name=f"Bench person {number}",
                ward_id=rng.choices(ward_ids, weights)[0] if rng.random() < 0.9 else None,
                free_slots=sorted(rng.sample(range(21), rng.randint(0, 8))),
            )
            for number in range(missing)
        )
        interests, needs = CitizenProfile.interests.through, CitizenProfile.needs.through
        interests.objects.bulk_create(
            interests(citizenprofile_id=profile.pk, interest_id=interest)
            for profile in profiles
            for interest in rng.sample(interest_ids, rng.randint(1, 4))
        )
        needs.objects.bulk_create(
            needs(citizenprofile_id=profile.pk, feature_id=feature)
            for profile in profiles
            for feature in rng.sample(feature_ids, rng.randint(0, 3))
        )
    return missing


def searches_top_up(target: int, rng: random.Random) -> int:
    """Recorded searches shaped like the search log's (insight.demo.search_rows, which the demo uses
    too), written with COPY: created_at is spread over about 15 months."""
    from django.utils import timezone

    from insight.demo import SearchMix, search_rows, searches_write
    from opportunities.models import SearchLog

    missing = target - SearchLog.objects.count()
    if missing <= 0:
        return 0
    rows = search_rows(SearchMix.from_database(), missing, rng, now=timezone.now(), days=DAYS_OF_HISTORY)
    return searches_write(rows)


def enquiries_top_up(target: int, rng: random.Random) -> int:
    from django.db import connection, transaction

    from citizens.models import CitizenProfile, Enquiry
    from opportunities.models import Opportunity

    missing = target - Enquiry.objects.count()
    if missing <= 0:
        return 0
    listed = list(Opportunity.objects.listed().order_by("pk").values_list("pk", "provider_id")[:20000])
    profiles = list(CitizenProfile.objects.order_by("pk").values_list("pk", flat=True))
    statuses = [choice for choice, _label in Enquiry.Status.choices]
    with transaction.atomic():
        made = Enquiry.objects.bulk_create(
            Enquiry(
                opportunity_id=opportunity,
                provider_id=provider,
                profile_id=rng.choice(profiles) if profiles else None,
                consent_confirmed=True,
                message="Could I come along to a session?",
                status=rng.choices(statuses, [3, 4, 2, 2])[0],
            )
            for opportunity, provider in (rng.choice(listed) for _ in range(missing))
        )
        with connection.cursor() as cursor:  # spread over the months, the same at every run
            cursor.execute(
                "UPDATE citizens_enquiry SET sent_at = now() - ((id * 7919) %% %s) * interval '1 day' "
                "WHERE id = ANY(%s)",
                [DAYS_OF_HISTORY, [enquiry.pk for enquiry in made]],
            )
    return missing


def insight_urls() -> list[str]:
    """Every insight page, the statement, and one CSV of each page (its first figure's)."""
    from django.urls import reverse

    from insight.pages import PAGES

    urls = [reverse("insight:home")]
    for slug, page in PAGES.items():
        urls.append(reverse("insight:page", kwargs={"page": slug}))
        figures = page()
        if figures:
            urls.append(reverse("insight:csv", kwargs={"page": slug, "key": figures[0].key}))
    urls.append(reverse("insight:statement"))
    urls.append(reverse("insight:statement-csv"))
    return urls


def worker(args) -> int:
    import django

    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from accounts.models import User
    from citizens.models import CitizenProfile, Enquiry
    from opportunities.models import Opportunity, SearchLog

    added = prepare(args.worker, args.seed)
    officer, _ = User.objects.update_or_create(
        email=OFFICER_EMAIL,
        defaults={
            "role": User.Role.COUNCIL_OFFICER,
            "officer_roles": [User.OfficerRole.COMMISSIONING],
            "full_name": "Bench commissioning officer",
            "is_active": True,
        },  # fmt: skip
    )
    hosts = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))]
    host = hosts[0] if hosts else "localhost"
    allowed = settings.ALLOWED_HOSTS if hosts else [*settings.ALLOWED_HOSTS, host]
    results, failed = {}, {}
    with override_settings(DEBUG=False, ALLOWED_HOSTS=allowed):
        client = Client(HTTP_HOST=host)
        client.force_login(officer)
        for url in insight_urls():
            times, counts = [], []
            for number in range(WARMUP + args.requests):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    break
                if number >= WARMUP:
                    times.append(elapsed)
                    counts.append(len(queries.captured_queries))
            if response.status_code != 200:  # noted, and the others still timed; the run then fails
                failed[url] = response.status_code
                print(f"  {url}: answered {response.status_code}", flush=True)
                continue
            results[url] = {**summary(times), "queries_min": min(counts), "queries_max": max(counts)}
            print(
                f"  {url}: p50 {results[url]['p50_ms']:.0f} ms, p95 {results[url]['p95_ms']:.0f} ms",
                flush=True,
            )
    run = {
        "size": args.worker,
        "listed": Opportunity.objects.listed().count(),
        "data": {
            "searches": SearchLog.objects.count(),
            "profiles": CitizenProfile.objects.count(),
            "enquiries": Enquiry.objects.count(),
            "added_this_run": added,
        },
        "urls": results,
        "failed": failed,
    }
    Path(args.out).write_text(json.dumps(run))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", ",".join(str(s) for s in SIZES)))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--requests", type=int, default=int(os.environ.get("BENCH_INSIGHT_REQUESTS", REQUESTS))
    )
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    return worker(args) if args.worker else parent(args)


if __name__ == "__main__":
    sys.exit(main())
