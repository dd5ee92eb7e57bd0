"""Workbench page bench: response times and query counts of the queue, an article, a dispute and
the search on a large database.

    .venv/bin/python bench/pages.py                      # SQLite file in a temp dir, 10,000 articles
    .venv/bin/python bench/pages.py --articles 2000 --requests 20
    .venv/bin/python bench/pages.py --database-url postgres://postgres@127.0.0.1:5432/fc_pages_bench

A throwaway database (a SQLite file in a temp dir, or the given PostgreSQL database, dropped and
re-created) is migrated and filled by `generate_corpus` (10,000 articles x 10 assertions = 100,000
assertions by default). Then a logged-in editor requests each page through Django's test Client,
with settings as in production (DEBUG off, cached templates), and the p50/p95 times and the
number of SQL queries per request are printed. Goal: p95 under 100 ms, at most 10 queries.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url: str | None, tmp: str, reuse: bool = False, sqlite_path: str | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    # Production-like: no debug toolbar of queries kept, cached template loader.
    os.environ.update(DEBUG="false", SECRET_KEY="bench-only", ALLOWED_HOSTS="testserver",
                      SECURE_SSL_REDIRECT="false", LOG_LEVEL="ERROR")
    if database_url:
        from urllib.parse import urlsplit

        import psycopg

        name = urlsplit(database_url).path.lstrip("/")
        admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not (reuse and exists):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = sqlite_path or str(Path(tmp) / "pages.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def measure(client, urls: list[str], headers: dict | None = None) -> tuple[list[float], list[int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, cpu, queries = [], [], []
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, headers=headers or {})
            elapsed, elapsed_cpu = time.perf_counter() - started, time.process_time() - started_cpu
        assert response.status_code == 200, (url, response.status_code)
        times.append(elapsed * 1000)
        cpu.append(elapsed_cpu * 1000)
        queries.append(len(ctx.captured_queries))
    return times, cpu, queries


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--assertions-per-article", type=int, default=10)
    parser.add_argument("--requests", type=int, default=50, help="Requests per page.")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--sqlite-path", help="Keep the SQLite database in this file (default: a temp dir).")
    parser.add_argument("--reuse", action="store_true", help="Keep a database filled by an earlier run.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        if args.sqlite_path and not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(args.sqlite_path + suffix).unlink(missing_ok=True)
        setup(args.database_url, tmp, args.reuse, args.sqlite_path)
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from factcheck.models import Article, Assertion, Dispute

        started = time.perf_counter()
        if not (args.reuse and Article.objects.count() >= args.articles):
            call_command("generate_corpus", articles=args.articles - Article.objects.count(),
                         assertions_per_article=args.assertions_per_article,
                         stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
        fill_s = time.perf_counter() - started
        # A desk's database has been vacuumed and analysed; a freshly bulk-loaded one has not.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        user = get_user_model().objects.get_or_create(username="bench-editor")[0]
        user.groups.add(Group.objects.get(name="Editor"))
        client = Client()
        client.force_login(user)

        rng = random.Random(7)
        article_ids = list(Article.objects.values_list("pk", flat=True))
        dispute_ids = list(Dispute.objects.values_list("pk", flat=True))
        n = args.requests
        sample_articles = [rng.choice(article_ids) for _ in range(n)]
        panel = [
            f"/articles/{a.article_id}/?assertion={a.pk}"
            for a in Assertion.objects.filter(article_id__in=sample_articles[:n]).order_by("?")[:n]
        ]
        # Rare, common and everywhere ("near" is in every synthetic claim).
        words = ["bakery", "Palmyra school", "ammunition depot", "hospital", "Aleppo bridge", "training camp", "market",
                 "near", "zebra"]
        pages = {
            "queue": ["/"] * n,
            "queue, page 3": ["/?page=3&apage=3"] * n,
            "queue, filtered": [f"/?status=in_progress&side=synthetic-monitors&outlet=Sample+Wire"] * n,
            "search": [f"/?q={rng.choice(words).replace(' ', '+')}" for _ in range(n)],
            "article": [f"/articles/{pk}/" for pk in sample_articles],
            "article + panel": panel,
            "panel (htmx)": panel,
            "dispute": [f"/disputes/{rng.choice(dispute_ids)}/" for _ in range(n)],
        }
        print(f"{connection.vendor}: {Article.objects.count():,} articles, {Assertion.objects.count():,} assertions, "
              f"{Dispute.objects.count():,} disputes (filled in {fill_s:.0f} s); {n} requests per page")
        # cpu: this process's CPU time per request (for SQLite that includes the database's work;
        # for PostgreSQL not). On a busy machine the wall-clock times also hold the wait for a CPU.
        print(f"{'page':<18} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p50':>8} {'queries':>8}")
        worst_p95, worst_q = 0.0, 0
        for name, urls in pages.items():
            headers = {"HX-Request": "true"} if "htmx" in name else None
            measure(client, urls[:3], headers)  # warm caches and connections
            times, cpu, queries = measure(client, urls, headers)
            worst_p95, worst_q = max(worst_p95, pct(times, 95)), max(worst_q, max(queries))
            q = f"{min(queries)}" if min(queries) == max(queries) else f"{min(queries)}-{max(queries)}"
            print(f"{name:<18} {statistics.median(times):8.1f} {pct(times, 95):8.1f} {max(times):8.1f} "
                  f"{statistics.median(cpu):8.1f} {q:>8}")
        # The times are wall-clock: on a shared machine they include waiting for a CPU.
        print(f"load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
        verdict = "met" if worst_p95 < 100 and worst_q <= 10 else "NOT met"
        print(f"goal p95 < 100 ms and <= 10 queries per page: {verdict} (worst p95 {worst_p95:.1f} ms, {worst_q} queries)")


if __name__ == "__main__":
    main()
