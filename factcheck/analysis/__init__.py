"""factcheck's analysis engine: attributed assertions, the pairs that cannot both stand, disputes.

Pure Python, no Django: text in, dataclasses out.

    analyze(text) -> AnalysisResult
    pair_across(new, stored) -> list[Opposition]
    group_disputes(assertions, oppositions) -> list[Dispute]
"""
from __future__ import annotations

from .attribution import continuation_frames, find_frames
from .disputes import group_disputes
from .features import features, places_in
from .pairing import pair_across, pair_within
from .speakers import SpeakerResolver
from .stance import _owner, blocking_keys, checkworthiness, find_refers, refine_stance
from .text import split_sentences
from .types import AnalysisResult, Assertion, Dispute, Opposition

__all__ = ["analyze", "pair_across", "group_disputes", "AnalysisResult", "Assertion", "Opposition",
           "Dispute"]


def analyze(text: str) -> AnalysisResult:
    sentences = split_sentences(text)
    frames = []
    for s in sentences:
        try:
            found = find_frames(text, s)
        except (IndexError, ValueError, KeyError):
            # One sentence the grammar rules cannot handle must never cost the whole article.
            continue
        frames.extend(f for f in found if 0 <= f.start < f.end <= len(text))
    frames.extend(continuation_frames(text, sentences, frames))
    frames.sort(key=lambda f: (f.sentence.index, f.speaker_start if f.speaker_start < f.start else f.start))
    resolver = SpeakerResolver(text, tuple((s.start, s.end) for s in sentences if s.headline))
    assertions: list[Assertion] = []
    context_places = {}
    last_places: frozenset[str] = frozenset()
    last_sentence = -10
    seen_spans = set()
    owner_sides: dict[str, str | None] = {}
    earlier_speakers: list[tuple[str, str, str]] = []  # (written, side, side name)
    for f in frames:
        if (f.start, f.end) in seen_spans:
            continue
        seen_spans.add((f.start, f.end))
        written = text[f.speaker_start:f.speaker_end]
        ent = resolver.resolve(written, f.speaker_start)
        side, side_name = _same_person_side(ent.name, ent.side, ent.side_name, earlier_speakers)
        if side != ent.side:
            ent = _replace(ent, side=side, side_name=side_name)
        earlier_speakers.append((written, ent.side, ent.side_name))
        content = text[f.start:f.end]
        stance = refine_stance(f.stance, f.verb, content)
        aid = f"a{len(assertions) + 1}"
        places = features(content).places
        # the journalist's narration sets the scene: an assertion without a place of its own
        # inherits the places of the sentence before it
        sent_places = places_in(f.sentence.text)
        if f.sentence.index - last_sentence <= 1:
            ctx = sent_places | last_places
        else:
            ctx = sent_places
        prev_text = sentences[f.sentence.index - 1].text if f.sentence.index > 0 else ""
        if not places:
            ctx = ctx | places_in(prev_text)
        context_places[aid] = frozenset(ctx)
        last_places, last_sentence = sent_places | places, f.sentence.index
        a = Assertion(
            id=aid, start=f.start, end=f.end, quote=content, speaker=written,
            speaker_name=ent.name, side=ent.side, side_name=ent.side_name, cue=f.cue(text),
            stance=stance, speaker_start=f.speaker_start, speaker_end=f.speaker_end,
            cue_start=f.cue_start, cue_end=f.cue_end, sentence=f.sentence.index,
            checkworthiness=checkworthiness(content, stance, ent.kind),
            keys=blocking_keys(content, ent.side if ent.kind == "country" else "", f.sentence.text, prev_text),
            contrast=f.contrast, speaker_kind=ent.kind, paragraph=f.sentence.paragraph,
        )
        assertions.append(a)
        if stance in ("deny", "dispute"):
            owner = _owner(content)  # "the company's figures": resolve "company" as of this sentence
            if owner:
                owner_sides[aid] = resolver.side_of(owner)
    # what each denial or dispute answers: earlier claims, or the next ones after a lede denial
    for i, a in enumerate(assertions):
        if a.stance in ("deny", "dispute"):
            # a reference reaches a few paragraphs at most: a bounded slice keeps huge texts linear
            refs = find_refers(a, assertions[max(0, i - 60):i], owner_side=lambda w, a=a: owner_sides.get(a.id),
                               text=text, later=assertions[i + 1:i + 40])
            if refs:
                assertions[i] = _replace(a, refers_to=refs)
    oppositions = pair_within(assertions, context_places)
    return AnalysisResult(text=text, assertions=assertions, oppositions=oppositions,
                          disputes=group_disputes(assertions, oppositions))


def _same_person_side(name: str, side: str, side_name: str,
                      earlier: list[tuple[str, str, str]]) -> tuple[str, str]:
    """A person named in full again ("Chen Bunn Young") speaks for the side of their first,
    fuller mention ("The chairman of the Commission Chen Bunn Young"), whatever the later form."""
    words = name.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return side, side_name
    for written, first_side, first_name in earlier:
        if first_side != side and written != name and written.endswith(name):
            return first_side, first_name
    return side, side_name


def _replace(a: Assertion, **kw) -> Assertion:
    from dataclasses import replace
    return replace(a, **kw)
