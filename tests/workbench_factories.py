"""Rows for the workbench tests, made directly (no analysis engine): an article where two sides
say opposite things about the same strikes, paired and grouped into a dispute."""
from __future__ import annotations

import itertools

from factcheck.models import Article, Assertion, Dispute, Opposition, Side, Speaker

TEXT = (
    "Moscow said its jets destroyed a fortification near Palmyra. "
    "Monitors said the strikes hit the historic citadel instead. "
    "The Kremlin denied those reports."
)
_counter = itertools.count(1)


def span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def side(key: str, name: str, colour: int = 0) -> Side:
    return Side.objects.get_or_create(key=key, defaults={"name": name, "colour": colour})[0]


def assertion(article: Article, quote: str, speaker: str, *, side_obj: Side | None = None, cue: str = "said",
              stance: str = "assert", checkworthiness: float = 0.5) -> Assertion:
    start, end = span(article.text, quote)
    person = Speaker.objects.get_or_create(key=speaker.lower().replace(" ", "-"), defaults={"name": speaker, "side": side_obj})[0]
    s_start = article.text.rfind(speaker, 0, start)
    c_start = article.text.find(cue, s_start) if s_start >= 0 else -1
    return Assertion.objects.create(
        article=article, speaker=person, side=side_obj, speaker_text=speaker, cue=cue, stance=stance,
        start=start, end=end, quote=quote, checkworthiness=checkworthiness,
        speaker_start=s_start, speaker_end=s_start + len(speaker) if s_start >= 0 else -1,
        cue_start=c_start, cue_end=c_start + len(cue) if c_start >= 0 else -1,
    )


def article(text: str = TEXT, title: str = "Monitors and Moscow disagree over raids", outlet: str = "Sample Wire", **extra) -> Article:
    # A unique tail keeps content hashes apart; the offsets before it are unchanged.
    return Article.objects.create(title=title, text=f"{text} ({next(_counter)})", outlet=outlet, **extra)


def palmyra_dispute():
    """An article, three assertions on two sides, two automatic pairs and their dispute."""
    art = article()
    russia, monitors = side("russia", "Russia", 0), side("monitors", "Monitors", 1)
    claim = assertion(art, "its jets destroyed a fortification near Palmyra", "Moscow", side_obj=russia,
                      checkworthiness=0.8)
    counter = assertion(art, "the strikes hit the historic citadel instead", "Monitors", side_obj=monitors,
                        checkworthiness=0.7)
    denial = assertion(art, "those reports", "Kremlin", side_obj=russia, cue="denied", stance="deny")
    dispute = Dispute.objects.create(title="Strikes near Palmyra", score=0.8)
    dispute.assertions.add(claim, counter, denial)
    first = Opposition.objects.create(a=claim, b=counter, relation="contradicts", score=0.75, dispute=dispute,
                                      reason="Moscow names military targets; monitors say a citadel was hit.")
    second = Opposition.objects.create(a=counter, b=denial, relation="denies", score=0.9, dispute=dispute,
                                       reason="The Kremlin denied the monitors' reports.")
    return {"article": art, "claim": claim, "counter": counter, "denial": denial, "dispute": dispute,
            "first": first, "second": second, "russia": russia, "monitors": monitors}
