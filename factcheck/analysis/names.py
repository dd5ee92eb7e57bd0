"""Names in news copy: people, organisations and countries, and the patterns that tell them apart
(titles, appositions, possessives, acronyms). Pure helpers for speakers.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import ALIASES, ALIASES_BY_LENGTH, ORG_HEADS, STATE_BODY_WORDS

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


_RUN_BY = re.compile(r"\b([A-Z][\w]+)-(?:run|led|controlled|backed|owned|allied)\b")
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


@lru_cache(maxsize=16384)
def _lower_words(s: str) -> tuple[str, ...]:
    return tuple(w.lower().strip("’'") for w in _WORD.findall(s))


def _edit1(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 6:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


_ORG_DESCRIPTOR = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:(?!(?:of|for|at|with)\b)[\w’'\-]+\s+){0,4}?(?:operator|group|company|firm|carrier|utility|maker|"
    r"manufacturer|agency|organi[sz]ation|charity|union|association|body|regulator|watchdog|network|"
    r"airline|bank|retailer|chain|provider|insurer|broadcaster|newspaper|coalition|alliance|party|"
    r"movement|militia|institute|laboratory|lab|hospital|university|council|federation|club|team|"
    r"automaker|carmaker|developer|producer|supplier|giant|conglomerate|startup|nonprofit)\b", re.I)


_QUANT_HEAD = re.compile(r"^(?:one|two|three|some|several|many|another|none|each)\s+(?:of\s+)?(them|those|the\s+\w+|\w+)$", re.I)


_POSSESSIVE_HEAD = re.compile(r"^(?:the\s+|The\s+)?(.+?)(?:’s|'s|s’|s')\s+(?:[\w\-]+\s+){0,3}?([\w\-]+)$")


_OWNER_PRONOUN = re.compile(r"^(?:Her|His|Its|Their|her|his|its|their)\s+(?:[\w\-]+\s+){0,2}?([\w\-]+)$")


_COLLECTIVE = re.compile(r"^(?:a|an|the)\s+(?:small\s+|large\s+)?(?:group|team|coalition|panel|handful|"
                         r"number|couple)\s+of\s+(?=[a-z])", re.I)


_ROLE_AFTER_ORG = re.compile(r"^(?:an?|the)\s+([\w\-]+(?:\s+[\w\-]+)?)\s+(?:spokes\w+|official|source|"
                             r"representative|lawyer|attorney|adviser|aide|officer|executive)$", re.I)


_DOCUMENT_OF = re.compile(r"^(?:a|an|the|its|their)\s+(?:joint\s+|written\s+|brief\s+)?(?:statement|report|post|"
                          r"letter|filing|notice|press release|communiqu[eé]|bulletin|tweet|video)\s+"
                          r"(?:from|by|issued by|released by|published by|of)\s+", re.I)


_NAME_AT = re.compile(r"^((?:[A-Z][\w\.’'\-]*\s+){1,4}[A-Z][\w’'\-]+)\s+(?:at|of|from|with)\s+(.+)$")


_STATE_WORD = re.compile(r"\b(?:ministry|government|army|military|police|embassy|navy|forces|border guards?|"
                         r"authorities)\b")


_STATE_MENTION = re.compile(
    r"\b(" + "|".join(re.escape(a) for a in ALIASES_BY_LENGTH) + r")(?:’s|'s)?\s+(?:[a-z]+\s+){0,2}?"
    r"(?:ministry|government|army|military|police|embassy|navy|forces|border guards?|authorities)\b")


_UNNAMED_ROLE = re.compile(r"^(?:a|an)\s+(?:[\w\-’']+\s+){0,6}?(?:spokes\w+|official|source|representative|"
                           r"commander|leader)(?:\s+(?:for|of|at|with)\s+.+)?$", re.I)


_SELF = re.compile(r"\s+(?:himself|herself|itself|themselves)$")


_ORG_MENTION = re.compile(
    r"(?:[A-Z][\w&’'\-]*[ ]+(?:(?:of|for|and|the|de)[ ]+)*){0,5}[A-Z][\w&’'\-]*")


_ORG_WORDS = ORG_HEADS | frozenset("energy power electric utilities rail railways motors airways "
                                   "pharmaceuticals systems holdings media foods labs laboratories "
                                   "technologies industries partners capital group therapeutics pharma "
                                   "biotech sciences software solutions enterprises networks telecom "
                                   "communications logistics shipping mining steel oil gas chemicals "
                                   "insurance securities investments broadcasting resources health healthcare services "
                                   "medical hospitals clinic clinics trust foundation institute center centre "
                                   # newspapers: "the Chicago Tribune said", then "the newspaper said"
                                   "tribune times post journal herald gazette telegraph guardian "
                                   "chronicle courier observer express mirror examiner".split())


_CORPORATE = frozenset("""company corp corporation inc ltd plc co motors energy power electric utilities
rail railways airlines airline airways bank pharmaceuticals systems holdings media foods labs
technologies industries partners capital therapeutics pharma biotech sciences software solutions
enterprises networks telecom communications logistics shipping mining steel oil gas chemicals
insurance securities investments broadcasting""".split())


_TITLE_WORDS = frozenset("""chief executive officer president minister director spokesman spokeswoman
spokesperson chairman chairwoman secretary general commissioner governor mayor senator ambassador
founder manager head leader coach judge""".split())


def split_name(head: str) -> tuple[str, str]:
    """'campaign manager Rosa Delgado' -> ('campaign manager', 'Rosa Delgado');
    'Boeing Chief Executive Dave Calhoun' -> ('Boeing Chief Executive', 'Dave Calhoun')."""
    toks = head.split()
    i = len(toks)
    while i > 0 and toks[i - 1][:1].isupper() and toks[i - 1].lower().strip(".’'s") not in _ORG_WORDS \
            and toks[i - 1].lower() not in STATE_BODY_WORDS and not ALIASES.get(toks[i - 1].strip("’'s")) \
            and toks[i - 1].lower().strip(".") not in _TITLE_WORDS:
        i -= 1
    return " ".join(toks[:i]), " ".join(toks[i:])
