"""schema.org ClaimReview JSON-LD: one ClaimReview per published verdict.

Only assertions with status "published" and a verdict are written; drafts never leave. The
report's context for this format is built with public=True, and the filter below says it again.

    reviewRating   ratingValue/bestRating/worstRating from the VerdictRating scale (best = highest
                   rating_value, worst = lowest); a verdict with no place on the scale
                   ("unverified") carries alternateName only, no numbers at all.
    itemReviewed   a Claim by the speaker (Person or Organization, see author_kind), with the
                   article it appeared in.
    url            the public report page (dispute, else article) with a #claim-<pk> anchor.
    datePublished  when the verdict was published: the History row that set status to published,
                   else the assertion's last change.
"""
from __future__ import annotations

import json
import re

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from ..models import Status
from .context import Report

ORGANISATION_WORDS = re.compile(
    r"\b(ministry|ministries|minister's office|government|army|armed forces|military|navy|air force|police|"
    r"council|union|company|corporation|corp|inc|ltd|plc|observatory|group|agency|department|office|"
    r"committee|commission|parliament|kremlin|pentagon|white house|embassy|party|coalition|forces|"
    r"authority|authorities|organi[sz]ation|association|federation|institute|university|bank|court|"
    r"spokesperson's office|service|command|administration|board|bureau|foundation|network|news|press)\b",
    re.IGNORECASE,
)


def author_kind(name: str, side_name: str = "") -> str:
    """Organization when the speaker *is* its side (Russia for Russia) or its name has an
    organisation word in it (the Defence Ministry, the city council); otherwise Person."""
    if side_name and name.strip().casefold() == side_name.strip().casefold():
        return "Organization"
    return "Organization" if ORGANISATION_WORDS.search(name) else "Person"


def _public_url(report: Report, assertion) -> str:
    base = settings.FACTCHECK_PUBLIC_BASE_URL.rstrip("/")
    if report.scope == "dispute":
        path = reverse("public-dispute-report", args=[report.pk])
    elif report.scope != "article" and assertion.dispute_ids:
        path = reverse("public-dispute-report", args=[assertion.dispute_ids[0]])
    else:
        path = reverse("public-article-report", args=[assertion.article_id])
    return f"{base}{path}#claim-{assertion.pk}"


def _date(value):
    return timezone.localdate(value).isoformat() if value is not None else None


def claim_review(report: Report, a) -> dict:
    rating = {"@type": "Rating", "alternateName": a.verdict.label}
    if a.verdict.rating_value is not None and report.best_rating is not None:
        rating.update(ratingValue=a.verdict.rating_value, bestRating=report.best_rating,
                      worstRating=report.worst_rating)
    side = a.side or (a.speaker.side if a.speaker_id else None)
    name = a.speaker_name
    appearance = {"@type": "CreativeWork", "headline": a.article.title}
    if a.article.url or a.article.canonical_url:
        appearance["url"] = a.article.url or a.article.canonical_url
    if a.article.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": a.article.outlet}
    article_date = _date(a.article.published_at)
    if article_date:
        appearance["datePublished"] = article_date
    claim = {
        "@type": "Claim",
        "author": {"@type": author_kind(name, side.name if side else ""), "name": name},
        "appearance": appearance,
    }
    if article_date:
        claim["datePublished"] = article_date
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": _public_url(report, a),
        "claimReviewed": a.quote,
        "datePublished": a.published_on.isoformat(),
        "author": {"@type": "Organization", "name": settings.FACTCHECK_NEWSROOM_NAME,
                   "url": settings.FACTCHECK_NEWSROOM_URL},
        "reviewRating": rating,
        "itemReviewed": claim,
    }


def reviews(report: Report) -> list[dict]:
    return [
        claim_review(report, a)
        for a in sorted(report.assertions, key=lambda a: a.pk)
        if a.status == Status.PUBLISHED and a.verdict_id is not None
    ]


# As django.utils.html.json_script: no "</script>" can close the data block early.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def as_script_json(report: Report) -> str:
    """The reviews as JSON safe to put inside <script type="application/ld+json">; "" if none."""
    found = reviews(report)
    return mark_safe(json.dumps(found, ensure_ascii=False).translate(_SCRIPT_ESCAPES)) if found else ""


def render(report: Report) -> bytes:
    return json.dumps(reviews(report), ensure_ascii=False, indent=2).encode("utf-8")
