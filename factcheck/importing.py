"""Every way an article gets in ends here: one atomic service per article.

import_text() stores the Article, runs the analysis engine and stores its assertions,
oppositions and disputes, then pairs them with articles already stored.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction

from . import audit
from .analyzing import analyze_article
from .models import Article, content_hash


class ImportRejected(ValueError):
    """An input that cannot become an article; the message is shown to the user as is."""


@dataclass
class ImportOutcome:
    status: str  # "imported", "duplicate", "revision", "rejected"
    article: Article | None = None
    message: str = ""
    name: str = ""  # which input: file name, row, URL


def import_text(*, text: str, title: str = "", url: str = "", canonical_url: str = "", outlet: str = "",
                author: str = "", published_at: datetime | None = None, html: str = "", user=None, batch=None,
                analyse: bool = True) -> ImportOutcome:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ImportRejected("The article has no text.")
    if len(text) > settings.FACTCHECK_MAX_ARTICLE_CHARS:
        raise ImportRejected(
            f"The article is {len(text):,} characters long; the limit is {settings.FACTCHECK_MAX_ARTICLE_CHARS:,}."
        )
    title = (title or "").strip() or text.split("\n", 1)[0][:200]
    digest = content_hash(text)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing is not None:
        return ImportOutcome("duplicate", existing, f"Already imported as “{existing.title}”.")
    canonical_url = canonical_url or url
    previous = Article.objects.filter(canonical_url=canonical_url).order_by("-imported_at").first() if canonical_url else None
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=title[:500], url=url, canonical_url=canonical_url, outlet=outlet[:200], author=author[:300],
                published_at=published_at, text=text, html=html, content_hash=digest,
                imported_by=user if (user is not None and user.is_authenticated) else None,
                batch=batch, revision_of=previous,
            )
            audit.record(user=user, action="imported", article=article, note=batch.source if batch else "")
            if previous is not None:
                from .revisions import carry_annotations

                carry_annotations(old=previous, new=article, user=user)
            if analyse:
                analyze_article(article=article, user=user)
    except IntegrityError:
        # A concurrent import of the same text won the race: report it as the duplicate it is.
        existing = Article.objects.filter(content_hash=digest).first()
        if existing is None:
            raise
        return ImportOutcome("duplicate", existing, f"Already imported as “{existing.title}”.")
    if previous is not None:
        return ImportOutcome("revision", article, f"New revision of “{previous.title}”.")
    return ImportOutcome("imported", article, "")
