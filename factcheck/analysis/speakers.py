"""Who speaks, and for which side.

A speaker as written ("It", "the ministry", "Rami Abdel Rahman, head of the Britain-based Syrian
Observatory for Human Rights") is resolved against the speakers and organisations already met in
the article, then mapped to a side: a country with its capital, seat of government, officials and
forces; an organisation (a person named with one in apposition joins it); or a group (monitors,
activists, witnesses...). Sides are the unit of opposition: one side never opposes itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import ALIASES, ALIASES_BY_LENGTH, GROUP_SIDES, ORG_HEADS, STATE_BODY_WORDS, side_display

_ALIAS_RE = re.compile(
    r"(?<![\w\-])(" + "|".join(re.escape(a) for a in ALIASES_BY_LENGTH) + r")(?:’s|'s)?(?![\w])")
TITLES = re.compile(
    r"^(?:(?:former|acting|deputy|interim|then-)\s+)*(?:(?:[A-Z][\w\.]*\s+)?(?:General|Gen\.|Lt\.|"
    r"Col\.|Colonel|Maj\.|Major|Capt\.|Captain|Sgt\.|Sergeant|Adm\.|Admiral|President|"
    r"Prime Minister|Minister|Mr\.|Mrs\.|Ms\.|Dr\.|Sen\.|Senator|Rep\.|Gov\.|Governor|Mayor|"
    r"Chief|Judge|Justice|Officer|Detective|Det\.|Professor|Prof\.|Secretary|Spokesman|"
    r"Spokeswoman|Ambassador|Coach|CEO|Chairman|Chairwoman|Director|Inspector|Sheriff|"
    r"Superintendent|Commissioner|Attorney General|Prosecutor|Chancellor|King|Queen|Prince|"
    r"Sheikh|Pope|Rev\.|Father|Bishop|Commander|Marshal|Premier|Speaker|Leader)\s+)+")
_PRONOUNS = {"he": "person", "she": "person", "it": "nonperson", "they": "any", "we": "any",
             "i": "any", "him": "person", "her": "person"}
_DET = re.compile(r"^(?:the|a|an|its|his|her|their|our|some|other|several|both|many|most|two|"
                  r"three|four|five|one|local|senior|top|unnamed|anonymous)\s+", re.I)
_CAP_RUN = re.compile(r"(?:[A-Z][\w\.’'\-]*(?:’|')?(?:\s+(?:of|for|and|on|the|de|al|al-|in)\s+|\s+)?)+"
                      r"[A-Z][\w\.’'\-]*|[A-Z][\w\.’'\-]{2,}")
_BASED = re.compile(r"\b[\w\-]+-based\s+", re.I)
_ROLE_OF = re.compile(r"\b(?:for|of|at|with|from|representing)\s+((?:the\s+)?[\w\-’']+(?:\s+[\w\-’']+){0,5})")
_WORD = re.compile(r"[\w’'\-]+")


@dataclass
class Entity:
    name: str
    side: str
    side_name: str
    kind: str  # person | org | country | group
    surname: str = ""


def slug(s: str) -> str:
    s = _DET.sub("", s.strip())
    s = re.sub(r"(?:’s|'s)\b", "", s)
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "unknown"


def find_alias(s: str) -> tuple[str, str] | None:
    """The first country alias in s: (alias as written, side key)."""
    m = _ALIAS_RE.search(s)
    if not m:
        return None
    return m.group(1), ALIASES[m.group(1)]


def all_aliases(s: str) -> list[str]:
    return [ALIASES[m.group(1)] for m in _ALIAS_RE.finditer(s)]


def _lower_words(s: str) -> list[str]:
    return [w.lower().strip("’'") for w in _WORD.findall(s)]


def _edit1(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 6:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


class SpeakerResolver:
    """Resolves speakers in reading order; remembers who was met for pronouns and short forms."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []

    def _remember(self, e: Entity) -> Entity:
        self.entities.append(e)
        return e

    def _latest(self, pred) -> Entity | None:
        for e in reversed(self.entities):
            if pred(e):
                return e
        return None

    def org_entity(self, phrase: str) -> Entity | None:
        phrase = _BASED.sub("", phrase).strip(" ,.")
        phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I)
        if not phrase:
            return None
        words = _lower_words(phrase)
        alias = find_alias(phrase)
        state = any(w in STATE_BODY_WORDS for w in words)
        org_head = any(w in ORG_HEADS and w not in STATE_BODY_WORDS for w in words)
        if alias and (state or phrase in (alias[0], alias[0] + "’s", alias[0] + "'s") or not org_head):
            return Entity(phrase, alias[1], side_display(alias[1]), "country")
        for w in reversed(words):
            if w in GROUP_SIDES and not org_head and not phrase[:1].isupper():
                g = GROUP_SIDES[w]
                return Entity(phrase, g, g.title(), "group")
        known = self._short_form(phrase)
        if known:
            return known
        if not phrase[:1].isupper() and len(words) <= 2 and not org_head:
            return None
        return Entity(phrase, slug(phrase), phrase, "org")

    def _short_form(self, phrase: str) -> Entity | None:
        words = [w for w in _lower_words(phrase) if w not in ("the", "a", "an")]
        if not words or len(words) > 3:
            return None
        head = words[-1]
        if head in ("group", "organisation", "organization", "firm"):
            return self._latest(lambda e: e.kind == "org")
        if head in ("company", "carrier", "automaker", "manufacturer", "retailer", "airline", "maker"):
            return self._latest(lambda e: e.kind == "org" and not any(
                w in STATE_BODY_WORDS for w in _lower_words(e.name)))
        return self._latest(lambda e: e.kind in ("org", "country") and head in _lower_words(e.name)
                            and all(w in _lower_words(e.name) for w in words))

    def resolve(self, written: str) -> Entity:
        sp = written.strip(" ,\"“”")
        sp = re.sub(r"^(?:But|And|Yet|However|So)\s*,?\s+", "", sp)
        low = sp.lower()
        if low in _PRONOUNS:
            want = _PRONOUNS[low]
            e = self._latest(lambda e: want == "any" or (e.kind == "person") == (want == "person"))
            if e is None and want == "nonperson":
                e = self._latest(lambda e: True)
            if e:
                return self._remember(Entity(e.name, e.side, e.side_name, e.kind, e.surname))
            return Entity(sp, "unresolved-" + low, sp, "person" if want == "person" else "org")
        head, _, appos = sp.partition(",")
        head = head.strip()
        appos = appos.strip()
        # "a spokesman for the ministry", "a lawyer for the family"
        role_of = re.match(r"^(?:an?|the)\s+(?:[\w\-]+\s+){0,2}?(?:spokes\w+|lawyer|attorney|"
                           r"representative|official|member|head|director|leader|source|adviser|"
                           r"aide|commander|officer)s?\s+(?:for|of|at|with|from)\s+(.+)$", head)
        if role_of:
            org = self.org_entity(role_of.group(1))
            if org:
                self._remember(org)
                return self._remember(Entity(sp, org.side, org.side_name, "person"))
        affiliation = self._affiliation(appos) if appos else None
        alias = find_alias(head)
        words = _lower_words(head)
        group = next((GROUP_SIDES[w] for w in reversed(words) if w in GROUP_SIDES), None)
        state = any(w in STATE_BODY_WORDS for w in words)
        org_head = any(w in ORG_HEADS and w not in STATE_BODY_WORDS for w in words)
        if alias and not (group and not state) and not (org_head and not state):
            name = head if _DET.sub("", head) != alias[0] else alias[0]
            e = Entity(re.sub(r"^(?:the|The)\s+", "", name), alias[1], side_display(alias[1]),
                       "person" if self._looks_person(head) else "country")
            if e.kind == "person":
                e.name = TITLES.sub("", e.name.split("’s ")[-1].split("'s ")[-1])
                e.surname = e.name.split()[-1] if e.name.split() else ""
            return self._remember(e)
        if self._looks_person(head):
            name = TITLES.sub("", head).strip()
            surname = name.split()[-1] if name.split() else name
            known = self._latest(lambda e: e.kind == "person" and e.surname and (
                e.surname == surname or _edit1(e.surname, surname) or e.name == name))
            if affiliation:
                self._remember(affiliation)
                e = Entity(name, affiliation.side, affiliation.side_name, "person", surname)
            elif known and len(name.split()) == 1:
                e = Entity(known.name, known.side, known.side_name, "person", known.surname)
            elif known:
                e = Entity(name, known.side, known.side_name, "person", surname)
            else:
                title_org = self._title_affiliation(head)
                if title_org:
                    e = Entity(name, title_org.side, title_org.side_name, "person", surname)
                else:
                    e = Entity(name, "person-" + slug(name), name, "person", surname)
            return self._remember(e)
        if group and not org_head:
            if affiliation:
                return self._remember(Entity(head, affiliation.side, affiliation.side_name, "group"))
            return self._remember(Entity(_DET.sub("", head), group, group.title(), "group"))
        known = self._short_form(head) if (not head[:1].isupper() or len(words) <= 2) else None
        if known:
            return self._remember(Entity(known.name, known.side, known.side_name, known.kind))
        if affiliation and not head[:1].isupper():
            return self._remember(Entity(head, affiliation.side, affiliation.side_name, "group"))
        org = self.org_entity(head)
        if org:
            return self._remember(org)
        if re.search(r"\b(?:officials|authorities|government)\b", low):
            c = self._latest(lambda e: e.kind == "country")
            if c:
                return self._remember(Entity(head, c.side, c.side_name, "group"))
        key = slug(words[-1]) if words else "unknown"
        return self._remember(Entity(_DET.sub("", head), key, key.title(), "group"))

    @staticmethod
    def _looks_person(head: str) -> bool:
        h = TITLES.sub("", head.strip())
        h = re.sub(r"^.*(?:’s|'s)\s+", "", h) if ("’s " in h or "'s " in h) else h
        toks = h.split()
        if not toks or len(toks) > 5:
            return False
        if not all(t[:1].isupper() or t.lower() in ("de", "al", "bin", "van", "von", "la", "da", "el")
                   for t in toks):
            return False
        if any(t.lower().strip(".’'s") in ORG_HEADS or t.lower() in STATE_BODY_WORDS for t in toks):
            return False
        if find_alias(h) and len(toks) <= 2 and ALIASES.get(h.replace("’s", "")):
            return False
        return len(toks) >= 2 or (h != head.strip() or len(toks) == 1 and not find_alias(h))

    def _title_affiliation(self, head: str) -> Entity | None:
        m = TITLES.match(head)
        if not m:
            return None
        title = m.group(0)
        words = _lower_words(title)
        if any(w in ORG_HEADS for w in words):
            return self.org_entity(title.strip())
        return None

    def _affiliation(self, appos: str) -> Entity | None:
        appos = re.split(r",\s*(?:and|or)\b|\s+and\s+other\b", appos)[0]
        appos = _BASED.sub("", appos)
        caps = [m.group(0) for m in _CAP_RUN.finditer(appos)]
        caps = [c for c in caps if len(c) > 2]
        if caps:
            best = max(caps, key=len)
            e = self.org_entity(best)
            if e:
                return e
        m = _ROLE_OF.search(appos)
        if m:
            return self.org_entity(m.group(1))
        alias = find_alias(appos)
        if alias:
            return Entity(alias[0], alias[1], side_display(alias[1]), "country")
        return None
