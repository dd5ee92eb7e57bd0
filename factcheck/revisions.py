"""Carry annotations from one revision of an article to the next by their quote selectors."""
from __future__ import annotations

from . import audit
from .models import Annotation, Article


def locate(text: str, quote: str, prefix: str, suffix: str, hint: int) -> int:
    """Where the quote stands in text: the occurrence whose context matches best, nearest the hint.
    Returns -1 when the quote is gone."""
    best, best_score = -1, None
    pos = text.find(quote)
    while pos != -1:
        score = 0
        if prefix and text[max(0, pos - len(prefix)):pos] == prefix:
            score += 2
        if suffix and text[pos + len(quote):pos + len(quote) + len(suffix)] == suffix:
            score += 2
        key = (score, -abs(pos - hint))
        if best_score is None or key > best_score:
            best, best_score = pos, key
        pos = text.find(quote, pos + 1)
    return best


def carry_annotations(*, old: Article, new: Article, user=None) -> list[Annotation]:
    """Copy old's annotations onto new; the ones whose quote no longer matches are kept as orphans."""
    carried = []
    for note in Annotation.objects.filter(article=old, orphaned=False):
        pos = locate(new.text, note.quote, note.prefix, note.suffix, note.start)
        copy = Annotation(
            article=new, quote=note.quote, prefix=note.prefix, suffix=note.suffix, body=note.body,
            author=note.author, carried_from=note,
            start=pos if pos >= 0 else note.start, end=(pos if pos >= 0 else note.start) + len(note.quote),
            orphaned=pos < 0,
        )
        copy.save()
        audit.record(user=user, action="annotation-carried", article=new, field="orphaned" if pos < 0 else "",
                     to_value="orphaned" if pos < 0 else "", note=note.body[:200])
        carried.append(copy)
    return carried
