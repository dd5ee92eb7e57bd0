"""Run the analysis engine on a stored article and save what it found.

The engine (factcheck.analysis) is pure Python and knows nothing of the database; this module
turns its dataclasses into rows, pairs the article with assertions already stored about the same
event (found through the AssertionKey index, never by comparing every pair), and keeps disputes
as the connected groups of oppositions.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify

from . import analysis, audit
from .analysis import types as engine
from .analysis.disputes import components
from .models import (
    Article,
    Assertion,
    AssertionKey,
    Dispute,
    Opposition,
    Side,
    Speaker,
    Status,
)

# How many stored assertions, sharing the most keys with the new ones, are compared at most.
CROSS_ARTICLE_CANDIDATES = 200
# At most this many cross-article pairs per new assertion, the strongest first.
CROSS_PAIRS_PER_ASSERTION = 3
# A key held by more than this share of stored assertions (and more than the minimum) is too
# common to find an event by.
COMMON_KEY_SHARE = 0.02
COMMON_KEY_MIN_POSTINGS = 200
SIDE_PALETTE_SIZE = 8


@dataclass
class AnalysisSummary:
    assertions: int = 0
    oppositions: int = 0
    cross_article: int = 0
    disputes: int = 0


def _side_for(key: str, name: str, cache: dict) -> Side | None:
    if not key:
        return None
    if key not in cache:
        side = Side.objects.filter(key=key[:100]).first()
        if side is None:
            side = Side.objects.create(key=key[:100], name=name[:200] or key, colour=Side.objects.count() % SIDE_PALETTE_SIZE)
        cache[key] = side
    return cache[key]


def _speaker_for(found: engine.Assertion, side: Side | None, cache: dict) -> Speaker | None:
    name = (found.speaker_name or found.speaker).strip()
    key = slugify(name)[:200]
    if not key:
        return None
    if key not in cache:
        speaker, _ = Speaker.objects.get_or_create(key=key, defaults={"name": name[:300], "side": side})
        cache[key] = speaker
    speaker = cache[key]
    written = found.speaker.strip()
    if written and written != speaker.name and written not in speaker.aliases and len(speaker.aliases) < 50:
        speaker.aliases = [*speaker.aliases, written[:300]]
        speaker.save(update_fields=["aliases"])
    if speaker.side_id is None and side is not None:
        speaker.side = side
        speaker.save(update_fields=["side"])
    return speaker


def keys_of(pks) -> dict[int, frozenset[str]]:
    """Blocking keys of stored assertions, in one query (no model instances)."""
    found: dict[int, set[str]] = {}
    for pk, key in AssertionKey.objects.filter(assertion_id__in=list(pks)).values_list("assertion_id", "key"):
        found.setdefault(pk, set()).add(key)
    return {pk: frozenset(keys) for pk, keys in found.items()}


def as_engine_assertion(row: Assertion, keys: frozenset[str] = frozenset()) -> engine.Assertion:
    """A stored assertion in the engine's terms, keyed "db<pk>"."""
    return engine.Assertion(
        id=f"db{row.pk}",
        start=row.start,
        end=row.end,
        quote=row.quote,
        speaker=row.speaker_text,
        speaker_name=row.speaker.name if row.speaker_id else row.speaker_text,
        side=row.side.key if row.side_id else "",
        side_name=row.side.name if row.side_id else "",
        cue=row.cue,
        stance=row.stance,
        checkworthiness=row.checkworthiness,
        keys=keys,
    )


def _ordered(a: Assertion, b: Assertion) -> tuple[Assertion, Assertion]:
    return (a, b) if a.pk < b.pk else (b, a)


def _save_oppositions(found: list[tuple[Assertion, Assertion, engine.Opposition]], *, cross: bool) -> list[Opposition]:
    """Store new pairs in one insert; pairs already stored (in either order) are left as they are."""
    wanted: dict[tuple[int, int], Opposition] = {}
    for left, right, o in found:
        if left.pk == right.pk:
            continue
        first, second = _ordered(left, right)
        if (first.pk, second.pk) in wanted:
            continue
        wanted[(first.pk, second.pk)] = Opposition(
            a=first, b=second, relation=o.relation, score=round(float(o.score), 4), reason=o.reason,
            cross_article=cross,
        )
    if not wanted:
        return []
    firsts = {a for a, _ in wanted}
    seconds = {b for _, b in wanted}
    stored = set(Opposition.objects.filter(a_id__in=firsts, b_id__in=seconds).values_list("a_id", "b_id"))
    new = [o for key, o in wanted.items() if key not in stored]
    return Opposition.objects.bulk_create(new)


def attach_disputes(oppositions: list[Opposition], titles: dict[int, str], *, user=None) -> int:
    """Union the new oppositions with the disputes their assertions already belong to."""
    if not oppositions:
        return 0
    find = components((o.a_id, o.b_id) for o in oppositions)
    groups: dict[int, list[Opposition]] = {}
    for o in oppositions:
        groups.setdefault(find(o.a_id), []).append(o)

    created = 0
    for group in groups.values():
        ids = {o.a_id for o in group} | {o.b_id for o in group}
        existing = list(Dispute.objects.filter(assertions__in=ids).distinct().order_by("pk"))
        if existing:
            dispute = existing[0]
            for other in existing[1:]:  # the new pairs join two disputes: merge them
                Opposition.objects.filter(dispute=other).update(dispute=dispute)
                dispute.assertions.add(*other.assertions.all())
                # The old address keeps working (the dispute view follows this row) and the
                # history says where its pairs went.
                audit.record(user=user, action="merge-dispute", field="dispute", from_value=other.pk,
                             to_value=dispute.pk, note=f"“{other.title}” merged into this dispute", dispute=dispute)
                other.delete()
        else:
            title = next((titles[o.pk] for o in group if o.pk in titles), "") or "Dispute"
            dispute = Dispute.objects.create(title=title[:300])
            created += 1
        Opposition.objects.filter(pk__in=[o.pk for o in group]).update(dispute=dispute)
        dispute.assertions.add(*ids)
        top = max(Assertion.objects.filter(disputes=dispute).values_list("checkworthiness", flat=True), default=0.0)
        # Most check-worthy member, lifted by the pair scores: the queue's sort key.
        dispute.score = round(max(top, max(o.score for o in group)), 4)
        dispute.save(update_fields=["score", "updated_at"])
    return created


def _clear_automatic(article: Article) -> None:
    """Before a re-run: drop automatic results no editor has touched; keep everything else."""
    untouched = (
        Assertion.objects.filter(article=article, origin="auto", status=Status.UNREVIEWED, verdict=None)
        .annotate(n_sources=Count("sources", distinct=True), n_notes=Count("annotations", distinct=True))
        .filter(n_sources=0, n_notes=0)
        .exclude(Q(oppositions_as_a__decision__in=["accepted", "rejected"]) | Q(oppositions_as_b__decision__in=["accepted", "rejected"]))
    )
    Assertion.objects.filter(pk__in=list(untouched.values_list("pk", flat=True))).delete()
    Dispute.objects.filter(assertions=None).delete()


@transaction.atomic
def analyze_article(*, article: Article, user=None, cross_article: bool = True) -> AnalysisSummary:
    """Extract assertions from an article, pair them in and across articles, group disputes."""
    _clear_automatic(article)
    kept = list(Assertion.objects.filter(article=article).only("start", "end"))
    result = analysis.analyze(article.text)

    sides: dict = {}
    speakers: dict = {}
    rows: dict[str, Assertion] = {}
    new_rows: list[Assertion] = []
    for found in result.assertions:
        if any(k.start < found.end and found.start < k.end for k in kept):
            continue  # an editor's (or reviewed) assertion already covers this span
        side = _side_for(found.side, found.side_name, sides)
        row = Assertion(
            article=article,
            speaker=_speaker_for(found, side, speakers),
            side=side,
            speaker_text=found.speaker[:500],
            cue=found.cue[:100],
            stance=found.stance,
            start=found.start,
            end=found.end,
            quote=article.text[found.start:found.end],
            speaker_start=found.speaker_start,
            speaker_end=found.speaker_end,
            cue_start=found.cue_start,
            cue_end=found.cue_end,
            checkworthiness=round(float(found.checkworthiness), 4),
        )
        rows[found.id] = row
        new_rows.append(row)
    Assertion.objects.bulk_create(new_rows)
    AssertionKey.objects.bulk_create(
        [AssertionKey(assertion=rows[f.id], key=k[:120]) for f in result.assertions if f.id in rows for k in sorted(f.keys)],
        ignore_conflicts=True,
    )

    titles: dict[int, str] = {}
    title_of = {}
    for d in result.disputes:
        for i in d.opposition_index:
            title_of[i] = d.title
    in_article = [(i, o) for i, o in enumerate(result.oppositions) if o.a in rows and o.b in rows]
    saved = _save_oppositions([(rows[o.a], rows[o.b], o) for _, o in in_article], cross=False)
    by_pair = {frozenset((o.a_id, o.b_id)): o for o in saved}
    for i, o in in_article:
        stored_pair = by_pair.get(frozenset((rows[o.a].pk, rows[o.b].pk)))
        if stored_pair is not None:
            titles[stored_pair.pk] = title_of.get(i, "")
    summary = AnalysisSummary(assertions=len(new_rows), oppositions=len(saved))

    if cross_article and new_rows:
        cross = _pair_with_stored(article, [f for f in result.assertions if f.id in rows], rows)
        summary.cross_article = len(cross)
        saved.extend(cross)
        titles.update({o.pk: t for o, t in _titles_for(cross).items()})

    summary.disputes = attach_disputes(saved, titles, user=user)
    article.analysed_at = timezone.now()
    article.save(update_fields=["analysed_at"])
    audit.record(
        user=user,
        action="analysed",
        article=article,
        note=f"{summary.assertions} assertions, {summary.oppositions} pairs in the article, "
        f"{summary.cross_article} with other articles",
    )
    return summary


def _event_keys(keys: set[str]) -> set[str]:
    """The keys that can tell one event from another: a key most stored assertions share
    ("actor:russia" in a corpus about Syria) names a topic and would only widen the search."""
    postings = dict(
        AssertionKey.objects.filter(key__in=keys).values("key").annotate(n=Count("id")).values_list("key", "n")
    )
    if not postings:
        return set()
    cap = max(COMMON_KEY_MIN_POSTINGS, int(COMMON_KEY_SHARE * Assertion.objects.count()))
    return {k for k, n in postings.items() if n <= cap}


def _pair_with_stored(article: Article, found: list[engine.Assertion], rows: dict[str, Assertion]) -> list[Opposition]:
    keys = _event_keys({k for f in found for k in f.keys})
    if not keys:
        return []
    candidates = list(
        Assertion.objects.filter(keys__key__in=keys)
        .exclude(article=article)
        .annotate(shared=Count("keys"))
        .order_by("-shared", "-pk")
        .select_related("speaker", "side")[:CROSS_ARTICLE_CANDIDATES]
    )
    if not candidates:
        return []
    stored = {f"db{c.pk}": c for c in candidates}
    keys_by_pk = keys_of(c.pk for c in candidates)
    pairs = analysis.pair_across(
        found, [as_engine_assertion(c, keys_by_pk.get(c.pk, frozenset())) for c in candidates]
    )
    # Keep the strongest few per new assertion: an editor reads each one.
    per_assertion: dict[str, int] = {}
    kept = []
    for p in sorted(pairs, key=lambda p: -p.score):
        new_end = p.a if p.a in rows else p.b
        if per_assertion.get(new_end, 0) >= CROSS_PAIRS_PER_ASSERTION:
            continue
        left = rows.get(p.a) or stored.get(p.a)
        right = rows.get(p.b) or stored.get(p.b)
        if left is None or right is None:
            continue
        per_assertion[new_end] = per_assertion.get(new_end, 0) + 1
        kept.append((left, right, p))
    return _save_oppositions(kept, cross=True)


def _titles_for(oppositions: list[Opposition]) -> dict[Opposition, str]:
    if not oppositions:
        return {}
    members = {}
    for o in oppositions:
        for row in (o.a, o.b):
            members[row.pk] = row
    keys_by_pk = keys_of(members)
    engine_rows = [
        as_engine_assertion(r, keys_by_pk.get(r.pk, frozenset()))
        for r in Assertion.objects.filter(pk__in=members).select_related("speaker", "side")
    ]
    engine_opps = [engine.Opposition(a=f"db{o.a_id}", b=f"db{o.b_id}", relation=o.relation, score=o.score, reason=o.reason) for o in oppositions]
    titles = {}
    for d in analysis.group_disputes(engine_rows, engine_opps):
        ids = set(d.assertion_ids)
        for o in oppositions:
            if f"db{o.a_id}" in ids:
                titles[o] = d.title
    return titles
