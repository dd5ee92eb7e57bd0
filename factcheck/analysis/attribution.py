"""Finding attributions: who is reported as saying what, where in the text.

One sentence is read left to right. Every reporting cue ("said", "has ruled out", "according to")
opens a frame; the frame's speaker is the noun phrase the grammar of news English puts next to
the cue, and its content is the span the cue governs (a quotation, a that-clause, an object, or
the clause before a sentence-final "..., he said").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import (
    ACCORDING, ADJUNCT, AND_BREAK, _skip_adjuncts, CLAUSE_BREAK, INTRO, NOUNISH, PARTICIPLES, ROLE_APPOSITION,
    STRICT, _CLAUSEY, _CONTENT_BAD_START, _COORD_END, _COORD_VP, _CUE_WORDS, _NARRATIVE_TAIL,
    _NOT_A_SOURCE, _NOUN_BEFORE, _PASSIVE_BEFORE, _SPEAKER_START, _TRAILING_ADJ, _VERBISH,
    _WEEKDAY, _WORDS_RE, _VERBS, _PUT_FIGURE, _after_dateline, _content_after, _prev_word, _verb_ok, find_cues,
)
from .text import Sentence


_QUOTED_AS = re.compile(r"(?P<cue>quoted)\s+(?P<sp>[^,;:.\"“]{2,70}?)\s+as\s+(?:saying|telling \w+)(?:\s*,)?"
                        r"(?:\s+that)?\s+")


_QUOTED_PASSIVE = re.compile(r"\s+(?:was|were|is|are|has been|have been|had been)\s+(?P<cue>quoted)\s+"
                             r"(?:by\s+[^,;:.\"“]{2,50}?\s+)?as\s+(?:saying|telling \w+)(?:\s*,)?(?:\s+that)?\s+")


_BAD_LAST = frozenset("""the a an of on in to for about with by from and or who which that this these
those his her its their our my your such any some no all other amid despite after against over into""".split())


@dataclass
class Frame:
    sentence: Sentence
    kind: str  # indirect | quote | according | participle | continuation
    verb: str
    stance: str
    cue_start: int
    cue_end: int
    speaker_start: int
    speaker_end: int
    start: int
    end: int
    contrast: bool = False  # introduced by "but", "however", "while"...
    broke: bool = False  # the speaker opens a new clause (after ", and", "but", ";")

    def cue(self, text: str) -> str:
        return text[self.cue_start:self.cue_end]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " ,:;—-\n\t":
        a += 1
    while b > a and text[b - 1] in " ,:;.—-\n\t":
        b -= 1
    return a, b


_INNER_SAY = re.compile(r"(?:[A-Z][\w\-]*|the\s+\w+|some\s+\w+)(?:\s+[\w\-]+){0,3}?\s+(?:say|says|said|told|claim|"
                        r"claimed|insist|insisted|allege|alleged)\s")
_NP_STOP = re.compile(r"(?:has|have|had|is|are|was|were|will|would|can|could|may|might|did|does|do|also|said|says|"
                      r"who|which|that|and|or|but|to|in|on|at|of|for|with|by|from|[a-z]+ed|[a-z]+s)$")
_WHO_SAID = re.compile(r",\s+who\s+(?:also\s+|angrily\s+|later\s+|repeatedly\s+)?(?P<cue>said|say|says|told \w+|"
                       r"claimed|claim|insisted|insist|alleged|shouted|yelled|added)\s+(?:that\s+)")
_NP_BEFORE = re.compile(r"\b((?:the|a|an|his|her|their|its)\s+(?:[\w\-’']+\s+){0,3}?[\w\-’']+)(?:\s+directly)?\s*$")
# cue words that are nouns too: read as nouns after "a"/"an" or before a preposition a verb never takes
_NOUN_TOO = frozenset("dispute disputes claim claims report reports charge charges challenge estimate "
                      "note notes call calls warning denial".split())
_NOUN_NEXT = re.compile(r"\s+(?:over|with|between|against|about|among|settlement|resolution|mechanism|panel|"
                        r"body|process|case|ruling)\b")
_INDEF_BEFORE = re.compile(r"\b(?:a|an)\s+(?:[\w\-]+\s+)?$")
_ADDING = re.compile(r",\s*(?:adding|saying|noting|insisting)\b")
_REL_BEFORE = re.compile(r",\s*(?:which|that|who)\s*$")
_NO_COMMA_OK = re.compile(r"\b(?:statement|release|letter|report|post|tweet|email|poll|vote|results?|decision|"
                          r"conduct|claims?|allegations?|accusations?)\s*$")
_NAMED_NOUN = re.compile(r"(?:\b(?:the|a|an|this|that|those|these)\s+[A-Z][\w\-]*|\b[a-z]+ed\s+(?:Monday|Tuesday|"
                         r"Wednesday|Thursday|Friday|Saturday|Sunday))\s*$")
_OF_AFTER = re.compile(r"\s+(?:of|about|from|by)\b")
_OBJECT_RELATIVE = re.compile(r"\b(?:a|an)\s+[a-z]+\s+(?:the|a|an|its|their|his|her)\s+[\w\s]*$")
_ROLE_TAIL = re.compile(r"\b(?:spokes(?:man|woman|person)|official|minister|secretary|director|chief|"
                        r"commander|lawyer|attorney|adviser|advisor|aide|president|chairman|chairwoman|"
                        r"head|leader|representative|officer|executive)$", re.I)


def subject_before(text: str, lo: int, cue_start: int, allow_and: bool) -> tuple[int, int, bool] | None:
    """The subject noun phrase ending at cue_start, within [lo, cue_start).
    Returns (start, end, broke_at_clause_boundary)."""
    seg = text[lo:cue_start]
    start = 0
    broke = False
    for m in CLAUSE_BREAK.finditer(seg):
        # a bare "after"/"because" opens a subordinate clause: a new subject, not a new frame
        start, broke = m.end(), not m.group(0).startswith((" ", "\t", "\n"))
    if not start:
        start = _after_dateline(text, lo, cue_start) - lo
    for m in AND_BREAK.finditer(seg, start):
        if allow_and or _VERBISH.search(seg, start, m.start()):
            start, broke = m.end(), True
    # a quotation right before the subject ("...," he said) bounds it too
    q = max(seg.rfind('"', start), seg.rfind("”", start))
    if q >= 0 and not re.match(r"\s+(?:and|or)\s", seg[q + 1:]):  # '“not acting like himself” and walking'
        start, broke = q + 1, True
    a = lo + start
    for _ in range(5):
        while a < cue_start and text[a] in " ,":
            a += 1
        im = INTRO.match(text, a, cue_start)
        if not im or im.end() == a:
            break
        a = im.end()
    e = cue_start
    while e > a and text[e - 1] in " ,":
        e -= 1
    m_day = re.search(r"\s+(?:on\s+)?(?:" + _WEEKDAY + r"|today|yesterday|earlier|later|also|now|"
                      r"(?:last|this|next)\s+(?:week|month|year|night))$", text[a:e])
    if m_day:
        e = a + m_day.start()  # "T-Mobile Tuesday refuted"
    if e <= a:
        return None
    s = a
    sub = text[s:e]
    words = sub.split()
    rel = re.search(r"\s(?:that|which|whom)\s+((?:the\s+)?[A-Z][\w\.’'\-]*(?:\s+[A-Z][\w\.’'\-]*){0,3}|"
                    r"(?:he|she|they|it|we|officials|police|witnesses)(?:\s+\w+)?)$", sub)
    if rel and not _CLAUSEY.search(rel.group(1)):
        # "a convoy of trucks that Russia says is filled with aid": the subject of the relative clause
        return e - len(rel.group(1)), e, False
    head = re.split(r"\s(?:who|which|whose)\s", sub.split(",")[0])[0]
    if (len(words) > 30 or not _SPEAKER_START.match(sub) or (_CLAUSEY.search(head) and len(head.split()) > 2)) \
            and ", " in sub:
        # "The civilians were killed when ..., the ministry claimed": the subject is the last chunk
        last = sub.rsplit(", ", 1)[1]
        if _SPEAKER_START.match(last) and len(last.split()) <= 12 and not _CLAUSEY.search(last):
            return e - len(last), e, True
    if len(words) > 30 or not _SPEAKER_START.match(sub):
        return None
    # a clause ("the man who was shot") is not a speaker, unless the clause sits in an apposition
    if _CLAUSEY.search(head) and len(head.split()) > 2:
        return None
    if words[-1].lower() in _BAD_LAST:
        return None
    return s, e, broke


def _speaker_after(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """Inverted attribution: '..., said the ministry' / '..., says John Smith, a lawyer.'"""
    m = re.match(r"\s*((?:the |a |an )?[A-Z\w][^;:\"“”]*?)(?=\s*(?:,\s*(?:adding|saying|who|which|"
                 r"according|citing|noting|in)\b|\s+(?:on|in|at|late|early)\s|[.;:!?]?\s*$|,\s*\"|,\s*“))",
                 text[pos:end])
    if not m:
        return None
    a = pos + m.start(1)
    b = pos + m.end(1)
    words = text[a:b].split()
    if not words or len(words) > 16:
        return None
    return a, b


def _quote_ending_at(sent: Sentence, text: str, pos: int) -> tuple[int, int] | None:
    """A quotation that closes right before pos (allowing a comma and spaces)."""
    for qs, qe in sent.quotes:
        between = text[qe:pos]
        if qe <= pos and len(between) <= 3 and not between.strip(" ,"):
            return qs, qe
    return None


def _quote_starting_at(sent: Sentence, text: str, pos: int) -> tuple[int, int] | None:
    for qs, qe in sent.quotes:
        between = text[pos:qs]
        if qs >= pos and len(between) <= 3 and not between.strip(" ,:"):
            return qs, min(qe, sent.end)
    return None


def find_frames(text: str, sent: Sentence) -> list[Frame]:
    frames: list[Frame] = []
    if sent.headline:
        return frames
    s0, s1 = sent.start, sent.end
    if "ccording to" not in sent.text and _CUE_WORDS.isdisjoint(_WORDS_RE.findall(text, s0, s1)):
        return frames  # narration: no reporting cue at all
    contrast_sentence = bool(re.match(r"[\"“]?(?:But|However|Yet|Still|While|Whereas|Although|"
                                      r"Though|Instead|In contrast|Nevertheless)\b", sent.text))
    floor = s0
    prev_end_cue = -1
    # "according to X" frames
    for m in ACCORDING.finditer(text, s0, s1):
        if any(q[0] < m.start() < q[1] for q in sent.quotes):
            continue  # "According to our staff, ..." inside a quotation belongs to the quoted speaker
        before = text[s0:m.start()].rstrip()
        if before and not before.endswith(",") and not INTRO.fullmatch(text[s0:m.start()]):
            continue  # "stored according to international standards": not a source
        if _NOT_A_SOURCE.match(text, m.end(), s1):
            continue
        f = _according(text, sent, m)
        if f and f.start < m.start() and (_INNER_SAY.match(text, f.start, f.end) or _inner_cue_that(text, f.start, f.end)):
            continue  # "Witnesses say ..., according to the Guardian": the witnesses are the source
        if f:
            f.contrast = contrast_sentence
            frames.append(f)
    who_cues: set[int] = set()
    for m in _WHO_SAID.finditer(text, s0, s1):  # "... called the elders, who said that ..."
        if any(q[0] < m.start() < q[1] for q in sent.quotes):
            continue
        np = _NP_BEFORE.search(text, max(s0, m.start() - 60), m.start())
        if not np:
            continue
        a, b = _end_content(text, m.end(), s1)
        if b - a > 3:
            verb = m.group("cue").split()[0]
            who_cues.add(m.start("cue"))
            frames.append(Frame(sent, "indirect", verb, _VERBS.get(verb, "assert"), m.start("cue"), m.end("cue"),
                                np.start(1), np.end(1), a, b, contrast_sentence))
    for m in (_QUOTED_PASSIVE.finditer(text, s0, s1) if "quoted" in sent.text else ()):  # "Petrov was quoted (by Interfax) as saying ..."
        if any(q[0] < m.start() < q[1] for q in sent.quotes):
            continue
        subj = subject_before(text, s0, m.start(), False)
        a, b = _end_content(text, m.end(), s1)
        if subj and b > a:
            frames.append(Frame(sent, "indirect", "quoted", "assert", m.start("cue"), m.end("cue"),
                                subj[0], subj[1], a, b, contrast_sentence))
    for m in _QUOTED_AS.finditer(text, s0, s1):  # "Interfax quoted Ivan Petrov as saying ..."
        a, b = _trim(text, m.end(), s1)
        if b > a:
            frames.append(Frame(sent, "indirect", "quoted", "assert", m.start("cue"), m.end("cue"),
                                m.start("sp"), m.end("sp"), a, b, contrast_sentence))
    for m in find_cues(text, s0, s1):
        verb = m.group("verb")
        aux = m.group("aux")
        part_stance = PARTICIPLES.get(verb)
        if verb not in _VERBS and not part_stance:
            continue
        if any(q[0] < m.start() < q[1] for q in sent.quotes) and not _inside_long_quote_ok(sent, m):
            continue
        negated_cue = bool(re.search(r"\b(?:not|never)\b|n't", aux) or text[m.start() - 3:m.start()] == "n't")
        if negated_cue and not verb.startswith("rul"):
            continue  # "did not say"; but "did not rule out X" leaves X open, a claim of its own
        verb_start = m.start("verb")
        prev = _prev_word(text, m.start(), s0)
        if part_stance and prev in ("is", "are", "was", "were", "been", "keeps", "kept") and not negated_cue \
                and not re.search(r"\b(?:who|which|that)\s+\w+\s*$", text[s0:m.start()]):
            # "The company is saying it did nothing wrong": a progressive, a finite report
            be = text.rfind(prev, s0, m.start())
            aux_m = re.search(r"(?:\b(?:has|have|had)\s+)?$", text[s0:be])
            be = s0 + aux_m.start() if aux_m and aux_m.group(0) else be
            f = _frame_for_cue(text, sent, "says", part_stance, be, m.end(), floor, prev_end_cue >= 0)
            head = text[f.start:f.end] if f else ""
            if f and not (text[m.end():f.start].strip().endswith("that") or head[:1] in "\"“" or re.match(
                    r"(?:it|he|she|they|we|i|there|the|a|an|his|her|their|its|our|this|these|those|no|all|"
                    r"[A-Z\d][\w\-]*)\b(?:\s+[\w\-’']+){0,5}?\s+(?:is|was|were|are|has|have|had|will|would|"
                    r"could|did|does|do|can|may|might|must|[a-z]+ed)\b", head)):
                f = None  # "was saying goodbye": no reported clause
            if f:
                f.contrast = f.contrast or contrast_sentence
                frames.append(f)
                floor = prev_end_cue = m.end()
            continue
        if prev in _PASSIVE_BEFORE or prev in ("not", "never", "n't"):
            continue
        if verb == "read" and prev not in ("statement", "letter", "notice", "sign", "message", "post",
                                           "tweet", "note", "banner", "placard", "headline", "text"):
            continue
        if verb in NOUNISH and (prev in _NOUN_BEFORE or re.search(r"(?:’s|'s|s’|s')\s*$", text[s0:m.start()])):
            continue
        if verb in ("report", "reports", "claims", "claim", "account") and not aux and _NAMED_NOUN.search(
                text[max(s0, m.start() - 40):m.start()]):
            continue  # "the Tribune report", "denied Monday reports that ...": nouns, not cues
        if prev in _NOUN_BEFORE and verb.endswith("ed") and verb not in ("said",) and not re.search(
                r"\b(?:has|have|had|was|were|is|are|will|would|did|does|do|could|may|might)\b", aux):
            continue  # "the alleged attack", "the reported deaths", "a previously reported count"
        if verb in ("reports", "report", "claims", "claim") and _OF_AFTER.match(text, m.end(), s1):
            continue  # "after receiving reports of someone acting strangely": a noun
        if verb in _NOUN_TOO and (_NOUN_NEXT.match(text, m.end(), s1) or _INDEF_BEFORE.search(
                text[max(s0, m.start() - 30):m.start()])):
            continue  # "launched a trade dispute against ...", "a legal challenge", "the dispute over pay"
        if any(f.start <= m.start() < f.end or f.cue_start <= m.start() < f.start
               for f in frames if f.kind == "according" or f.verb == "quoted"):
            continue
        if m.start("verb") in who_cues:
            continue  # already read as "NP, who said ..."
        cue_start = m.start() if aux.strip() else verb_start
        cue_end = m.end()
        if part_stance:
            f = _participle(text, sent, m, frames, part_stance)
            if f:
                f.contrast = contrast_sentence
                frames.append(f)
            continue
        if not _verb_ok(text, verb, cue_end, s1):
            continue
        stance = "assert" if negated_cue else _VERBS[verb]
        prev = next((g for g in reversed(frames) if g.kind != "according"), None)
        f = _frame_for_cue(text, sent, verb, stance, cue_start, cue_end, floor, prev_end_cue >= 0, prev)
        if f is None:
            continue
        if not text[f.speaker_start].isupper() and _OBJECT_RELATIVE.search(
                text[max(s0, f.speaker_start - 3):f.speaker_end]):
            continue  # "-- a demand the commission has rejected": an object relative, not a source
        # "Kellogg said that prior to the strikes, Kurdish forces said ...": a speaker quoted inside
        # another's content, after a bare adverbial, is nested in it
        outer = [g for g in frames if g.kind == "indirect" and g.start < f.speaker_start < g.end]
        if outer and f.kind == "indirect" and not f.contrast and len(text[outer[-1].start:f.speaker_start].split()) <= 6 \
                and not _VERBISH.search(text, outer[-1].start, f.speaker_start):
            continue
        # a cue inside the content of an earlier frame, not opened by a clause break, is nested
        nested = [g for g in frames if g.kind in ("indirect", "participle") and g.start <= f.speaker_start]
        if nested and not (f.broke or f.contrast) and f.kind == "indirect":
            continue
        cut_at = f.speaker_start if f.speaker_start > f.sentence.start and f.speaker_start < f.cue_start \
            and not any(g.speaker_start == f.speaker_start for g in frames) else f.cue_start
        for g in frames:
            if g.kind != "according" and g.start < cut_at < g.end:
                g.end = _trim(text, g.start, _cut_connector(text, g.start, cut_at))[1]
        f.contrast = f.contrast or contrast_sentence
        frames.append(f)
        floor = cue_end
        prev_end_cue = cue_end
    # "Drysdale claimed Judge said '...', and that he later added, '...'": a cue inside another
    # frame's content whose own content reaches back over that content is nested in it, not a frame
    frames = [f for f in frames if not any(
        g is not f and g.cue_end <= f.cue_start and f.start < f.cue_start and abs(f.start - g.start) <= 2
        for g in frames)]
    for f in frames:
        f.speaker_start, f.speaker_end = clean_speaker(text, f.speaker_start, f.speaker_end)
        f.start, f.end = clean_content(text, f.start, f.end)
    return [f for f in frames if f.end > f.start]


# A fronted adverbial is not part of the speaker: "In his statement to the commission, Drysdale",
# "About the young workers, he", "issued on Friday, the police"; nor a subordinator or a connector
# ("When the CDC", "Though nurses", "that he"), nor a trailing discourse adverb ("X, however").
_FRONTED = re.compile(r"(?:in|on|at|about|after|before|during|since|when|while|though|although|as|following|"
                      r"despite|amid|asked|speaking|responding|writing|with|without|under|from|for|by|within|"
                      r"across|near|unlike|if|because|once|to|regarding|referring|commenting|"
                      r"sent|made|given|written|held|shown|seen|taken|put|read|[a-z]+ed|[a-z]+ing)\b[^,]*,\s+", re.I)
_LEAD_WORD = re.compile(r"(?:when|while|though|although|as|if|because|once|since|that|and|but|so|"
                        r"whereas|after|before|until|unless)\s+(?=\S)", re.I)
_TAIL_ADVERB = re.compile(r",?\s+(?:however|though|too|meanwhile|in turn|for (?:its|his|her|their) part|"
                          r"in response|instead|also|(?:citing|quoting) [^,]{2,60}|in an? (?:[\w\-]+ ){0,2}?"
                          r"(?:post|statement|interview|letter|tweet|video|briefing)(?: on [^,]{1,30})?)\s*,?\s*$", re.I)


def clean_speaker(text: str, a: int, b: int) -> tuple[int, int]:
    for _ in range(3):
        m = _FRONTED.match(text, a, b)
        if not m or b - m.end() < 2 or (text[a].isupper() and not _FRONTED.match(text[a:m.end()].lower())):
            break
        if text[a:m.end()].split()[0].lower().endswith(("ed", "ing")) and text[a].isupper():
            break  # "Reporting Staff, ...": a name, not a participle
        a = m.end()
    m = _LEAD_WORD.match(text, a, b)
    if m and b - m.end() >= 2:
        a = m.end()
    m = _TAIL_ADVERB.search(text, a, b)
    if m and m.start() > a:
        b = m.start()
    return a, b


_CONTENT_CONNECTOR = re.compile(r"(?:moreover|however|furthermore|besides|meanwhile|nevertheless|also|"
                                r"in addition|additionally|but|and|yet|still|instead)\s*,\s*", re.I)


def clean_content(text: str, a: int, b: int) -> tuple[int, int]:
    """'Moreover, one of the exit staircases was locked, firefighters said': the connector links the
    sentence to the narration; it is not part of what was said."""
    if text[a:a + 1] not in "\"“‘'":
        m = _CONTENT_CONNECTOR.match(text, a, b)
        if m and b - m.end() > 10:
            a = m.end()
    return a, b


_INNER_CUE = re.compile(r"(?:[A-Z][\w\-’'\.]*|the\s+\w+)(?:\s+[\w\-’'\.]+){0,5}?\s+(?:has\s+|have\s+|had\s+|also\s+)?"
                        r"([a-z]+)\s+that\s")


def _inner_cue_that(text: str, a: int, b: int) -> bool:
    """'Texas Health confirmed that ..., according to the statement': the inner subject and cue are
    the attribution; the trailing 'according to' names the document."""
    m = _INNER_CUE.match(text, a, b)
    return bool(m) and m.group(1) in _VERBS


def _inside_long_quote_ok(sent: Sentence, m: re.Match) -> bool:
    return False


def _cut_connector(text: str, a: int, b: int) -> int:
    seg = text[a:b]
    m = re.search(r"(?:,?\s*(?:but|and|while|whereas|although|though|yet)\s*|;\s*|,\s*)$", seg)
    return a + m.start() if m else b


def _leading_np(text: str, a: int, b: int) -> tuple[int, int] | None:
    lead = text[a:b]
    im = INTRO.match(lead)
    off = a + (im.end() if im else 0)
    words = list(re.finditer(r"[\w\.’'\-]+", text[off:b]))
    end = None
    i = 0
    if words and words[0].group(0).lower() in ("the", "a", "an", "its", "his", "her", "their"):
        i = 1
    caps = 0
    while i < len(words) and words[i].group(0)[:1].isupper():
        end = words[i].end()
        caps += 1
        i += 1
    if not caps and i < len(words):
        end = words[i].end()  # "the ministry"
        j = i + 1
        while j < len(words) and j - i < 3 and words[j].group(0).islower() and not _NP_STOP.match(words[j].group(0)):
            end = words[j].end()  # "the observer mission"
            j += 1
    if end is None:
        return None
    return off, off + end


def _end_content(text: str, a: int, b: int, kind: str = "indirect") -> tuple[int, int]:
    a, b = _trim(text, a, b)
    m = _NARRATIVE_TAIL.search(text, a, b)
    if m:
        b = m.start()
    m = _COORD_VP.search(text, a, b)
    if m and kind == "indirect":
        b = _trim(text, a, m.start())[1]
    if len(text[a:b].split()) <= 6:
        m = _TRAILING_ADJ.search(text[a:b])
        if m and m.start() > 0:
            b = a + m.start()
    return a, b


_PARENTHETICAL = re.compile(r"(?P<pre>[^,;:\"“”]*?\S),\s+(?P<sp>[^,;:\"“”]{2,60}?)\s*$")
_SUBORDINATE = re.compile(r"(?:since|when|after|before|while|as|in|on|at|during|following|despite|amid|"
                          r"although|though|if|because|until|by|for|with)\b", re.I)


def _parenthetical(text, sent, verb, stance, cue_start, cue_end, floor) -> Frame | None:
    """'The strike, the union said, would go ahead' / 'Since May, the union says, 124 nurses were sent
    home': a cue between commas inside the clause it reports."""
    if "," not in text[cue_end:cue_end + 45] or "," not in text[max(floor, sent.start):cue_start]:
        return None
    m = _PARENTHETICAL.match(text, max(floor, sent.start), cue_start)
    if not m:
        return None
    rest = re.match(r"(?:\s+(?:on|last|this|earlier|in a statement|in an interview)\b[^,]{0,30})?\s*,\s+"
                    r"(?P<r>[^\"“”]+?)[.!?]?\s*$", text[cue_end:sent.end])
    if not rest:
        return None
    sp = m.group("sp")
    pre = m.group("pre")
    r_text = rest.group("r")
    if not _SPEAKER_START.match(sp) or len(sp.split()) > 8 or _VERBISH.search(sp) or _CLAUSEY.search(sp):
        return None
    if not _VERBISH.search(r_text) and not re.search(r"\b(?:will|would|can|could|may|might|must|should)\b", r_text):
        return None
    if re.match(r"(?:and|but|or|who|which|adding|saying|according)\b", r_text):
        return None
    sp_a = m.start("sp")
    r_a = cue_end + rest.start("r")
    r_b = cue_end + rest.end("r")
    if _SUBORDINATE.match(pre):
        a, b = r_a, r_b  # the fronted adverbial is the journalist's frame
    else:
        if _VERBISH.search(pre) or len(pre.split()) > 10 or not r_text[:1].islower():
            return None
        a, b = m.start("pre"), r_b
    a, b = _trim(text, a, b)
    if b - a < 8:
        return None
    return Frame(sent, "indirect", verb, stance, cue_start, cue_end, sp_a, m.end("sp"), a, b)


def _frame_for_cue(text, sent, verb, stance, cue_start, cue_end, floor, has_prev, prev=None) -> Frame | None:
    s1 = sent.end
    if verb in ("said", "says", "say", "added", "adds", "claimed", "claims", "insisted", "insists", "alleged",
                "believes", "believe", "argued", "argues", "noted", "warned", "maintained", "maintains"):
        f = _parenthetical(text, sent, verb, stance, cue_start, cue_end, floor)
        if f:
            return f
    content_start = _content_after(text, verb, cue_end, s1)
    rest = text[content_start:s1].strip(" .!?\"”")
    subj = subject_before(text, floor, cue_start, has_prev)
    if subj is not None and re.search(r"[,\"”]\s*$", text[floor:cue_start]) and verb in (
            "said", "says", "added", "adds", "wrote", "writes"):
        sp = _speaker_after(text, cue_end, s1)
        head = text[sp[0]:sp[1]].split(",")[0] if sp else ""
        rest_after = text[sp[1]:s1] if sp else ""
        tail_ok = not rest_after.strip(" .!?\"”") or rest_after.lstrip().startswith(",") or bool(
            ADJUNCT.match(rest_after))
        pre = text[floor:cue_start].rstrip(" ,")
        named_role = "," in pre and ROLE_APPOSITION.match(pre.rsplit(",", 1)[1].strip()) and not _VERBISH.search(
            pre) and not re.search(r"[\"”]", pre)  # "Lt Col Rahman, the service's director, said the building ..."
        if sp and tail_ok and not named_role and re.match(r"(?:the |a |an |[A-Z])", head) and len(head.split()) <= 8 and not _VERBISH.search(head) and not re.search(
                r"\b(?:will|would|could|can|may|be|been|that)\b", head):
            subj = None  # inverted: '..., said Anna Berg, a union organiser.'
    if subj is None and _COORD_END.search(text[floor:cue_start]) and not _quote_starting_at(sent, text, content_start) \
            and not _CONTENT_BAD_START.match(text[content_start:s1]) and rest:
        # "X denied the report and said ...": the coordinated verb shares X as subject
        sp = (prev.speaker_start, prev.speaker_end) if prev else _leading_np(text, sent.start, cue_start)
        if sp:
            a, b = _end_content(text, content_start, s1)
            return Frame(sent, "indirect", verb, stance, cue_start, cue_end, sp[0], sp[1], a, b, False, True)
    quote_before = _quote_ending_at(sent, text, subj[0] if subj else cue_start)
    if quote_before and text[max(floor, _after_dateline(text, sent.start, cue_start)):quote_before[0]].strip(" ,:—-"):
        lead = text[max(floor, sent.start):quote_before[0]].strip(" ,:—-")
        if lead and not INTRO.fullmatch(lead + ", "):
            quote_before = None  # '... saw their "precision-guided bomb" strike its target, he said'

    after_cue = text[_skip_adjuncts(text, cue_end, s1):s1].lstrip()
    final = not rest or (after_cue.startswith(",") and not _quote_starting_at(sent, text, content_start)
                         and not re.match(r",\s*(?:that|saying|adding)\b", after_cue))
    if quote_before and not final and _ADDING.match(after_cue):
        final = True  # '"...," the engineer said, adding that ...': the quotation is what he said
    if quote_before and not final and not _quote_starting_at(sent, text, content_start) \
            and " that " not in f" {rest} " and not any(c in rest for c in "\"“"):
        final = True  # '"...," he told a rally outside the station.'
    if subj is None:
        # inverted: '"...," said the ministry.' / '..., said John Smith.'
        before = text[max(sent.start, cue_start - 3):cue_start]
        if "," in before or any(c in before for c in "\"”"):
            sp = _speaker_after(text, cue_end, s1)
            if sp:
                q = _quote_ending_at(sent, text, cue_start)
                if q:
                    a, b = q
                else:
                    a, b = _trim(text, floor, text.rfind(",", floor, cue_start))
                if b > a:
                    return Frame(sent, "quote" if q else "indirect", verb, stance, cue_start, cue_end,
                                 sp[0], sp[1], a, b)
        return None
    sp_start, sp_end, broke = subj
    if final and "," in text[sp_start:sp_end]:
        # "The officer, who was not named, was suspended, the department said."
        for m in re.finditer(r",\s+", text[sp_start:sp_end]):
            before = re.sub(r",\s*(?:who|which)\b[^,]*", "", text[sp_start:sp_start + m.start()])
            if _VERBISH.search(before) or re.search(r"\b(?:will|would|can|could|be|been)\b", before):
                sp_start = sp_start + m.end()
                broke = True
        chunks = text[sp_start:sp_end].split(", ")
        if len(chunks) > 1 and len(chunks[0].split()) >= 4 and not ROLE_APPOSITION.match(chunks[-1]) \
                and not _ROLE_TAIL.search(chunks[-2]):  # "U.S. Central Command spokesman, Maj. Kellogg"
            # "... when the shells hit the market, the ministry claimed": content, then the speaker
            sp_start = sp_end - len(chunks[-1])
            broke = True
    contrast = broke and bool(re.search(r"(?:but|while|whereas|however|yet)\W*$",
                                        text[max(floor, sp_start - 12):sp_start]))
    q2 = _quote_starting_at(sent, text, content_start)
    if quote_before and (final or q2):
        a = quote_before[0]
        b = q2[1] if q2 else quote_before[1]
        return Frame(sent, "quote", verb, stance, cue_start, cue_end, sp_start, sp_end, a, b, contrast, broke)
    if final:
        # content before: "The strikes were precise, the ministry said."
        if sp_start - floor < 8:
            return None
        a, b = _trim(text, _after_dateline(text, floor, sp_start), sp_start)
        return Frame(sent, "indirect", verb, stance, cue_start, cue_end, sp_start, sp_end, a, b, contrast, broke)
    if verb in STRICT and not (text[cue_end:content_start].rstrip().endswith("that") or q2) and not (
            verb.startswith("estimat") and _PUT_FIGURE.match(text, cue_end, s1)) and not (
            verb == "charged" and re.match(r"\s*(?:[\w\-]+\s+){0,3}?(?:instances?\s+of\s+|cases?\s+of\s+)?"
                                          r"(?:irregularit|fraud|rigging|abuses|violations|misconduct)",
                                          text[content_start:s1], re.I)):
        return None  # but "charged numerous instances of irregularities" states its charge
    if q2:
        a, b = q2
        tail = text[b:s1].strip(" .!?\"”")
        if tail and re.match(r"[,]?\s*[a-z]", text[b:s1]):
            b = _end_content(text, a, s1)[1]  # says "dozens" of civilians have been killed
        return Frame(sent, "quote", verb, stance, cue_start, cue_end, sp_start, sp_end, a, b, contrast, broke)
    if _CONTENT_BAD_START.match(text[content_start:s1]) and not (
            re.search(r"\b(?:that|which)\s*$", text[sent.start:sp_start])
            and re.match(r"(?:is|was|were|are|had|has|have|would|will)\b", text[content_start:s1])):
        return None  # but "a convoy that Russia says is filled with aid" reports a claim
    a, b = _end_content(text, content_start, s1)
    if ", " in text[a:b] and _REL_BEFORE.search(text[max(sent.start, sp_start - 12):sp_start]):
        b = text.index(", ", a, b)  # "The plan, which officials say will cost $2 billion, was approved"
    if verb in ("put", "puts", "estimated", "estimates", "estimate") and ", " in text[a:b] and \
            _PUT_FIGURE.match(text, cue_end, s1):
        b = text.index(", ", a, b)  # "put the figure at 35,000, a number ..."
    return Frame(sent, "indirect", verb, stance, cue_start, cue_end, sp_start, sp_end, a, b, contrast, broke)


def _participle(text, sent, m, frames, stance) -> Frame | None:
    before = text[max(sent.start, m.start() - 3):m.start()]
    verb = m.group("verb")
    if "," not in before and not (verb in ("saying", "claiming", "insisting", "stating", "alleging", "confirming") and _NO_COMMA_OK.search(
            text, max(sent.start, m.start() - 60), m.start())):
        return None  # but "endorsed the conduct of the poll saying ...", "released a statement saying ..."
    cue_start, cue_end = m.start("verb"), m.end()
    if verb == "accusing" and not _verb_ok(text, "accused", cue_end, sent.end):
        return None
    content_start = _content_after(text, verb, cue_end, sent.end)
    a, b = _trim(text, content_start, sent.end)
    if b - a < 3:
        return None
    owners = [f for f in frames if f.cue_end <= m.start()]
    if owners:
        o = owners[-1]
        sp = (o.speaker_start, o.speaker_end)
        if o.end > m.start():
            o.end = _trim(text, o.start, _cut_connector(text, o.start, m.start()))[1]
    else:
        sp = _leading_np(text, _after_dateline(text, sent.start, m.start()), m.start())
        if sp is None:
            return None
    return Frame(sent, "participle", verb, stance, cue_start, cue_end, sp[0], sp[1], a, b)


def _according(text, sent, m) -> Frame | None:
    sp_start = m.end()
    stop = re.compile(r"[,;](?:\s|$)|\.\s*$|\s(?:that|which|who)\s")
    mm = stop.search(text, sp_start, sent.end)
    sp_end = mm.start() if mm else sent.end
    # apposition: "According to Jane Doe, a spokeswoman for the firm, ..."
    if mm and text[mm.start()] == ",":
        ap = ROLE_APPOSITION.match(text, mm.end(), sent.end)
        if ap:
            nxt = text.find(",", ap.end(), sent.end)
            if nxt > 0:
                sp_end = nxt
    if sp_end - sp_start < 2:
        return None
    s0 = _after_dateline(text, sent.start, m.start())
    lead = text[s0:m.start()].strip(" ,")
    im = INTRO.match(lead)
    lead_wo_intro = lead[im.end():] if im else lead
    if len(lead_wo_intro.split()) >= 3:
        a, b = _trim(text, s0, m.start())
        im = INTRO.match(text, a, b)
        if im and b - im.end() > 10:
            a = im.end()
    else:
        a, b = _trim(text, sp_end, sent.end)
    if b - a < 3:
        return None
    return Frame(sent, "according", "according to", "assert", m.start(), m.end() - 1 if text[m.end() - 1] == " " else m.end(),
                 sp_start, sp_end, a, b)


def continuation_frames(text: str, sentences: list[Sentence], frames: list[Frame]) -> list[Frame]:
    """A sentence that is all quotation, right after a quoted frame, continues that speaker."""
    by_sentence: dict[int, list[Frame]] = {}
    for f in frames:
        by_sentence.setdefault(f.sentence.index, []).append(f)
    out: list[Frame] = []
    for s in sentences:
        if s.index in by_sentence or s.headline or s.index == 0:
            continue
        prev = by_sentence.get(s.index - 1) or [f for f in out if f.sentence.index == s.index - 1]
        if not prev or prev[-1].kind not in ("quote", "continuation"):
            continue
        if not s.quotes or s.quotes[0][0] != s.start:
            continue
        qs, qe = s.quotes[0]
        if qe < s.end - 2 and text[qe:s.end].strip(" .") != "":
            continue
        p = prev[-1]
        out.append(Frame(s, "continuation", p.verb, "assert", p.cue_start, p.cue_end,
                         p.speaker_start, p.speaker_end, qs, min(qe, s.end)))
    return out
