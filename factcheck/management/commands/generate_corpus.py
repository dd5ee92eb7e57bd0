"""Fill the database fast with synthetic articles for load tests and benchmarks.

    manage.py generate_corpus --articles 10000 --assertions-per-article 10

Everything goes in with bulk_create in batches (no analysis engine, no per-row saves): sides,
speakers, articles whose text really contains each assertion at its offsets, assertions with
speaker and cue spans, oppositions between neighbouring assertions and one dispute per article;
the last assertions of each article stay unpaired. Deterministic for a given --seed.
"""
from __future__ import annotations

import random
import time
from datetime import datetime, timedelta, timezone

from django.core.management.base import BaseCommand
from django.db import transaction

from factcheck.models import (
    Article,
    Assertion,
    AssertionKey,
    Dispute,
    Opposition,
    Side,
    Speaker,
    Status,
    VerdictRating,
    content_hash,
)

SIDES = ["Government", "Opposition", "Monitors", "Union", "Council", "Army", "Ministry", "Residents"]
PLACES = ["Palmyra", "Aleppo", "Homs", "Latakia", "Idlib", "Raqqa", "Deir ez-Zor", "Hama", "Daraa", "Tartus"]
THINGS = ["a fortification", "a bakery", "a school", "an ammunition depot", "a hospital", "a bridge", "a market",
          "a command post", "a water plant", "a training camp"]
VERBS = ["struck", "destroyed", "damaged", "hit", "shelled", "bombed"]
CUES = [("said", "assert"), ("claimed", "assert"), ("denied", "deny"), ("disputed", "dispute"),
        ("confirmed", "confirm"), ("insisted", "assert")]
OUTLETS = ["Sample Wire", "Daily Ledger", "Evening Post", "Radio North", "Metro Times"]
STATUSES = [Status.UNREVIEWED] * 6 + [Status.IN_PROGRESS] * 2 + [Status.REVIEWED, Status.PUBLISHED]


class Command(BaseCommand):
    help = "Fill the database with synthetic articles, assertions, pairs and disputes (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--assertions-per-article", type=int, default=10)
        parser.add_argument("--speakers", type=int, default=300)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=1000, help="Articles per transaction.")

    def handle(self, *args, **options):
        rng = random.Random(options["seed"])
        started = time.perf_counter()
        n_articles, per = options["articles"], options["assertions_per_article"]
        sides = [Side.objects.get_or_create(key=f"synthetic-{name.lower()}", defaults={"name": name, "colour": i % 8})[0]
                 for i, name in enumerate(SIDES)]
        speakers = list(Speaker.objects.filter(key__startswith="synthetic-speaker-"))
        if not speakers:
            speakers = Speaker.objects.bulk_create([
                Speaker(key=f"synthetic-speaker-{i}", name=f"{rng.choice(['Colonel', 'Minister', 'Spokesman', 'Mayor', 'Dr'])} "
                        f"{rng.choice(['Adams', 'Baker', 'Costa', 'Dahl', 'Evans', 'Farah', 'Grant', 'Haddad'])} {i}",
                        side=sides[i % len(sides)])
                for i in range(options["speakers"])
            ])
        verdicts = list(VerdictRating.objects.all())
        first_id = (Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        base = datetime(2024, 1, 1, tzinfo=timezone.utc)
        totals = {"articles": 0, "assertions": 0, "oppositions": 0, "disputes": 0}
        for offset in range(0, n_articles, options["batch"]):
            count = min(options["batch"], n_articles - offset)
            with transaction.atomic():
                self._batch(rng, first_id + offset, count, per, speakers, verdicts, base, totals)
            self.stderr.write(f"\r{offset + count:,}/{n_articles:,} articles", ending="")
        self.stderr.write("")
        self.stdout.write(
            f"{totals['articles']:,} articles, {totals['assertions']:,} assertions, {totals['oppositions']:,} pairs, "
            f"{totals['disputes']:,} disputes in {time.perf_counter() - started:.1f} s"
        )

    def _batch(self, rng, start_n, count, per, speakers, verdicts, base, totals):
        articles, plans = [], []
        for n in range(start_n, start_n + count):
            place = rng.choice(PLACES)
            parts, spans = [f"Report {n} from {place}.\n\n"], []
            pos = len(parts[0])
            for j in range(per):
                speaker = rng.choice(speakers)
                cue, stance = rng.choice(CUES)
                claim = (f"{rng.choice(['its jets', 'the strikes', 'the shelling', 'the raid'])} {rng.choice(VERBS)} "
                         f"{rng.choice(THINGS)} near {place} on day {rng.randint(1, 28)}")
                sentence = f"{speaker.name} {cue} that {claim}."
                s_start = pos
                c_start = s_start + len(speaker.name) + 1
                q_start = c_start + len(cue) + len(" that ")
                spans.append((speaker, cue, stance, s_start, c_start, q_start, claim))
                sentence += " " if j % 3 != 2 else "\n\n"
                parts.append(sentence)
                pos += len(sentence)
            text = "".join(parts).strip()
            published = base + timedelta(minutes=n * 7)
            articles.append(Article(
                title=f"Report {n}: {place} strikes disputed", outlet=rng.choice(OUTLETS), text=text,
                content_hash=content_hash(text), published_at=published, url=f"https://example.org/report/{n}",
                canonical_url=f"https://example.org/report/{n}",
            ))
            plans.append(spans)
        Article.objects.bulk_create(articles, batch_size=500)
        if articles[0].pk is None:  # backends that do not return ids from bulk inserts
            by_hash = dict(Article.objects.filter(content_hash__in=[a.content_hash for a in articles])
                           .values_list("content_hash", "pk"))
            for a in articles:
                a.pk = by_hash[a.content_hash]

        rows = []
        for article, spans in zip(articles, plans):
            for speaker, cue, stance, s_start, c_start, q_start, claim in spans:
                status = rng.choice(STATUSES)
                rows.append(Assertion(
                    article=article, speaker=speaker, side_id=speaker.side_id, speaker_text=speaker.name, cue=cue,
                    stance=stance, start=q_start, end=q_start + len(claim), quote=claim,
                    speaker_start=s_start, speaker_end=s_start + len(speaker.name),
                    cue_start=c_start, cue_end=c_start + len(cue),
                    checkworthiness=round(rng.random(), 4), status=status,
                    verdict=rng.choice(verdicts) if status in (Status.REVIEWED, Status.PUBLISHED) and verdicts else None,
                ))
        Assertion.objects.bulk_create(rows, batch_size=1000)
        if rows and rows[0].pk is None:
            ids = list(Assertion.objects.filter(article__in=articles).order_by("article_id", "start").values_list("pk", flat=True))
            for row, pk in zip(sorted(rows, key=lambda r: (r.article.pk, r.start)), ids):
                row.pk = pk
        AssertionKey.objects.bulk_create(
            [AssertionKey(assertion=r, key=r.quote.rsplit(" near ", 1)[-1].split(" on ")[0].lower()) for r in rows],
            batch_size=2000, ignore_conflicts=True,
        )

        # Per article: neighbours paired (claim / counter-claim), the first six in one dispute; the
        # rest stay unpaired.
        per = len(rows) // len(articles) if articles else 0
        disputes = Dispute.objects.bulk_create([
            Dispute(title=f"{a.title.split(': ')[1].replace(' disputed', '')} ({a.pk})", score=0.0) for a in articles
        ])
        if disputes and disputes[0].pk is None:
            disputes = list(Dispute.objects.order_by("-pk")[: len(articles)])[::-1]
        oppositions, members = [], []
        for i, (article, dispute) in enumerate(zip(articles, disputes)):
            mine = rows[i * per:(i + 1) * per][:6]
            for a, b in zip(mine[0::2], mine[1::2]):
                first, second = (a, b) if a.pk < b.pk else (b, a)
                oppositions.append(Opposition(
                    a=first, b=second, relation=rng.choice(["contradicts", "denies", "disputes"]),
                    score=round(0.5 + rng.random() / 2, 4), dispute=dispute,
                    reason=f"{first.speaker_text} and {second.speaker_text} disagree about what was hit near the same place.",
                    decision=rng.choice(["pending", "pending", "accepted", "rejected"]),
                ))
            members.extend(Dispute.assertions.through(dispute=dispute, assertion=a) for a in mine)
            dispute.score = max((a.checkworthiness for a in mine), default=0.0)
        Opposition.objects.bulk_create(oppositions, batch_size=1000)
        Dispute.assertions.through.objects.bulk_create(members, batch_size=2000)
        Dispute.objects.bulk_update(disputes, ["score"], batch_size=1000)
        totals["articles"] += len(articles)
        totals["assertions"] += len(rows)
        totals["oppositions"] += len(oppositions)
        totals["disputes"] += len(disputes)
