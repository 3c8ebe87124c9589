"""`python -m bench.oruk_api`: how fast is the Open Referral UK API with 10,000 and 100,000
opportunities, and does a page take the same few queries at both sizes?

It uses the search benchmark's databases (bench/run.py: one per size, filled once with the demo
generator and reused), sends a fixed, seeded mix of requests of each kind through the whole
Django stack (django.test.Client, every middleware, DEBUG off), and prints p50, p95 and max with
the queries per request. It writes bench/oruk_api.json.

    python -m bench.oruk_api                      # both sizes
    BENCH_SIZES=10000 python -m bench.oruk_api    # one size
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

REQUESTS = 40  # timed per kind and size
WARMUP = 3


def kinds(rng: random.Random, postcodes: list[str], term_ids: list[str], service_ids: list[str]) -> dict:
    """Each kind: its name and the requests to time (path, query)."""

    def many(make):
        return [make() for _ in range(WARMUP + REQUESTS)]

    return {
        "list": (
            "/services, a page of 50",
            many(lambda: ("/api/oruk/services", {"page": rng.randint(1, 40)})),
        ),
        "full": (
            "/services?full=true, 50 nested",
            many(lambda: ("/api/oruk/services", {"full": "true", "page": rng.randint(1, 40)})),
        ),
        "near": (
            "/services near a postcode, 5 km",
            many(lambda: ("/api/oruk/services", {"postcode": rng.choice(postcodes), "proximity": 5000})),
        ),
        "term": (
            "/services by taxonomy term + day",
            many(lambda: ("/api/oruk/services", {"taxonomy_term_id": rng.choice(term_ids), "day": "MO"})),
        ),
        "text": ("/services?search=", many(lambda: ("/api/oruk/services", {"search": rng.choice(WORDS)}))),
        "one": ("/services/{id}", many(lambda: (f"/api/oruk/services/{rng.choice(service_ids)}", {}))),
    }


WORDS = ["art", "garden", "music", "walk", "cooking", "swim", "computer", "choir"]


# --- The parent: one child per size ------------------------------------------------------------
def parent(args) -> int:
    started = time.monotonic()
    runs = []
    for size in [int(s) for s in args.sizes.split(",")]:
        env, where = database_env(size)
        print(f"\n=== {size:,} opportunities: {where} ===", flush=True)
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            out = Path(handle.name)
        command = [sys.executable, "-m", "bench.oruk_api", "--worker", str(size), "--out", str(out),
                   "--seed", str(args.seed)]  # fmt: skip
        child = subprocess.run(command, env=env, cwd=BASE_DIR, check=False)  # noqa: S603
        if child.returncode != 0:
            print(f"The benchmark at {size:,} failed (exit status {child.returncode}).", file=sys.stderr)
            return child.returncode
        run = json.loads(out.read_text())
        out.unlink()
        runs.append(run)
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "settings": {"requests": REQUESTS, "warmup": WARMUP, "seed": args.seed, "debug": False},
        "sizes": {str(run["size"]): run for run in runs},
        "total_seconds": round(time.monotonic() - started, 1),
    }
    print(f"\nORUK API benchmark, {results['date']}: {results['cpu_count']} CPUs; {REQUESTS} requests timed "
          f"per kind after {WARMUP} warm-up, DEBUG off. Times in ms.")  # fmt: skip
    header = f"{'size':>5}  {'kind':<36}{'p50':>8}{'p95':>8}{'max':>8}  queries"
    print(header)
    print("-" * len(header))
    for size, run in sorted(results["sizes"].items(), key=lambda item: int(item[0])):
        for kind in run["kinds"].values():
            queries = (
                str(kind["queries_min"])
                if kind["queries_min"] == kind["queries_max"]
                else f"{kind['queries_min']}-{kind['queries_max']}"
            )
            print(f"{label(int(size)):>5}  {kind['name']:<36}{kind['p50_ms']:8.1f}{kind['p95_ms']:8.1f}"
                  f"{kind['max_ms']:8.1f}  {queries}")  # fmt: skip
    (BENCH_DIR / "oruk_api.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nWrote bench/oruk_api.json ({results['total_seconds']:.0f} s in all).")
    return 0


# --- The child: one size, one database ---------------------------------------------------------
def worker(args) -> int:
    import django

    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from opportunities.models import Opportunity
    from oruk.serialize import all_taxonomy_terms
    from places.models import Postcode

    from .run import prepare_database

    prepare_database(args.worker)
    rng = random.Random(args.seed)
    postcodes = list(
        Postcode.objects.filter(ward__isnull=False).order_by("postcode").values_list("postcode", flat=True)
    )
    term_ids = sorted(term["id"] for term in all_taxonomy_terms() if term["taxonomy"] != "daywell-facts")
    service_ids = [
        str(u) for u in Opportunity.objects.listed().order_by("pk").values_list("uuid", flat=True)[:5000]
    ]
    hosts = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))]
    host = hosts[0] if hosts else "localhost"
    allowed = settings.ALLOWED_HOSTS if hosts else [*settings.ALLOWED_HOSTS, host]
    results = {}
    with override_settings(DEBUG=False, ALLOWED_HOSTS=allowed):
        client = Client(HTTP_HOST=host)
        for key, (name, requests) in kinds(rng, postcodes, term_ids, service_ids).items():
            times, counts = [], []
            for number, (path, query) in enumerate(requests):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path, query)
                    elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise SystemExit(
                        f"{path} {query} answered {response.status_code}: {response.content[:200]}"
                    )
                if number >= WARMUP:
                    times.append(elapsed)
                    counts.append(len(queries.captured_queries))
            results[key] = {
                "name": name,
                **summary(times),
                "queries_min": min(counts),
                "queries_max": max(counts),
            }
            print(f"  {name}: p95 {results[key]['p95_ms']:.1f} ms", flush=True)
    run = {"size": args.worker, "published": Opportunity.objects.listed().count(), "kinds": results}
    Path(args.out).write_text(json.dumps(run))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", ",".join(str(s) for s in SIZES)))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    return worker(args) if args.worker else parent(args)


if __name__ == "__main__":
    sys.exit(main())
