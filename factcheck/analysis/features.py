"""What an assertion's content talks about: terms, concepts with polarity, numbers, places, dates.

Computed once per content string (cached), shared by stance, pairing and blocking keys.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import (ANTONYMS, APPROX, CASUALTY_MEASURES, CIVILIAN_TARGETS, CONCEPTS, DISPUTE_WORDS, GENERIC,
                      HEDGES, UNITS, LOWER_BOUND, MILITARY_TARGETS, NEG_SCOPE_END, NEGATORS, NUMBER_WORDS, STOPWORDS,
                      UPPER_BOUND)
from .names import all_aliases

_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w’'\-]*|\d[\d,\.]*")
_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_MONTH_SET = frozenset(_MONTHS)
_DATE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|"
                   r"November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.) (\d{1,2})\b")
_PLACE = re.compile(r"\b(?:in|near|at|outside|around|from|of|into|on|across|over)\s+(?:the\s+)?"
                    r"((?:[A-Z][\w’'\-]+)(?:\s+(?:[A-Z][\w’'\-]+|al-\w+|ez-\w+|el-\w+|de|du)\b){0,3})")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,3})")
_NUMBER = re.compile(r"(?<![\w\.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(%|percent|per cent))?"
                     r"|(?<![\w\-])((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|"
                     r"five|six|seven|eight|nine))(?![\w\-])"
                     r"|(?<![\w\-])(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                     r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
                     r"seventy|eighty|ninety|dozens?|hundreds|thousands|no|zero|single|twice|once)(?![\w\-])",
                     re.I)
_POSSESSIVE_PLACE = re.compile(
    r"\b([A-Z][\w\-]+)(?:’s|'s)\s+(?=(?:historic|old|ancient|main|central|northern|southern|eastern|"
    r"western|outskirts|downtown|city|port|airport|capital|harbou?r|border|center|centre|citadel|"
    r"old)\b)")
_NON_PLACE_WORDS = frozenset("""The A An It He She They We I But And In On At This That These Those
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
July August September October November December""".split())


_ABSENCE = frozenset("emptied empty free cleared devoid bare".split())
_EVIDENCE_NOUNS = frozenset("indication indications evidence sign signs proof suggestion reason".split())
# Sub-classes of civilians are counted apart: "31 children" and "19 women" are not rival figures.
_SUBCLASS = frozenset("women woman children child girls girl boys boy men man babies".split())


@lru_cache(maxsize=65536)
def stem(w: str) -> str:
    """A crude stemmer that folds fire/fired/firing and cause/caused onto one form."""
    w = w.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suf, n in (("ies", 3), ("ing", 3), ("ed", 2), ("es", 2), ("s", 1)):
        if w.endswith(suf) and len(w) - n >= 3 and not w.endswith("ss"):
            w = w[:-n] + ("y" if suf == "ies" else "")
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


@dataclass(frozen=True)
class Features:
    terms: frozenset[str]  # stems of content words
    concepts: frozenset[str]  # concept labels and stems
    polar: frozenset[tuple[str, bool]]  # (concept, polarity) for negated or antonym-bearing words
    numbers: tuple[tuple[str, float, float], ...]  # (measure, low, high)
    places: frozenset[str]
    dates: frozenset[str]
    actors: frozenset[str]  # country sides mentioned in the content
    names: frozenset[str]  # other capitalised names
    military: int
    civilian: int
    exclusive: bool  # "only" military targets: every civilian claim of the event opposes it
    coop_partner: frozenset[str] | None  # tokens after "with" near a cooperation word
    attack_target: frozenset[str] | None  # tokens after an attack word
    negated: bool
    disputing: bool  # "incorrect", "false", "baseless"...


def _phrase_after(words: list[str], i: int, limit: int = 5) -> list[str]:
    out = []
    for w in words[i:i + limit]:
        lw = w.lower()
        if lw in ("who", "which", "that", "in", "on", "to", "and", "at", "for", "since", "as", "by",
                  "near", "while", "against", "during", "from") or not w[0].isalnum():
            break
        out.append(stem(lw))
    return [w for w in out if w not in STOPWORDS and w not in ("the", "a", "an", "other")]


def _numbers(content: str) -> list[tuple[str, float, float]]:
    out = []
    low_text = content.lower()
    words = _TOKEN.findall(content)
    skip, low_end = set(), {}
    for m in re.finditer(r"\bbetween (\w+) and (\w+)\b", content, re.I):
        x = m.group(1).lower()
        val = NUMBER_WORDS.get(x) if not x.isdigit() else float(x)
        if val is not None:
            skip.add(m.start(1))  # "between six and eight villagers" is one range, 6..8
            low_end[m.start(2)] = float(val)
    for m in _NUMBER.finditer(content):
        if m.start() in skip:
            continue
        raw = (m.group(1) or m.group(4) or "").lower()
        if m.group(3):  # "Seventy-six"
            tens, units = m.group(3).lower().split("-")
            raw = str(NUMBER_WORDS[tens] + NUMBER_WORDS[units])
        if m.group(1) or m.group(3):
            if re.fullmatch(r"(?:19|20)\d\d", raw):
                continue
            before = content[max(0, m.start() - 12):m.start()].strip().split()
            if before and before[-1].lower().strip(".") in _MONTH_SET:
                continue
            try:
                val = float(raw.replace(",", ""))
            except ValueError:
                continue
        else:
            val = float(NUMBER_WORDS.get(raw, -1))
            if val < 0:
                continue
        unit = "percent" if m.group(2) else ""
        after = _TOKEN.findall(content[m.end():m.end() + 60])[:4]
        before_words = _TOKEN.findall(content[max(0, m.start() - 40):m.start()])[-3:]
        measure = unit
        while after and (all_aliases(after[0]) or after[0].lower() in ("more", "other", "local", "innocent")):
            after = after[1:]  # "76 Afghan civilians" -> civilians
        first = after[0].lower() if after else ""
        if not measure and first in ("people", "persons", "protesters", "demonstrators", "participants",
                                     "marchers", "members", "workers", "voters", "supporters"):
            measure = "PEOPLE"  # "180,000 people took part"
        if measure == "PEOPLE":
            # "17 people had died" counts the dead, "199 people had recovered" does not
            for w in after[1:5]:
                lw = w.lower()
                if lw in CASUALTY_MEASURES:
                    measure = CASUALTY_MEASURES[lw]
                    break
                if lw not in STOPWORDS and lw.isalpha() and len(lw) > 3 and lw not in ("reportedly", "been"):
                    if CONCEPTS.get(lw) not in (None, "ATTACK"):
                        measure = CONCEPTS[lw]
                    elif lw.endswith("ed") or lw in ("took", "came", "went", "were", "are"):
                        measure = "PEOPLE" if lw in ("took", "came", "went", "marched", "gathered", "joined",
                                                     "attended", "protested", "rallied") else "PEOPLE:" + stem(lw)
                    break
        if not measure and first in _SUBCLASS:
            measure = stem(first)
        if not measure and first in UNITS:
            measure = stem(first)  # "15 years of age", "8 kilometers": not a head count
        if not measure and first.isalpha() and first not in STOPWORDS and first not in GENERIC \
                and first not in CASUALTY_MEASURES and len(first) > 2:
            measure = CONCEPTS.get(first) or stem(first)  # "27 crashes", "three shots"
        if not measure:
            for w in after + before_words:
                lw = w.lower()
                if lw in CASUALTY_MEASURES:
                    measure = CASUALTY_MEASURES[lw]
                    break
                if lw in CONCEPTS:
                    measure = CONCEPTS[lw]
                    break
        if not measure:
            for w in after:
                lw = w.lower()
                if lw not in STOPWORDS and lw not in GENERIC and lw.isalpha() and len(lw) > 3:
                    measure = stem(lw)
                    break
        if not unit and first == "of" and len(after) > 1 and after[1].lower() in ("its", "our", "their"):
            continue  # "one of its soldiers": the speaker's own count, not the other side's
        if raw == "no" and not measure:
            continue
        if raw == "no" and after and after[0].lower() in ("one", "longer", "more", "less", "evidence"):
            continue
        pre = low_text[max(0, m.start() - 16):m.start()]
        lo, hi = val, val
        # news bounds are loose: "at least 27 crashes" is still a different count from 41
        if any(pre.rstrip().endswith(b) for b in LOWER_BOUND):
            hi = val * 1.3
        elif any(pre.rstrip().endswith(b) for b in UPPER_BOUND):
            lo = val * 0.7
        elif any(pre.rstrip().endswith(b) for b in APPROX) or raw in ("dozens", "hundreds", "thousands"):
            lo, hi = val * 0.8, val * 1.25 if raw not in ("dozens", "hundreds", "thousands") else val * 5
        if m.start() in low_end:
            lo = min(lo, low_end[m.start()])
        if not content[:m.start()].strip() and not content[m.end():].strip(" .,"):
            measure = "*"  # "put the figure at 35,000": a bare count of whatever is being counted
        if measure:
            out.append((measure, lo, hi))
    del words
    return out


@lru_cache(maxsize=65536)
def features(content: str) -> Features:
    words = _TOKEN.findall(content)
    lw = [w.lower() for w in words]
    terms = set()
    concepts = set()
    polar = set()
    neg_until = -1
    negated = False
    disputing = False
    military = civilian = 0
    coop_partner = None
    attack_target = None
    hedged = False
    exclusive = False
    for i, w in enumerate(lw):
        if w in _ABSENCE and i + 1 < len(lw) and lw[i + 1] == "of":
            neg_until = i + 5  # "the village had been emptied of civilians": none were there
            negated = True
            continue
        if w in NEGATORS or w.endswith("n't") or (w == "out" and i and lw[i - 1] in ("ruled", "rule", "rules")) \
                or (w == "too" and i + 2 < len(lw) and lw[i + 2] == "to"):
            neg_until = i + 6
            negated = True
            continue
        if w in NEG_SCOPE_END and not (w == "that" and i and lw[i - 1] in _EVIDENCE_NOUNS and i <= neg_until):
            # "no indication that civilians were killed": the negation covers the clause after "that"
            if w in HEDGES and i <= neg_until:
                hedged = True  # "could not confirm which side fired first": nothing asserted after
            neg_until = -1
        if hedged:
            continue
        if w in DISPUTE_WORDS:
            disputing = True
        if w in MILITARY_TARGETS and i > neg_until:
            military += 1
            if "only" in lw[max(0, i - 3):i]:
                exclusive = True  # "killed only militant fighters", "struck only fortified positions"
        if w in CIVILIAN_TARGETS and i > neg_until:
            civilian += 1
        if w in STOPWORDS or not w[0].isalpha():
            continue
        s = stem(w)
        terms.add(s)
        c = CONCEPTS.get(w) or (ANTONYMS[w][0] if w in ANTONYMS else None)
        concepts.add(c or s)
        neg = i <= neg_until
        if w in ANTONYMS:
            concept, pol = ANTONYMS[w]
            polar.add((concept, pol != neg))
        elif neg and (c or w not in GENERIC):
            polar.add((c or s, False))
        elif c in ("ATTACK", "KILL", "DESTROY", "CROSS", "CAUSE", "COOP", "SUBSTANCE", "DEFECT",
                   "FRAUD", "SICK", "WOUND", "ARREST", "TEST", "EXERCISE", "WEAPON", "COMPLETE",
                   "RESPOND", "KEEP", "FAULT", "MILITARY", "SITE", "CIVILIAN", "COMBATANT", "WARN"):
            polar.add((c, True))
        if c == "COOP" and coop_partner is None:
            for j in range(i + 1, min(i + 13, len(lw))):
                if lw[j] == "with":
                    coop_partner = frozenset(_phrase_after(words, j + 1))
                    break
            else:
                coop_partner = frozenset()
        if c == "ATTACK" and attack_target is None and w.endswith("ing"):
            attack_target = frozenset(_phrase_after(words, i + 1))
    places = set(places_in(content))
    dates = {f"{m.group(1)[:3].lower()}-{int(m.group(2))}" for m in _DATE.finditer(content)}
    actors = set(all_aliases(content))
    names = {m.group(1).lower() for m in _NAME.finditer(content)
             if m.group(1).split()[0] not in _NON_PLACE_WORDS and not all_aliases(m.group(1))}
    return Features(frozenset(terms), frozenset(concepts), frozenset(polar), tuple(_numbers(content)),
                    frozenset(places), frozenset(dates), frozenset(actors), frozenset(names) - places,
                    military, civilian, exclusive, coop_partner, attack_target, negated, disputing)


@lru_cache(maxsize=65536)
def places_in(content: str) -> frozenset[str]:
    """Places named in a text: 'near Palmyra', 'in Homs province', "Palmyra's historic citadel"."""
    places = set()
    for m in _PLACE.finditer(content):
        p = m.group(1)
        first = p.split()[0]
        if first in _NON_PLACE_WORDS or first.lower() in _MONTH_SET or (first.isupper() and len(first) <= 5):
            continue  # months, pronouns, acronyms ("SMS services") are not places
        if all_aliases(p):
            continue
        places.add(re.sub(r"(?:’s|'s)$", "", p).lower())
    for m in _POSSESSIVE_PLACE.finditer(content):  # "Palmyra's historic citadel"
        if m.group(1) not in _NON_PLACE_WORDS and not all_aliases(m.group(1)) and m.start() > 0:
            places.add(m.group(1).lower())
    return frozenset(places)
