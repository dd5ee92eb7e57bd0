"""The article text as HTML with its assertions, speakers, cues and notes marked.

Built from offsets on the server, every piece of text escaped. Each run of text sits in its own
element carrying `data-start`, its offset in article.text, and nothing but the article's text is
put between the tags: the page's text content is exactly article.text, so the browser can turn a
selection back into offsets (static/factcheck/app.js).
"""
from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE_SIZE = 8


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str
    title: str = ""


def _valid(start: int, end: int, length: int) -> bool:
    return 0 <= start < end <= length


def _claim_open(a, url: str, selected: bool) -> str:
    side = a.side.name if a.side_id else "No side"
    colour = a.side.colour % PALETTE_SIZE if a.side_id else "none"
    verdict = f" · verdict: {a.verdict.label}" if a.verdict_id else ""
    title = f"#{a.pk} {side} · {a.speaker_name} {a.cue} · {a.get_status_display()}{verdict}"
    href = f"{url}?assertion={a.pk}#panel"
    current = ' aria-current="true"' if selected else ""
    return (
        f'<a class="claim side-{colour} stance-{escape(a.stance)} status-{escape(a.status)}" id="assertion-{a.pk}"'
        f' href="{escape(href)}" hx-get="{escape(url)}?assertion={a.pk}" hx-target="#panel" hx-swap="outerHTML"'
        f' hx-push-url="{escape(href)}" data-label="{escape(side)}" title="{escape(title)}"{current}>'
    )


def highlight(text: str, assertions, annotations=(), *, selected: int | None = None) -> SafeString:
    """HTML for `text` with `assertions` (which must have side, speaker and verdict loaded) as
    links to their panel and annotations as marks. Overlapping assertions: the first one wins the
    link, the text stays whole."""
    length = len(text)
    url = reverse("article", args=[assertions[0].article_id]) if assertions else ""
    claims = []
    last_end = 0
    for a in sorted(assertions, key=lambda x: (x.start, x.end)):
        if _valid(a.start, a.end, length) and a.start >= last_end:
            claims.append(a)
            last_end = a.end
    marks: list[Mark] = []
    for a in assertions:
        colour = a.side.colour % PALETTE_SIZE if a.side_id else "none"
        if _valid(a.speaker_start, a.speaker_end, length):
            marks.append(Mark(a.speaker_start, a.speaker_end, f"speaker side-{colour}", f"Speaker: {a.speaker_name}"))
        if _valid(a.cue_start, a.cue_end, length):
            marks.append(Mark(a.cue_start, a.cue_end, "cue", f"Reporting cue ({a.get_stance_display().lower()})"))
    for note in annotations:
        if _valid(note.start, note.end, length):
            marks.append(Mark(note.start, note.end, "note", f"Note: {note.body}"))

    cuts = {0, length}
    for c in claims:
        cuts.update((c.start, c.end))
    for m in marks:
        cuts.update((m.start, m.end))
    points = sorted(cuts)

    out: list[str] = []
    ci = 0
    open_claim = None
    for p, q in zip(points, points[1:]):
        if open_claim is None and ci < len(claims) and claims[ci].start == p:
            open_claim = claims[ci]
            out.append(_claim_open(open_claim, url, open_claim.pk == selected))
        covering = [m for m in marks if m.start <= p and q <= m.end]
        piece = escape(text[p:q])
        if covering:
            css = " ".join(dict.fromkeys(" ".join(m.css for m in covering).split()))
            title = " · ".join(m.title for m in covering)
            tag = "mark" if any(m.css == "note" for m in covering) else "span"
            out.append(f'<{tag} class="{css}" data-start="{p}" title="{escape(title)}">{piece}</{tag}>')
        else:
            out.append(f'<span data-start="{p}">{piece}</span>')
        if open_claim is not None and open_claim.end == q:
            out.append("</a>")
            open_claim = None
            ci += 1
    return mark_safe("".join(out))
