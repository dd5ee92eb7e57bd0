"""Export bench: 1,000 reviewed disputes exported in every format; time and query count each.

    .venv/bin/python bench/export.py                        # SQLite in a temp dir, 1,000 disputes
    .venv/bin/python bench/export.py --disputes 200 --skip-pdf
    .venv/bin/python bench/export.py --database-url postgres://postgres@127.0.0.1:5432/fc_export_bench

A throwaway database (a SQLite file in a temp dir, or the given PostgreSQL database, dropped and
re-created) is migrated and filled with bulk_create: per dispute two articles' claims from two
sides, reviewed or published with verdicts, an accepted pair, a source per claim, a note and a
few history rows. Then every format is exported for the whole database ("all") and for one
dispute, and the time and number of SQL queries are printed. The query count must not grow with
the size of the export: the one-dispute and the 1,000-dispute counts should be equal.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url: str | None, tmp: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    if database_url:
        import psycopg
        from urllib.parse import urlsplit

        name = urlsplit(database_url).path.lstrip("/")
        admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(Path(tmp) / "bench.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(n_disputes: int) -> None:
    from datetime import datetime, timedelta, timezone

    from django.contrib.auth import get_user_model

    from factcheck.models import (
        Annotation, Article, Assertion, Dispute, History, Opposition, Side, SourceLink, Speaker, Status,
        VerdictRating, content_hash,
    )

    user = get_user_model().objects.create_user("bench-editor", password="x")
    verdicts = list(VerdictRating.objects.all())
    sides = Side.objects.bulk_create([Side(key=f"side-{i}", name=f"Side {i}", colour=i % 8) for i in range(20)])
    speakers = Speaker.objects.bulk_create([
        Speaker(key=f"speaker-{i}", name=(f"Ministry of Things {i}" if i % 3 == 0 else f"Person Number {i}"),
                side=sides[i % 20])
        for i in range(200)
    ])
    day0 = datetime(2025, 1, 1, 12, tzinfo=timezone.utc)
    articles, texts = [], []
    for i in range(n_disputes * 2):
        claim = f"the event number {i // 2} happened in the way side {i % 2} describes it, on day {i}"
        text = f"Officials spoke on Tuesday. {claim}. More paragraphs of reporting follow here. " * 3
        texts.append((text, claim))
        articles.append(Article(title=f"Article {i}", url=f"https://news.example/{i}", outlet=f"Outlet {i % 7}",
                                published_at=day0 + timedelta(days=i % 300), text=text, content_hash=content_hash(text)))
    articles = Article.objects.bulk_create(articles, batch_size=500)
    assertions = []
    for i, article in enumerate(articles):
        text, claim = texts[i]
        start = text.index(claim)
        speaker = speakers[(i * 7) % 200]
        assertions.append(Assertion(
            article=article, speaker=speaker, side=speaker.side, speaker_text=speaker.name, cue="said",
            start=start, end=start + len(claim), quote=claim,
            status=Status.PUBLISHED if i % 4 == 0 else Status.REVIEWED, verdict=verdicts[i % len(verdicts)],
            rationale=f"Checked against two sources ({i}).",
        ))
    assertions = Assertion.objects.bulk_create(assertions, batch_size=500)
    disputes = Dispute.objects.bulk_create(
        [Dispute(title=f"Dispute {k}", score=1 - k / (n_disputes + 1)) for k in range(n_disputes)], batch_size=500)
    Member = Dispute.assertions.through
    Member.objects.bulk_create([
        Member(dispute=d, assertion=assertions[2 * k + j]) for k, d in enumerate(disputes) for j in (0, 1)
    ], batch_size=1000)
    oppositions = Opposition.objects.bulk_create([
        Opposition(a=assertions[2 * k], b=assertions[2 * k + 1], relation="contradicts", score=0.7, dispute=d,
                   decision="accepted", decided_by=user, reason="numbers differ")
        for k, d in enumerate(disputes)
    ], batch_size=500)
    SourceLink.objects.bulk_create([
        SourceLink(assertion=a, url=f"https://sources.example/{a.pk}", title=f"Source {a.pk}", role="refutes",
                   added_by=user)
        for a in assertions
    ], batch_size=1000)
    Annotation.objects.bulk_create([
        Annotation(article_id=a.article_id, assertion=a, quote=a.quote, start=a.start, end=a.end, body="check this",
                   author=user)
        for a in assertions[::2]
    ], batch_size=1000)
    History.objects.bulk_create(
        [History(user=user, action="publish", field="status", from_value="Reviewed", to_value="Published",
                 assertion=a, article_id=a.article_id) for a in assertions if a.status == Status.PUBLISHED]
        + [History(user=user, action="verdict", field="verdict", to_value=a.verdict.label, assertion=a,
                   article_id=a.article_id) for a in assertions]
        + [History(user=user, action="decide-pair", field="decision", from_value="pending", to_value="accepted",
                   opposition=o, dispute=o.dispute) for o in oppositions],
        batch_size=1000,
    )


def measure(scope: str, fmt: str, pk=None) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from factcheck.exports import export

    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        result = export(scope=scope, fmt=fmt, pk=pk)
        elapsed = time.perf_counter() - started
    return elapsed, len(ctx.captured_queries), len(result.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--disputes", type=int, default=1000)
    parser.add_argument("--database-url", default=None, help="a scratch PostgreSQL database (dropped and re-created)")
    parser.add_argument("--skip-pdf", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        setup(args.database_url, tmp)
        from django.db import connection

        started = time.perf_counter()
        fill(args.disputes)
        print(f"database: {connection.vendor}; filled {args.disputes:,} disputes "
              f"({2 * args.disputes:,} assertions) in {time.perf_counter() - started:.1f} s")
        from factcheck.exports import EXPORTERS
        from factcheck.models import Dispute

        one = Dispute.objects.order_by("pk").first().pk
        print(f"{'format':<12} {'all: seconds':>13} {'queries':>8} {'bytes':>12}   {'1 dispute: s':>12} {'queries':>8}")
        # PDF last: its garbage would slow down the formats measured after it.
        for fmt in sorted(EXPORTERS, key=lambda f: f == "pdf"):
            if fmt == "pdf" and args.skip_pdf:
                continue
            t_all, q_all, size = measure("all", fmt)
            t_one, q_one, _ = measure("dispute", fmt, one)
            print(f"{fmt:<12} {t_all:>13.2f} {q_all:>8} {size:>12,}   {t_one:>12.3f} {q_one:>8}")
        connection.close()
    if args.database_url:
        import psycopg

        name = args.database_url.rsplit("/", 1)[1]
        with psycopg.connect(args.database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":
    main()
