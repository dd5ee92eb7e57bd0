"""Stance of an assertion, what a denial points back to, check-worthiness and blocking keys."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Sequence

from .features import features, places_in, stem
from .gazetteer import GROUP_SIDES
from .lexicon import (ANAPHORIC_NOUNS, CASUALTY_MEASURES, DISPUTE_WORDS, GENERIC, PLURAL_ANAPHORS,
                      STOPWORDS)
from .types import Assertion

_EVALUATIVE_OBJECT = re.compile(
    r"^\s*(?:it|them|(?:the|this|that|these|those|such|his|her|their|its|[A-Z][\w\-]*(?:’s|'s))\s+[\w\-’']+"
    r"(?:\s+[\w\-’']+)?)"
    r"\s+(?:as\s+)?[\"“]?(?:an?\s+|a\s+)?(?:\w+\s+)?(" + "|".join(sorted(DISPUTE_WORDS)) + r")\b", re.I)
_DISPUTING_CLAUSE = re.compile(
    r"\b(?:was|is|were|are|be|been|as)\s+(?:[\"“]?\w+[\"”]?\s+){0,5}[\"“]?(?:" + "|".join(sorted(DISPUTE_WORDS))
    + r"|not true|not accurate|not correct|not honest|without (?:any )?(?:basis|foundation|merit))\b"
    r"|\bno (?:evidence|truth|basis)\b|\b(?:do|does|did) not add up\b|\bnot (?:convinced|the case)\b"
    r"|\bstand(?:s)? by (?:our|its|their|the|his|her) (?:account|report|reports|figures?|statement)"
    r"|\b(?:can't|cannot|could not) reconcile\b|\b(?:have|has|had) evidence that\b|\bwithout merit\b"
    r"|\b(?:have|has|had)\s+[\"“]?(?:solid|clear|strong|conclusive|irrefutable|concrete|hard)\s+evidence\b"
    r"|\b(?:has|have|had)\s+not\s+(?:produced|provided|presented|offered|shown|given|submitted)\s+(?:any\s+)?"
    r"(?:evidence|proof)\b|\black(?:s|ed|ing)?\s+(?:any\s+)?(?:substance|basis|foundation|merit|evidence)\b"
    r"|\bcontradicts?\s+(?:the|their|its|his|her|[A-Z][\w\-]*(?:’s|'s))\s+(?:[\w’']+\s+)?(?:allegations|claims|charges|"
    r"accusations|account|findings|version)\b|\bdefend\s+(?:itself\s+|themselves\s+)?against\s+the\s+"
    r"(?:claims|charges|allegations|accusations)\b"
    r"|\b(?:by|with|through|using|spreading|making)\s+(?:such\s+|these\s+|those\s+)?(?:[\w\-]+\s+)?"
    r"(?:far-fetched|baseless|unfounded|false|fabricated|groundless|absurd|fake)\s+"
    r"(?:accusations|allegations|claims|charges|stories|reports)\b", re.I)
_ANAPHOR_HEAD = re.compile(
    r"^\s*(?:(?:those|these|the|such|that|this|its|their|his|her|any|all|earlier|media|"
    r"the\s+\w+’s|the\s+\w+'s|[A-Z][\w\-]+’s|[A-Z][\w\-]+'s)\s+)*(?:[\w\-]+\s+){0,2}?(\w+)\b")


_KEY_WORD = re.compile(r"[A-Za-z][a-z\-]+")


_CASUALTY_SET = frozenset(CASUALTY_MEASURES)
_DISPUTE_TRIGGERS = DISPUTE_WORDS | {"not", "no", "add", "convinced", "stand", "reconcile", "evidence",
                                     "merit", "t", "lacks", "lack", "lacked", "lacking", "contradicts",
                                     "contradict", "defend", "fetched", "accusations", "allegations"}


def refine_stance(cue_stance: str, verb: str, content: str) -> str:
    if cue_stance in ("deny", "dispute", "confirm"):
        return cue_stance
    if verb in ("call", "called", "calls", "describe", "described", "describes") and \
            _EVALUATIVE_OBJECT.match(content):
        return "deny"
    words = set(re.findall(r"[a-z]+", content.lower()))
    if not words.isdisjoint(_DISPUTE_TRIGGERS) and _DISPUTING_CLAUSE.search(content):
        return "dispute"
    return cue_stance


_DETERMINERS = frozenset("the those these that this such its their his her any all earlier initial "
                         "media latest".split())
_SHORT_DISPUTE = re.compile(r"^(?:they|he|she|it|we|i)\s+(?:are|is|was|were|remain|remained)\s+(?:not\s+"
                            r"(?:convinced|persuaded|satisfied)|skeptical|sceptical|unconvinced)\b", re.I)


@lru_cache(maxsize=65536)
def anaphor(content: str) -> tuple[bool, bool]:
    """Is the denied object a reference back ("those reports", "that claim as false", "it")?
    Returns (is_anaphor, is_plural)."""
    words = [w.strip(",.;:\"“”") for w in content.split()]
    if not words:
        return False, False
    first = words[0].lower()
    if first in ("it", "this", "that", "them", "these", "those") and (len(words) <= 4 or words[1].lower() in ("as", "a", "an")):
        return True, first in ("them", "these", "those")
    if _SHORT_DISPUTE.match(content):
        return True, False
    if first in ("this", "that", "it") and len(words) > 2 and words[1].lower() in ("is", "was", "'s") and \
            any(w.lower().strip(".,") in DISPUTE_WORDS for w in words[2:6]):
        return True, False  # "This is a provocation", "It was a lie"
    if first in _DETERMINERS or first.endswith(("’s", "'s")) or (len(words) > 1 and words[1].lower().endswith(("’s", "'s"))):
        for w in words[1:5]:
            lw = w.lower()
            if lw in ANAPHORIC_NOUNS and lw not in ("it", "this", "that", "them", "these", "those"):
                return True, lw in PLURAL_ANAPHORS or " and " in " ".join(words[:4]).lower()
            if lw in ("of", "that", "by", "from", "about") :
                break
    return False, False


def _owner(content: str) -> str | None:
    """'the agency's findings' -> 'agency'; 'the Tribune report' -> 'tribune'."""
    m = re.match(r"^[\s\"“]*(?:the\s+|The\s+)?([\w\-]+)(?:’s|'s)\s", content)
    if m:
        return m.group(1).lower()
    m = re.match(r"^[\s\"“]*(?:the|The)\s+([A-Z][\w\-]+)\s+(?:report|reports|story|stories|account|claims?|"
                 r"allegations?|findings|figures?)\b", content)
    return m.group(1).lower() if m else None


def _overlap(a: str, b: str) -> float:
    fa, fb = features(a), features(b)
    common = {c for c in fa.concepts & fb.concepts if c.lower() not in GENERIC}
    common -= {stem(w) for w in DISPUTE_WORDS}
    return len(common) + 0.5 * len((fa.places & fb.places) | (fa.names & fb.names))


def _mentions(a: Assertion, word: str) -> bool:
    return word in a.speaker_name.lower().replace("’", "'") or word in a.side or word in a.speaker.lower()


_HINTS = {  # what a referring noun usually points at: "the result" is a win, "the report" was one
    "result": r"\b(?:won|win|wins|victory|elected|re-elected|defeat\w*|lost|beat)\b",
    "results": r"\b(?:won|win|wins|victory|elected|re-elected|defeat\w*|lost|beat)\b",
    "outcome": r"\b(?:won|win|wins|victory|elected|re-elected|defeat\w*|lost|beat)\b",
    "report": r"\breport\b", "findings": r"\b(?:found|find|concluded|report)\b",
    "verdict": r"\b(?:guilty|convicted|acquitted|ruled)\b", "ruling": r"\bruled\b",
    "figures": r"\d", "numbers": r"\d", "tally": r"\d", "count": r"\d", "estimate": r"\d",
    "theory": r"\b(?:believe[sd]?|theory|suspect\w*|may|might|could|likely)\b",
    "figure": r"\d", "suggestion": r"\b(?:alleg\w*|accus\w*|suggest\w*|charg\w*)",
    "allegation": r"\b(?:alleg\w*|accus\w*|charg\w*)", "accusation": r"\b(?:alleg\w*|accus\w*|charg\w*)",
    "charge": r"\b(?:alleg\w*|accus\w*|charg\w*)",
}


def _hinted(d: Assertion, cands: list[Assertion], text: str) -> list[Assertion]:
    words = re.findall(r"[a-z]+", d.quote.lower())[:5]
    for w in words:
        if w in _HINTS:
            pat = re.compile(_HINTS[w], re.I)
            return [a for a in cands if pat.search(a.quote) or (
                text and a.speaker_end > 0 and pat.search(text[a.speaker_end:a.start]))]
    return []


_ALLEGATION = frozenset("allegations allegation accusations accusation charges charge criticism".split())


def _named_claims(d: Assertion, others: Sequence[Assertion]) -> list[Assertion]:
    """'charges by the Federal Trade Commission', "the FTC's lawsuit": the claims of the named party."""
    out = []
    for a in others:
        words = [w for w in re.findall(r"[A-Z][\w\-]+", re.sub(r"\([^)]*\)", "", a.speaker_name))
                 if w.lower() not in ("the",)]
        acr = re.findall(r"\(([A-Z]{2,6})\)", a.speaker_name)
        if len(words) >= 2:
            acr.append("".join(w[0] for w in words))  # "Securities and Exchange Commission" is the SEC
        names = [" ".join(words)] + acr if words else acr
        for name in names:
            if not name:
                continue
            for m in re.finditer(re.escape(name), d.quote):
                before = d.quote[:m.start()].split()[-8:]
                window = " ".join(before + d.quote[m.end():].split()[:6]).lower()
                if any(n in window.split() or n + "," in window for n in ANAPHORIC_NOUNS
                       if len(n) > 4) or re.search(r"(?:’s|'s)\s+(?:lawsuit|suit|case|claims?|report|account|"
                                                   r"figures?|allegations?|charges?)", window):
                    out.append(a)
                    break
            else:
                continue
            break
    return out


_CLASS_NOUNS = frozenset("charges allegations accusations claims complaints irregularities".split())
_PARTY_STOP = STOPWORDS | GENERIC | frozenset("the a an said says mr mrs ms dr its their his her".split())


def _party_claims(d: Assertion, cands: Sequence[Assertion]) -> list[Assertion]:
    """'the opposition has not produced evidence to back up charges', 'claims of irregularities by
    five political parties': a dismissal of a class of claims answers every claim of that class
    made by the party it names."""
    words = [w.strip(".,;:\"“”()").lower() for w in d.quote.split()]
    words = [re.sub(r"(?:’s|'s)$", "", w) for w in words]
    if not any(w in _CLASS_NOUNS for w in words):
        return []
    named = {stem(w) for w in words if len(w) > 3 and w not in _PARTY_STOP and w not in _CLASS_NOUNS}
    if not named:
        return []
    out = []
    for a in cands:
        spk = {stem(w) for w in re.findall(r"[A-Za-z][\w\-]+", a.speaker.replace("’", "'")) if len(w) > 3}
        if spk & named and a.stance in ("assert", "confirm"):
            out.append(a)
    return out


def find_refers(d: Assertion, earlier: Sequence[Assertion], sentence_window: int = 4,
                owner_side: Callable[[str], str | None] | None = None, text: str = "",
                later: Sequence[Assertion] = ()) -> tuple[str, ...]:
    """Ids of the assertions that a denial or dispute answers (earlier ones first, then the next
    paragraphs when a lede denial comes before the claims it answers)."""
    refs = _find_refers(d, earlier, sentence_window, owner_side, text, later)
    fd = features(d.quote)
    victims = {"KILL", "WOUND", "CIVILIAN"} & fd.concepts
    if refs and victims and (not anaphor(d.quote)[0] or " that " in d.quote):
        # "denied reports that civilians were killed" answers claims of victims, not "it struck positions"
        by_id = {a.id: a for a in list(earlier) + list(later)}
        kept = tuple(r for r in refs if r in by_id and (victims & features(by_id[r].quote).concepts
                                                       or features(by_id[r].quote).civilian))
        refs = kept
    if not refs and fd.disputing and not anaphor(d.quote)[0] and any(
            w.strip(".,;:\"“”") in _CLASS_NOUNS for w in d.quote.lower().split()):
        # '"By far-fetched accusations, the official is trying to divert attention"': the accusation
        # just before, made by another side
        prior = [a for a in earlier if a.side != d.side and a.stance in ("assert", "confirm")
                 and d.paragraph - a.paragraph <= 1]
        if prior:
            refs = (prior[-1].id,)
    low = d.quote.lower()
    if not any(w.strip(".,;:\"“”") in _CLASS_NOUNS for w in low.split()[:8]):
        return refs
    # "the charges were without merit": the charges go on being told after the dismissal; the
    # same party's later claims about the same matter are covered too
    by_id = {a.id: a for a in earlier}
    got = [by_id[r] for r in refs if r in by_id]
    sides = {a.side for a in got}
    terms = set()
    for a in got:
        terms |= {c for c in features(a.quote).concepts if c.lower() not in GENERIC and len(c) > 3}
    topic = {c for c in fd.concepts if c.isupper() and c not in ("KILL", "WOUND", "CIVILIAN")}
    extra = [a.id for a in later if a.side in sides and a.stance in ("assert", "confirm") and (
        (a.paragraph - d.paragraph <= 2 and terms & features(a.quote).concepts)
        # "dismissed the claims of fraud": the same party's fraud claims further down too
        or (a.paragraph - d.paragraph <= 8 and topic & features(a.quote).concepts))]
    return tuple(dict.fromkeys(refs + tuple(extra)))


def _find_refers(d: Assertion, earlier: Sequence[Assertion], sentence_window: int = 4,
                 owner_side: Callable[[str], str | None] | None = None, text: str = "",
                 later: Sequence[Assertion] = ()) -> tuple[str, ...]:
    def eligible(a: Assertion) -> bool:
        return a.side != d.side and (a.stance in ("assert", "confirm") or (
            a.stance == "dispute" and (not anaphor(a.quote)[0] or len(a.quote.split()) > 6)))

    cands = [a for a in earlier if eligible(a) and d.sentence - a.sentence <= 10]
    if d.stance == "dispute" and not anaphor(d.quote)[0]:
        # "We have evidence that the shots were fired" answers a denial as much as a claim
        cands = [a for a in earlier if a.side != d.side and d.sentence - a.sentence <= 10
                 and (eligible(a) or a.stance == "deny")]
    ahead = [a for a in later if eligible(a) and a.paragraph - d.paragraph <= 2]
    if re.search(r"\b(?:allegations|accusations|claims|charges)\s+(?:of|about|that)\s",
                 " ".join(d.quote.split()[:5]).lower()):
        # "allegations of fake ballot papers": the claims that share its subject, if any do
        own = {t for t in features(d.quote).terms if len(t) > 3} - {stem(w) for w in _CLASS_NOUNS} - {
            stem(w) for w in DISPUTE_WORDS}
        about = [a for a in cands if own & features(a.quote).terms and d.sentence - a.sentence <= 10]
        if about:
            return tuple(a.id for a in about[-3:])
    reach = 8 if d.paragraph == 0 else 2  # a dismissal in the lede covers the charges the story goes on to tell
    party = _party_claims(d, [a for a in cands if d.sentence - a.sentence <= 6] +
                          [a for a in later if eligible(a) and a.paragraph - d.paragraph <= reach])
    if party:
        return tuple(a.id for a in party[:6])
    is_anaphor, plural = anaphor(d.quote)
    low_words = [w.strip(".,;:\"“”’'") for w in d.quote.lower().split()]
    if not is_anaphor:
        near = [(s, a) for s, a in ((_overlap(d.quote, a.quote), a) for a in cands
                                    if d.sentence - a.sentence <= sentence_window)]
        best = max((s for s, _ in near), default=0)
        if best >= 2:
            return tuple(a.id for s, a in near if s >= best - 0.5)
        if d.stance == "dispute" and not features(d.quote).negated:
            # "We have evidence that the shots were fired" answers the denial just before it
            denials = [a for a in cands if a.stance == "deny" and d.paragraph - a.paragraph <= 2
                       and features(a.quote).concepts & features(d.quote).concepts]
            if denials:
                return (denials[-1].id,)
            if "evidence" in low_words:
                # 'had "solid evidence," including photographs' answers the other side's denials
                # and dismissals of the paragraphs just before
                answered = [a for a in cands if d.paragraph - a.paragraph <= 2 and (
                    a.stance in ("deny", "dispute") or features(a.quote).negated)]
                if answered:
                    return tuple(a.id for a in answered[-2:])
        named = _named_claims(d, [a for a in list(cands) + list(ahead)])
        if named:
            if any(w in _CLASS_NOUNS for w in low_words):
                return tuple(a.id for a in named[:4])  # "contradicts the SEC's allegations": all of them
            return tuple(a.id for a in named[:2])
        # "Warsaw was fuelling spy mania": a dispute aimed at a side answers that side's main claim
        sides = set(features(d.quote).actors) if features(d.quote).disputing else set()
        if features(d.quote).disputing:
            # "the union is spreading misleading information": the union's account, before or just after
            sides |= {GROUP_SIDES[w] for w in low_words if w in GROUP_SIDES}
        sides.discard(d.side)
        for a in cands:
            if a.side in sides:
                return (a.id,)
        for a in ahead:
            if a.side in sides:
                return (a.id,)
        return ()
    low = d.quote.lower()
    if re.search(r"\b(?:figures?|numbers|count|tally|estimates?)\b", low):
        cands = [a for a in cands if re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                                                r"dozens?|hundreds|thousands)\b", a.quote, re.I)] or cands
    owner = _owner(d.quote)
    if owner and owner not in ("its", "their", "his", "her"):
        side = owner_side(owner) if owner_side else None
        owned = [a for a in cands if _mentions(a, owner) or (side and a.side == side)]
        if owned:
            run = [a for a in owned if a.side == owned[-1].side]
            return tuple(a.id for a in (run[-3:] if plural else run[-2:]))
        owned = [a for a in ahead if _mentions(a, owner) or (side and a.side == side)]
        if owned:
            run = [a for a in owned if a.side == owned[0].side]
            return tuple(a.id for a in (run[:3] if plural else run[:1]))
    if not plural:
        hinted = [a for a in _hinted(d, cands, text) if d.paragraph - a.paragraph <= 3]
        if hinted:
            return (hinted[-1].id,)
    # "Such claims are pure propaganda" right after another denial answers the same claims
    prev = [a for a in earlier if a.id != d.id and a.sentence <= d.sentence]
    if prev and prev[-1].stance in ("deny", "dispute") and prev[-1].refers_to \
            and d.paragraph - prev[-1].paragraph <= 1 and (plural or (
                prev[-1].side == d.side and len(d.quote.split()) <= 6)):
        return prev[-1].refers_to  # "denied the report. 'That is not true,' he said."
    if plural and any(w in _ALLEGATION for w in low.split()[:4]):
        # allegations are made against the denier: prefer claims that name it
        words = [w for w in d.side.split("-") if len(w) > 3]
        aimed = [a for a in cands if any(w in a.quote.lower() for w in words)]
        cands = aimed or cands
    out: list[Assertion] = []
    for a in reversed(cands):
        if d.sentence - a.sentence > sentence_window or (
                d.sentence - a.sentence > 3 and d.paragraph - a.paragraph > 1):
            break
        if d.paragraph - a.paragraph > 1 and d.sentence - a.sentence > 3:
            break
        out.append(a)
        if not plural:
            break  # "the claim", "that account": the nearest claim of another side
    if plural and out:
        # a plural reference stops at the denier's own side ("those reports" after our own claim)
        own = [a.sentence for a in earlier if a.side == d.side and a.sentence < d.sentence]
        if own:
            out = [a for a in out if a.sentence >= max(own)] or out[:1]
    if not out and ahead:
        # a lede denial before the claims it answers: "called the complaints 'unfounded'"
        first = ahead[0]
        out = [a for a in ahead if a.side == first.side][: (3 if plural else 1)]
        return tuple(a.id for a in out)
    return tuple(a.id for a in reversed(out))


def checkworthiness(content: str, stance: str, speaker_kind: str = "") -> float:
    f = features(content)
    score = 0.15
    if f.numbers:
        score += 0.25
    if any(m in ("KILL", "WOUND") for m, _, _ in f.numbers) or not _CASUALTY_SET.isdisjoint(
            content.lower().split()):
        score += 0.15
    if f.places or f.actors:
        score += 0.15
    if f.dates:
        score += 0.1
    if f.names:
        score += 0.1
    if stance in ("deny", "dispute"):
        score += 0.1
    n = len(content.split())
    if n < 4:
        score -= 0.1
    elif n > 12:
        score += 0.05
    return round(max(0.0, min(1.0, score)), 2)


def blocking_keys(content: str, side: str, *context: str) -> frozenset[str]:
    """A few lower-case keys naming what the assertion is about, for cross-article blocking."""
    f = features(content)
    keys: list[str] = []
    keys += [f"place:{p}" for p in sorted(f.places)][:3]
    keys += [f"date:{d}" for d in sorted(f.dates)][:2]
    actors = set(f.actors)
    if side and not side.startswith(("person-", "unresolved")) and "-" not in side[:0]:
        actors.add(side)
    keys += [f"actor:{a}" for a in sorted(actors)][:3]
    keys += [f"actor:{n.replace(' ', '-')}" for n in sorted(f.names, key=len, reverse=True)[:2]]
    words = {w.lower().rstrip("s") if len(w) > 5 else w.lower() for w in _KEY_WORD.findall(content)}
    terms = sorted((t for t in words if len(t) >= 5 and t not in GENERIC and t not in STOPWORDS
                    and t not in f.places), key=lambda t: (-len(t), t))
    keys += [f"term:{t}" for t in terms[:3]]
    for ctx in context:  # no place of its own: the sentence's, else the previous sentence's
        if f.places or not ctx:
            break
        found = sorted(places_in(ctx))[:1]
        if found:
            keys += [f"place:{p}" for p in found]
            break
    return frozenset(keys[:10])
