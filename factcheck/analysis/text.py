"""Splitting news text into paragraphs, quotations and sentences, keeping character offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_QUOTES = "\"“„«"
CLOSE_QUOTES = "\"”»"
QUOTE_CHARS = "\"“”„«»"
_QUOTE_CHAR = re.compile("[\"“”„«»]")

WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9][\w'’\-\.]*")
TOKEN = re.compile(r"\w+", re.UNICODE)

# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and a capital,
# digit or opening quote. Abbreviations and initials are checked afterwards.
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(A-Z0-9À-Ý])")
_ABBREV = frozenset("""
mr mrs ms dr prof gen lt col maj capt sgt cpl adm gov sen rep rev st sr jr inc corp ltd co no
vs etc jan feb mar apr aug sep sept oct nov dec mt ft dept univ est approx pres atty supt insp
""".split())


# After "a.m." or "U.S." these words almost always open a new sentence.
_STARTER = re.compile(r"\s+(?:The|A|An|He|She|It|They|We|I|But|And|In|On|At|Its|His|Her|Their|This|"
                      r"That|There|However|Police|Officials)\s")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int
    text: str
    quotes: tuple[tuple[int, int], ...]  # absolute spans of quotations touching this sentence
    headline: bool = False


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations in text[start:end] (one paragraph) as absolute (start, end) spans including
    the marks. An unclosed quotation runs to the end of the paragraph, as in news copy."""
    spans: list[tuple[int, int]] = []
    open_at = -1
    straight = False
    for m in _QUOTE_CHAR.finditer(text, start, end):
        i, ch = m.start(), m.group(0)
        if open_at < 0:
            if ch in OPEN_QUOTES:
                open_at, straight = i, ch == '"'
        elif (straight and ch == '"') or (not straight and ch in "”»"):
            spans.append((open_at, i + 1))
            open_at = -1
    if open_at >= 0 and end - open_at > 1:
        spans.append((open_at, end))
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    j = dot
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "(\"“":
        j -= 1
    word = text[j:dot]
    if not word:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return True
    if "." in word:  # "U.S", "a.m"
        return True
    return word.lower() in _ABBREV


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    para = 0
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        pend = n if nl < 0 else nl
        seg_start = pos
        while seg_start < pend and text[seg_start].isspace():
            seg_start += 1
        if seg_start < pend:
            _split_paragraph(text, seg_start, pend, para, sentences)
            para += 1
        pos = pend + 1
    return sentences


def _split_paragraph(text: str, start: int, end: int, para: int, out: list[Sentence]) -> None:
    quotes = quote_spans(text, start, end)
    raw = text[start:end].rstrip()
    end = start + len(raw)
    headline = raw[-1:] not in ".!?\"”’:)" and len(raw.split()) < 25
    cuts = [start]
    for m in _BOUNDARY.finditer(text, start, end):
        cut = m.end()
        if any(qs < cut < qe - 1 for qs, qe in quotes):
            continue
        if text[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(text, m.start()) \
                and not _STARTER.match(text, cut):
            continue
        cuts.append(cut)
    cuts.append(end)
    for a, b in zip(cuts, cuts[1:]):
        while a < b and text[a].isspace():
            a += 1
        if a >= b:
            continue
        qs = tuple(q for q in quotes if q[0] < b and q[1] > a)
        out.append(Sentence(len(out), a, b, para, text[a:b], qs, headline))


def tokens(s: str) -> list[str]:
    return [t.lower() for t in TOKEN.findall(s)]
