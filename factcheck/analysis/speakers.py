"""Who speaks, and for which side.

A speaker as written ("It", "the ministry", "Rami Abdel Rahman, head of the Britain-based Syrian
Observatory for Human Rights") is resolved against the speakers and organisations already met in
the article, then mapped to a side: a country with its capital, seat of government, officials and
forces; an organisation (a person named with one in apposition joins it); or a group (monitors,
activists, witnesses...). Sides are the unit of opposition: one side never opposes itself.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from .gazetteer import ALIASES, ALIASES_BY_LENGTH, GROUP_SIDES, ORG_HEADS, STATE_BODY_WORDS, side_display
from .names import (
    Entity, TITLES, _BASED, _RUN_BY, _TITLE_WORDS, _CAP_RUN, _COLLECTIVE, _CORPORATE, _DET, _DOCUMENT_OF, _NAME_AT,
    _ORG_DESCRIPTOR, _ORG_MENTION, _ORG_WORDS, _OWNER_PRONOUN, _POSSESSIVE_HEAD, _PRONOUNS,
    _QUANT_HEAD, _ROLE_AFTER_ORG, _ROLE_OF, _SELF, _STATE_MENTION, _STATE_WORD, _UNNAMED_ROLE,
    _WORD, _edit1, _lower_words, find_alias, slug, split_name,
)


_LED_COALITION = re.compile(r"\b(" + "|".join(re.escape(a) for a in ALIASES_BY_LENGTH)
                            + r")-(?:led|backed)\s+coalition")
_PERSON_ROLE = re.compile(r"^(?:the|a|an|one)\s+(?:[\w\-]+\s+){0,2}(?:spokes(?:man|woman|person)|witness|"
                          r"officer|official|commander|lawyer|doctor|resident|eyewitness)$", re.I)
_REACH = 120  # entities remembered for pronouns, short forms and surnames


_DETERMINERS = frozenset("the a an its their his her our your my this that these those".split())
_ROLE_THEN_NAME = re.compile(r"(?:^|\s)([a-z][\w\-]*)\s+[A-Z][a-z][\w’'\-]*(?:\s+[A-Z]\.)?\s+[A-Z][a-z][\w’'\-]+$")


class SpeakerResolver:
    """Resolves speakers in reading order; remembers who was met for pronouns and short forms."""

    def __init__(self, text: str = "", skip: tuple[tuple[int, int], ...] = ()) -> None:
        self.entities: list[Entity] = []
        # organisations named in the journalist's narration ("Corvan Motors announced ...")
        self.text, self.skip = text, skip
        self._mentions: list[tuple[int, Entity]] | None = None
        self.pos = self.last_pos = 0
        self.unnamed: Entity | None = None
        # "the U.S.-led coalition": a coalition speaks for the country that leads it
        m = _LED_COALITION.search(text) if ("-led" in text or "-backed" in text) else None
        self.coalition = ALIASES[m.group(1)] if m else None

    @property
    def mentions(self) -> list[tuple[int, Entity]]:
        if self._mentions is None:
            self._mentions = self._scan_mentions(self.text, self.skip)
        return self._mentions

    @staticmethod
    def _scan_mentions(text: str, skip) -> list[tuple[int, Entity]]:
        found: list[tuple[int, Entity]] = []
        for w in _STATE_WORD.finditer(text):  # "The Polish foreign ministry summoned ..."
            m = _STATE_MENTION.search(text, max(0, w.start() - 60), w.end())
            if m and m.end() == w.end():
                key = ALIASES[m.group(1)]
                found.append((m.start(), Entity(m.group(0), key, side_display(key), "country")))
        starts = [a for a, _ in skip]
        for m in _ORG_MENTION.finditer(text):
            i = bisect_left(starts, m.start() + 1) - 1  # skip headlines
            if i >= 0 and skip[i][0] <= m.start() < skip[i][1]:
                continue
            name = m.group(0).strip()
            words = _lower_words(name)
            if len(words) >= 2 and any(w in _ORG_WORDS for w in words) and not find_alias(name):
                acr = re.match(r"\s*\(([A-Z]{2,6})\)", text[m.end():m.end() + 10])
                # "the Federal Trade Commission (FTC)": the acronym names the same organisation
                full = f"{name} ({acr.group(1)})" if acr else name
                name = re.sub(r"^The\s+", "", name)
                full = f"{name} ({acr.group(1)})" if acr else name
                found.append((m.start(), Entity(full, slug(name), name, "org")))
        found.sort(key=lambda x: x[0])
        return found

    def _remember(self, e: Entity) -> Entity:
        self.entities.append(e)
        return e

    def _latest(self, pred, mentions: bool = False) -> Entity | None:
        # short forms and pronouns point a few paragraphs back at most; the bound keeps long texts linear
        for e in reversed(self.entities[-_REACH:]):
            if pred(e):
                return e
        if mentions:
            found = self.mentions
            i = bisect_left(found, self.pos, key=lambda m: m[0])
            for pos, e in reversed(found[max(0, i - _REACH):i]):
                if pred(e):
                    return e
        return None

    def org_entity(self, phrase: str) -> Entity | None:
        phrase = _BASED.sub("", phrase).strip(" ,.")
        indefinite = bool(re.match(r"(?:a|an|another)\s", phrase, re.I))
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
        known = None if indefinite else self._short_form(phrase)
        if known:
            return known
        if not phrase[:1].isupper() and len(words) <= 2 and not any(
                w in ORG_HEADS or w in STATE_BODY_WORDS for w in words):
            return None
        return Entity(phrase, slug(phrase), phrase, "org")

    def _short_form(self, phrase: str) -> Entity | None:
        words = [w for w in _lower_words(phrase) if w not in ("the", "a", "an", "state", "city", "local")]
        if not words or len(words) > 3:
            return None
        head = words[-1]
        if head in ("group", "organisation", "organization", "firm"):
            return self._latest(lambda e: e.kind == "org", True)
        if head in ("company", "carrier", "automaker", "carmaker", "manufacturer", "retailer", "airline",
                    "maker", "utility", "operator", "firm", "insurer", "lender"):
            return self._latest(lambda e: e.kind == "org" and (head in _lower_words(e.name) or any(
                w in _CORPORATE for w in _lower_words(e.name))), True)
        if head in ("newspaper", "paper", "daily", "broadcaster", "magazine", "tabloid"):
            return self._latest(lambda e: e.kind == "org" and any(
                w in ("tribune", "times", "post", "journal", "herald", "gazette", "telegraph", "guardian",
                      "chronicle", "courier", "observer", "express", "mirror", "examiner", "news")
                for w in _lower_words(e.name)), True)
        if head in ("department", "force") and not any(e for e in self.entities if head in _lower_words(e.name)):
            found = self._latest(lambda e: "police" in _lower_words(e.name), True)
            if found:
                return found
        return self._latest(lambda e: e.kind in ("org", "country") and head in _lower_words(e.name)
                            and all(w in _lower_words(e.name) for w in words), True)

    def side_of(self, word: str) -> str | None:
        """The side a possessive owner names: 'company' in "the company's figures"."""
        e = self._short_form(word) or self._by_word(word)
        return e.side if e else None

    def _by_word(self, word: str) -> Entity | None:
        """'Interlink' -> Interlink Rail; 'Simmons' -> Andre Simmons."""
        lw = re.sub(r"(?:’s|'s|’|')$", "", word.lower())
        if len(lw) < 3:
            return None
        e = self._latest(lambda e: e.kind == "person" and e.surname and (
            e.surname.lower() == lw or _edit1(e.surname.lower(), lw)))
        if e:
            return e
        return self._latest(lambda e: e.kind in ("org", "country") and lw in _lower_words(e.name), True)

    def _person(self, name: str, side_of: Entity | None, kind: str = "person", title: str = "") -> Entity:
        title = f"{title} {name}"
        name = TITLES.sub("", name).strip()
        surname = name.split()[-1] if name.split() else ""
        if side_of is None:
            known = self._by_word(surname) if surname else None
            if known and known.kind == "person":
                side_of = known
        last = self.unnamed
        if side_of is None and last is not None and self.pos - self.last_pos < 400:
            side_of = last  # "A rebel spokesman denied ... Konstantin Knyrik told Interfax ..."
        if side_of is None and re.search(r"\b(?:CEO|chief executive|chairman|chairwoman|spokes\w+|"
                                         r"president|founder)\b", title, re.I):
            side_of = self._latest(lambda e: e.kind == "org")  # "CEO John Legere" speaks for his company
        if side_of is None:
            return self._remember(Entity(name, "person-" + slug(name), name, kind, surname))
        return self._remember(Entity(name, side_of.side, side_of.side_name, kind, surname))

    def _owner(self, owner: str) -> Entity | None:
        owner = owner.strip()
        low = owner.lower()
        if low in ("her", "his"):
            return self._latest(lambda e: e.kind == "person")
        if low in ("its", "their"):
            return self._latest(lambda e: e.kind != "person") or self._latest(lambda e: True)
        alias = find_alias(owner)
        if alias and ALIASES.get(owner) == alias[1]:
            return Entity(owner, alias[1], side_display(alias[1]), "country")
        if len(owner.split()) == 1:
            e = self._by_word(owner)
            if e:
                return e
            if owner[:1].isupper() and owner.lower() not in _ORG_WORDS and not owner.isupper():
                return self._person(owner, None)  # "Hale's lawyer": Hale, met for the first time
        e = self.org_entity(owner)
        if e is None and owner.isalpha():
            e = self._remember(Entity(owner, slug(owner), owner, "org"))  # "the laboratory's director"
        return e

    def resolve(self, written: str, pos: int = 0) -> Entity:
        self.last_pos, self.pos = self.pos, pos
        e = self._resolve(written)
        if e.kind != "person" and _PERSON_ROLE.search(written.strip(" ,")):
            # "The rebel spokesman", "the witness": one person, whom a later "he" names
            p = Entity(e.name, e.side, e.side_name, "person", e.surname)
            if self.entities and self.entities[-1] is e:
                self.entities[-1] = p
            else:
                self.entities.append(p)
            e = p
        m_name = _ROLE_THEN_NAME.search(written.split(",")[0].strip())
        if e.kind == "org" and m_name and m_name.group(1).lower() not in _DETERMINERS and not any(
                w in _ORG_WORDS for w in _lower_words(m_name.group(0))):
            # "Blues midfielder Alan Judge", "club captain Ana Ruiz": a lowercase role, then a person's name
            p = Entity(e.name, e.side, e.side_name, "person", e.surname or written.split(",")[0].split()[-1])
            if self.entities and self.entities[-1] is e:
                self.entities[-1] = p
            else:
                self.entities.append(p)
            e = p
        # an unnamed spokesman is often named in the next sentence
        self.unnamed = e if _UNNAMED_ROLE.match(written.strip()) else None
        return e

    def _resolve(self, written: str) -> Entity:
        sp = written.strip(" ,\"“”")
        sp = re.sub(r"^(?:But|And|Yet|However|So)\s*,?\s+", "", sp)
        sp = _SELF.sub("", sp)
        low = sp.lower()
        if low in _PRONOUNS:
            want = _PRONOUNS[low]
            e = self._latest(lambda e: want == "any" or (e.kind == "person") == (want == "person"))
            if e is None and want == "nonperson":
                e = self._latest(lambda e: True, True)
            if e:
                return self._remember(Entity(e.name, e.side, e.side_name, e.kind, e.surname))
            return Entity(sp, "unresolved-" + low, sp, "person" if want == "person" else "org")
        sp = _COLLECTIVE.sub("", sp)  # "a group of independent researchers" -> "independent researchers"
        sp = _DOCUMENT_OF.sub("", sp)  # "a statement from the Interior Ministry" -> "the Interior Ministry"
        head, _, appos = sp.partition(",")
        head, appos = head.strip(), appos.strip()
        appos_name = split_name(re.split(r",|\s+and\s", appos)[0].strip())[1] if appos else ""
        if appos_name and len(appos_name.split()) < 2:
            appos_name = ""
        # "The consulting firm, Bayline Strategies": the name in apposition is the organisation
        if appos and re.search(r"\b(?:firm|company|group|agency|organi[sz]ation|charity|carrier|"
                               r"maker|operator|utility|lender|insurer|bank|union)$", head, re.I) \
                and re.fullmatch(r"(?:[A-Z][\w&\-]*\s*){1,4}", appos.strip()):
            org = self.org_entity(appos.strip())
            if org:
                return self._remember(org)
        # "One of them, Lena Ortiz"
        m = _QUANT_HEAD.match(head)
        if m and appos_name:
            grp = self._latest(lambda e: e.kind == "group") if m.group(1).lower() in ("them", "those") else None
            return self._person(appos_name, grp)
        # "a spokeswoman for the bureau, Karen Holt" / "a lawyer for the Bell family"
        role_of = re.match(r"^(?:(?:an?|the)\s+)?(?:[\w\-]+\s+){0,2}?(?:spokes\w+|lawyer|attorney|"
                           r"representative|official|member|head|director|leader|source|adviser|"
                           r"aide|commander|officer|chief|chairman|chairwoman|president|secretary|"
                           r"officials?|sources?|investigators?|doctors?|experts?|researchers?)s?\s+"
                           r"(?:for|of|at|with|from|to)\s+(.+)$", head, re.I)
        if role_of and re.match(r"(?:an?\s+|the\s+)?former\s", head, re.I):
            role_of = None  # "a former aide to Senator Hale" no longer speaks for him
            if appos_name:
                return self._person(appos_name, None)
            return self._remember(Entity(head, "person-" + slug(head), head, "person"))
        if role_of:
            org = self.org_entity(role_of.group(1))
            if org:
                self._remember(org)
                if appos_name:
                    return self._person(appos_name, org)
                return self._remember(Entity(sp, org.side, org.side_name, "person"))
        # "A ministry spokesman, Pawel Wronski" / "a company official"
        m = _ROLE_AFTER_ORG.match(head)
        if m:
            org = self._short_form(m.group(1)) or (self.org_entity(m.group(1)) if m.group(1)[:1].isupper() else None)
            if org and org.kind == "org" and org not in self.entities:
                self._remember(org)  # "a Boeing spokesperson": Boeing is met, "Boeing said" resolves to it
            if org:
                if appos_name:
                    return self._person(appos_name, org)
                return self._remember(Entity(head, org.side, org.side_name, "person"))
        # "The agency's acting administrator, Susan Cho" / "Her lawyer, Paul Grant"
        m = _OWNER_PRONOUN.match(head) or _POSSESSIVE_HEAD.match(head)
        if m and m.re is _POSSESSIVE_HEAD and m.group(2).lower() in _ORG_WORDS and not (
                len(m.group(1).split()) == 1 and self._by_word(m.group(1)) is not None
                and self._by_word(m.group(1)).kind == "person"):
            m = None  # "The Eastgate Residents' Association" is a name; "Okafor's team" is Okafor's
        if m and not find_alias(head.split("’s")[0].split("'s")[0]) and (appos_name or m.re is _OWNER_PRONOUN
                                                                       or not head[:1].isupper() or head.startswith("The ")):
            owner_text = head.split()[0] if m.re is _OWNER_PRONOUN else m.group(1)
            owner = self._owner(owner_text)
            if owner:
                if appos_name:
                    return self._person(appos_name, owner)
                return self._remember(Entity(head, owner.side, owner.side_name, "person"))
        # "Major Scott Nelson at the US military press centre", "Gorm Pederson from the Danish committee"
        m = _NAME_AT.match(head)
        if m and len(split_name(m.group(1))[1].split()) >= 2:
            org = self.org_entity(m.group(2))
            return self._person(split_name(m.group(1))[1], org)
        affiliation = self._affiliation(appos) if appos else None
        words = _lower_words(head)
        if len(words) == 2 and words[0] == "the" and head.split()[-1].isupper():
            head, words, low = head.split()[-1], words[1:], words[1]  # "The FTC"
        if len(words) == 1 and head[:1].isupper():
            if low in GROUP_SIDES:
                return self._remember(Entity(head, GROUP_SIDES[low], GROUP_SIDES[low].title(), "group"))
            known = self._by_word(head)
            if known and not ALIASES.get(head):
                return self._remember(Entity(known.name, known.side, known.side_name, known.kind, known.surname))
            if head.isupper() and 2 <= len(head) <= 6:
                # "the Securities and Exchange Commission ... The SEC said": the initials name it again
                full = self._latest(lambda e: e.kind == "org" and "".join(
                    w[0] for w in re.findall(r"[A-Z][\w\-]*", re.sub(r"\([^)]*\)", "", e.name))) == head, True)
                if full:
                    return self._remember(Entity(full.name, full.side, full.side_name, full.kind))
            if head.isupper() or re.search(r"[a-z][A-Z]|-|\d", head):
                return self._remember(Entity(head, slug(head), head, "org"))  # FTC, T-Mobile, eBay, 3M
            if not ALIASES.get(head) and low not in _ORG_WORDS and low not in STATE_BODY_WORDS \
                    and not low.endswith("s"):
                return self._person(head, None)  # a surname met for the first time
        alias = find_alias(head)
        group = next((GROUP_SIDES[w] for w in reversed(words) if w in GROUP_SIDES), None)
        state = any(w in STATE_BODY_WORDS for w in words)
        org_head = any(w in ORG_HEADS and w not in STATE_BODY_WORDS for w in words)
        prefix, name = split_name(head)
        is_person = len(name.split()) >= 2 and not _ORG_DESCRIPTOR.match(appos or "") and \
            not re.search(r"[a-z][A-Z]", name) and \
            not re.search(r"\b(?:of|from|for|at|in|with|on)\b", prefix) and \
            not any(w in _ORG_WORDS for w in _lower_words(name))
        if appos_name and re.search(r"\b(?:spokes(?:man|woman|person)|official|minister|secretary|director|"
                                    r"chief|commander|lawyer|attorney|adviser|aide|representative|officer)$",
                                    head, re.I):
            # "U.S. Central Command spokesman, Maj. Curtis Kellogg": the person, speaking for the body named
            org = self._prefix_affiliation(head)
            return self._person(appos_name, org)
        if alias and not (group and not state) and not (org_head and not state):
            if is_person:
                return self._person(name, Entity(alias[0], alias[1], side_display(alias[1]), "country"))
            name = head if _DET.sub("", head) != alias[0] else alias[0]
            return self._remember(Entity(re.sub(r"^(?:the|The)\s+", "", name), alias[1],
                                         side_display(alias[1]), "country"))
        if is_person:
            side_of = affiliation
            if side_of is None and prefix:
                side_of = self._prefix_affiliation(prefix)
            return self._person(name, side_of, title=prefix + " " + appos)
        if words and words[-1] in ("statement", "release", "communique", "report", "filing") and len(words) <= 3:
            e = self._latest(lambda e: e.kind != "person")  # "the statement said": whoever issued it
            if e:
                return self._remember(Entity(e.name, e.side, e.side_name, e.kind))
        if self.coalition and "coalition" in words:
            return self._remember(Entity(_DET.sub("", head), self.coalition, side_display(self.coalition), "country"))
        if group and not org_head:
            if affiliation:
                return self._remember(Entity(head, affiliation.side, affiliation.side_name, "group"))
            return self._remember(Entity(_DET.sub("", head), group, group.title(), "group"))
        indefinite = bool(re.match(r"(?:a|an|another|one)\s", head, re.I))  # a new entity, not a short form
        known = self._short_form(head) if (not head[:1].isupper() or len(words) <= 2) and not indefinite else None
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

    def _prefix_affiliation(self, prefix: str) -> Entity | None:
        """'Corvan spokesman', 'campaign manager', 'Police Chief', 'Armenian Prime Minister's spokeswoman'."""
        alias = find_alias(prefix)
        if alias:
            return Entity(alias[0], alias[1], side_display(alias[1]), "country")
        prefix = re.sub(r"(?:\s+(?:Chief|Commissioner|Spokesman|Spokeswoman|Director|Head|Officer))+\s*$", "",
                        prefix) if re.match(r"Police\b", prefix) else prefix  # "Police Chief Jeff Davis"
        m_min = re.fullmatch(r"\s*([A-Z][a-z]+)\s+Minister\s*", prefix)
        if m_min:  # "Health Minister Martha Reyes" speaks for the health ministry met before
            met = self._latest(lambda e: e.kind in ("org", "country") and "ministry" in _lower_words(e.name)
                               and m_min.group(1).lower() in _lower_words(e.name), True)
            if met:
                return met
        if prefix.strip().lower() == "police":
            found = self._latest(lambda e: e.kind in ("org", "group") and "police" in _lower_words(e.name), True)
            return found or self._remember(Entity("Police", "police", "Police", "org"))
        run = re.match(r"((?:[A-Z][\w&\-]*\s+(?:of\s+|for\s+)?){1,5})", prefix + " ")
        if run and len(run.group(1).split()) >= 2 and any(
                w in _ORG_WORDS or w in STATE_BODY_WORDS for w in _lower_words(run.group(1))):
            org = self.org_entity(run.group(1).strip())  # "Federal Aviation Administration chief"
            if org:
                return self._remember(org) if org not in self.entities else org
        for w in _WORD.findall(prefix):
            lw = w.lower().strip("’'")
            if lw in ("former", "acting", "deputy", "chief", "general", "senior", "executive", "manager",
                      "spokesman", "spokeswoman", "head", "director", "secretary", "minister", "mayor",
                      "president", "chairman", "chairwoman", "village", "battalion", "olympic", "champion"):
                continue
            e = self._by_word(w) if w[:1].isupper() else None
            if e is None:
                e = self._latest(lambda e: e.kind in ("org", "country", "group") and lw in _lower_words(e.name), True)
            if e:
                return e
            if w[:1].isupper() and lw not in _TITLE_WORDS and len(lw) > 2:
                # "Boeing Chief Executive Dave Calhoun": the capitalised word before the title is his firm
                return self._remember(Entity(w, slug(w), w, "org"))
        return None

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
        if re.match(r"(?:in|near|at|outside|inside)\s", appos):
            return None  # "a witness in Abu Kershola, in the east of the Sudanese province": a place
        run_by = _RUN_BY.search(appos)
        if run_by:  # "director of the Hamas-run government media office" speaks for Hamas
            owner = self._by_word(run_by.group(1)) or self.org_entity(run_by.group(1))
            if owner:
                return owner
        appos = re.split(r",\s*(?:and|or)\b|\s+and\s+other\b", appos)[0]
        appos = _BASED.sub("", appos)
        m = _ROLE_OF.search(appos)
        if m and not re.search(r"\b(?:from|who)\b", appos[:m.start() + 6]):
            # "a spokesman for the U.S. military in Afghanistan": the organisation after the role
            phrase = re.split(r"\s(?:who|which|that|and|in|on)\s", m.group(1) + " ")[0].strip()
            e = self.org_entity(phrase) if phrase else None
            if e and (e.kind == "country" or phrase[:1].isupper() or any(
                    w in _ORG_WORDS or w in STATE_BODY_WORDS for w in _lower_words(phrase))):
                return e
        alias = find_alias(appos)
        if alias and not any(w in ORG_HEADS for w in _lower_words(appos)) and re.search(
                r"\b(?:spokes\w+|official|commander|general|envoy|ambassador|diplomat)\b", appos, re.I):
            # "the top U.S. spokesman in Afghanistan": the country named before the role
            return Entity(alias[0], alias[1], side_display(alias[1]), "country")
        caps = [m.group(0) for m in _CAP_RUN.finditer(appos)]
        caps = [c for c in caps if len(c) > 2 and (find_alias(c) or any(
            w in _ORG_WORDS or w in STATE_BODY_WORDS for w in _lower_words(c)))]
        if caps:
            best = max(caps, key=len)
            e = self.org_entity(best)
            if e:
                return e
        m = _ROLE_OF.search(appos)
        if m and not re.search(r"\b(?:from|who)\b", appos[:m.start() + 6]):
            return self.org_entity(m.group(1))
        alias = find_alias(appos)
        if alias:
            return Entity(alias[0], alias[1], side_display(alias[1]), "country")
        return None
