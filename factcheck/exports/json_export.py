"""JSON: the complete report as data, stable enough to re-import elsewhere.

Top level (keys always present, lists sorted by id, dates ISO 8601 in UTC):

    format          "factcheck-report"
    version         1
    generated_at    when the file was made
    scope           {"kind": "dispute"|"article"|"queue"|"all", "id": int|null, "filter": {param: [values]}}
    newsroom        {"name", "url"}
    verdict_scale   [{key, label, description, rating_value (null: no place on the scale), order}]
    sides           [{id, key, name}]
    speakers        [{id, key, name, aliases, side_id, kind ("Person"|"Organization")}]
    articles        [{id, title, url, canonical_url, outlet, author, published_at, imported_at, revision_of_id}]
    assertions      [{id, article_id, speaker_id, speaker (display name), speaker_text (as written),
                      side_id, cue, stance, start, end, quote, checkworthiness, status,
                      draft (true unless published), verdict (key or null), rationale, origin,
                      published_on (date or null), dispute_ids, opposing_ids, created_at, updated_at}]
    oppositions     [{id, a_id, b_id, relation, score, reason, origin, decision, decided_by,
                      decided_at, note, dispute_id, cross_article}]
    disputes        [{id, title, score, assertion_ids, opposition_ids, created_at, updated_at}]
    sources         [{id, assertion_id, url, title, publisher, role, note, added_by, created_at}]
    annotations     [{id, article_id, assertion_id, quote, prefix, suffix, start, end, body,
                      orphaned, author, created_at}]
    history         [{id, created_at, user, action, field, from_value, to_value, note,
                      article_id, assertion_id, opposition_id, dispute_id}]

`start`/`end` are character offsets into the article's plain text. Users appear by username.
"""
from __future__ import annotations

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from .claimreview import author_kind
from .context import Report

FORMAT = "factcheck-report"
VERSION = 1


def _iso(value):
    return value.isoformat() if value is not None else None


def _user(user):
    return user.get_username() if user is not None else None


def as_data(report: Report) -> dict:
    by_id = lambda rows: sorted(rows, key=lambda r: r.pk)  # noqa: E731
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": _iso(report.generated_at),
        "scope": {"kind": report.scope, "id": report.pk, "filter": report.params},
        "newsroom": {"name": settings.FACTCHECK_NEWSROOM_NAME, "url": settings.FACTCHECK_NEWSROOM_URL},
        "verdict_scale": [
            {"key": v.key, "label": v.label, "description": v.description, "rating_value": v.rating_value,
             "order": v.order}
            for v in report.scale
        ],
        "sides": [{"id": s.pk, "key": s.key, "name": s.name} for s in by_id(report.sides)],
        "speakers": [
            {"id": s.pk, "key": s.key, "name": s.name, "aliases": s.aliases, "side_id": s.side_id,
             "kind": author_kind(s.name, s.side.name if s.side_id else "")}
            for s in by_id(report.speakers)
        ],
        "articles": [
            {"id": a.pk, "title": a.title, "url": a.url, "canonical_url": a.canonical_url, "outlet": a.outlet,
             "author": a.author, "published_at": _iso(a.published_at), "imported_at": _iso(a.imported_at),
             "revision_of_id": a.revision_of_id}
            for a in by_id(report.articles)
        ],
        "assertions": [
            {"id": a.pk, "article_id": a.article_id, "speaker_id": a.speaker_id, "speaker": a.speaker_name,
             "speaker_text": a.speaker_text, "side_id": a.side_id, "cue": a.cue, "stance": a.stance,
             "start": a.start, "end": a.end, "quote": a.quote, "checkworthiness": a.checkworthiness,
             "status": a.status, "draft": not a.is_published, "verdict": a.verdict.key if a.verdict_id else None,
             "rationale": a.rationale, "origin": a.origin, "published_on": _iso(a.published_on),
             "dispute_ids": a.dispute_ids, "opposing_ids": a.opposing_ids,
             "created_at": _iso(a.created_at), "updated_at": _iso(a.updated_at)}
            for a in by_id(report.assertions)
        ],
        "oppositions": [
            {"id": o.pk, "a_id": o.a_id, "b_id": o.b_id, "relation": o.relation, "score": o.score,
             "reason": o.reason, "origin": o.origin, "decision": o.decision, "decided_by": _user(o.decided_by),
             "decided_at": _iso(o.decided_at), "note": o.note, "dispute_id": o.dispute_id,
             "cross_article": o.cross_article}
            for o in by_id(report.oppositions)
        ],
        "disputes": [
            {"id": e.dispute.pk, "title": e.dispute.title, "score": e.dispute.score,
             "assertion_ids": sorted(a.pk for col in e.sides for a in col.assertions),
             "opposition_ids": sorted(o.pk for o in e.oppositions),
             "created_at": _iso(e.dispute.created_at), "updated_at": _iso(e.dispute.updated_at)}
            for e in sorted(report.disputes, key=lambda e: e.dispute.pk)
        ],
        "sources": [
            {"id": s.pk, "assertion_id": s.assertion_id, "url": s.url, "title": s.title, "publisher": s.publisher,
             "role": s.role, "note": s.note, "added_by": _user(s.added_by), "created_at": _iso(s.created_at)}
            for s in by_id(report.sources)
        ],
        "annotations": [
            {"id": n.pk, "article_id": n.article_id, "assertion_id": n.assertion_id, "quote": n.quote,
             "prefix": n.prefix, "suffix": n.suffix, "start": n.start, "end": n.end, "body": n.body,
             "orphaned": n.orphaned, "author": _user(n.author), "created_at": _iso(n.created_at)}
            for n in by_id(report.annotations)
        ],
        "history": [
            {"id": h.pk, "created_at": _iso(h.created_at), "user": _user(h.user), "action": h.action,
             "field": h.field, "from_value": h.from_value, "to_value": h.to_value, "note": h.note,
             "article_id": h.article_id, "assertion_id": h.assertion_id, "opposition_id": h.opposition_id,
             "dispute_id": h.dispute_id}
            for h in by_id(report.history)
        ],
    }


def render(report: Report) -> bytes:
    return json.dumps(as_data(report), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")
