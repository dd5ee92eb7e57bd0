"""Pairs of assertions that cannot both stand, with a score and a reason an editor can read.

Evidence, strongest first: a denial or dispute that points back at a claim; a denial whose
content restates a claim; the same event told with incompatible content (different figures,
"hit" against "not hit", military targets against civilians, cooperation against attack).
Contrastive discourse ("But", "however") and closeness in the text add weight. Two assertions of
one side are never paired.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from .features import Features, features, stem
from .lexicon import CONCEPTS, DISPUTE_WORDS, GENERIC, GENERIC_POLAR, INCOMPATIBLE, NEGATORS, STOPWORDS
from .stance import anaphor
from .types import Assertion, Opposition

THRESHOLD = 0.5
_FIRST_PERSON = re.compile(r"\b(?:I|I've|I'm|[Mm]y|[Mm]e|[Ww]e|[Oo]ur|[Uu]s|We've|we've|We're|we're)\b")
WINDOW = 40  # sentences: contradictions further apart than this in one article are not sought
_DISPUTE_STEMS = frozenset(stem(w) for w in DISPUTE_WORDS)


def short(s: str, n: int = 90) -> str:
    s = " ".join(s.split()).strip("\"“”")
    return s if len(s) <= n else s[: n - 1].rsplit(" ", 1)[0] + "…"


def _who(a: Assertion) -> str:
    return a.speaker_name or a.speaker


def _shared(fa: Features, fb: Features) -> set[str]:
    common = {c for c in fa.concepts & fb.concepts if c.lower() not in GENERIC}
    return common - _DISPUTE_STEMS


class _Lead:
    """'A says ...; B says ...', built only when a rule fires."""

    def __init__(self, a: Assertion, b: Assertion) -> None:
        self.a, self.b = a, b

    def __format__(self, spec: str) -> str:
        return f"{_who(self.a)} says {short(self.a.quote, 70)}; {_who(self.b)} says {short(self.b.quote, 70)}"


_DEFENSIVE = re.compile(r"\b(?:returned fire|(?:came|come|coming) under (?:\w+ )?(?:fire|attack)|in response to|"
                        r"retaliat\w*|self-defen[cs]e|responded to (?:an? )?(?:attack|fire|shelling)|"
                        r"(?:was|were) attacked first|fired first)\b", re.I)


_STARTED = re.compile(r"\b(?:opened fire|fired first|first to (?:fire|shoot|attack)|started|initiated|"
                      r"launched (?:an?|the) attack|provoked|attacked first)\b", re.I)


_ALL = re.compile(r"\ball (?:the |of the )?([a-z]{4,})", re.I)
_ONLY_SOME = re.compile(r"\bonly (?:\w+|a few|some) of (?:those|these|the|them|its|their) ([a-z]{4,})", re.I)


def _all_versus_some(qa: str, qb: str) -> str | None:
    """'all deaths had been reported' against 'only two of those deaths were described'."""
    for x, y in ((qa, qb), (qb, qa)):
        if not _search(_ONLY_SOME, y) or not _search(_ALL, x):
            continue
        alls = {stem(m.group(1)) for m in _ALL.finditer(x)}
        for m in _ONLY_SOME.finditer(y):
            if stem(m.group(1)) in alls:
                return m.group(1).lower()
    return None


_NO_KNOWLEDGE = re.compile(r"\b(?:no|any)\s+(?:information|knowledge|details|comment|idea|record)\b|"
                          r"\bnot\s+(?:aware|know|knowing|sure)\b|n['’]t\s+(?:know|aware)\b", re.I)


def _negated_restatement(fa: Features, fb: Features) -> str | None:
    """'there was no evidence to support the higher death toll' against 'convincing evidence to
    support the higher death toll': much the same words, one side negated."""
    if fa.negated == fb.negated:
        return None
    for fx, fy in ((fa, fb), (fb, fa)):
        if not fx.negated or fy.negated:
            continue
        negs = {c for c, p in fx.polar if not p and c.lower() not in GENERIC}
        hit = {c for c in negs if c in fy.concepts}
        if not hit:
            continue
        common = {t for t in fx.terms & fy.terms if t not in GENERIC and len(t) > 2}
        if len(common) >= 3 and len(common) * 2 >= min(len(fx.terms), len(fy.terms)):
            return ", ".join(sorted(c.lower() for c in hit)[:3])
    return None


def _names_itself(x: Assertion) -> bool:
    """The speaker's own side is the subject it talks about: 'we', or 'DPR troops' from the DPR."""
    if _search(_FIRST_PERSON, x.quote):
        return True
    low = x.quote.lower()
    words = [w for w in x.side.split("-") if len(w) >= 3 and w not in ("the", "person", "ministry", "defence",
                                                                        "defense", "office", "police")]
    return bool(words) and bool(_word_in(words[0], low))


@lru_cache(maxsize=65536)
def _word_in(word: str, low: str):
    return re.search(r"\b" + re.escape(word) + r"\b", low)


def _first_person_denial(a: Assertion, fa: Features, b: Assertion, fb: Features) -> str | None:
    """'We didn't fire on these people' against the other side's account of the same event."""
    for x, fx, y, fy in ((a, fa, b, fb), (b, fb, a, fa)):
        if not fx.negated or not _names_itself(x) or _search(_NO_KNOWLEDGE, x.quote):
            continue  # "Russia had no information about the case" neither confirms nor denies
        for c, pol in fx.polar:
            if not pol and c in fy.concepts and (c, False) not in fy.polar and c.lower() not in GENERIC:
                return c.lower()
    return None


_THEMSELVES = re.compile(r"\b(?:themselves|itself)\b", re.I)
_PRETEXT = re.compile(r"\b(?:under the (?:guise|pretext|cover) of|as a (?:pretext|cover) for)\s+(\w+)", re.I)


def _blame_or_pretext(a: Assertion, fa: Features, b: Assertion, fb: Features) -> str | None:
    """'The Ukrainians themselves have bombed the road' against 'killed in a rebel attack';
    'under the guise of humanitarian deliveries' against 'filled with humanitarian aid'."""
    for x, fx, y, fy in ((a, fa, b, fb), (b, fb, a, fa)):
        if _search(_THEMSELVES, x.quote) and ("ATTACK", True) in fx.polar and (
                ("ATTACK", True) in fy.polar or ("KILL", True) in fy.polar):
            return f"{_who(x)} blames the other side for the attack {_who(y)} describes"
        m = _search(_PRETEXT, x.quote)
        if m and stem(m.group(1)) in fy.terms:
            return f"{_who(x)} calls '{m.group(1)}' a pretext; {_who(y)} presents it as fact"
    return None


_ONCE = re.compile(r"\b(?:only|just)\s+(?:one|once|a single)\b|\b(?:a single|only once|just once)\b", re.I)
_REPEATED = re.compile(r"\b(?:repeatedly|repeated|several times|multiple|numerous|many times|again and again|"
                       r"several)\b", re.I)


def _once_against_repeated(fa: Features, a: Assertion, fb: Features, b: Assertion) -> bool:
    """'warned the man repeatedly' against 'gave only one warning'."""
    for x, fx, y, fy in ((a, fa, b, fb), (b, fb, a, fa)):
        if _search(_ONCE, x.quote) and _search(_REPEATED, y.quote) and not _search(_REPEATED, x.quote) \
                and {c for c in fx.concepts & fy.concepts if c.isupper()}:
            return True
    return False


def _who_fired_first(a: Assertion, fa: Features, b: Assertion, fb: Features) -> str | None:
    """'X's troops opened fire' / X: 'we only returned fire'; or 'we never fired a shot'."""
    for x, fx, y, fy in ((a, fa, b, fb), (b, fb, a, fa)):
        if not _search(_DEFENSIVE, y.quote):
            continue
        y_named = y.side in fx.actors or any(
            len(w) > 3 and w in x.quote.lower() for w in y.side.split("-") if w not in ("person", "the"))
        started = bool(_search(_STARTED, x.quote))  # "opened fire", "fired first": x says y started it
        blames_y = y_named and ("ATTACK", True) in fx.polar and started
        denies_firing = ("ATTACK", False) in fx.polar and not _search(_DEFENSIVE, x.quote)
        if blames_y or denies_firing:
            return f"Who fired first: {_who(y)} says it only responded, {_who(x)} says otherwise"
    return None


_CAUSE_PHRASE = re.compile(r"\b(?:caused|started|sparked|triggered|ignited|set off)\s+(?:by|at|in|from)\s+"
                           r"|\b(?:killed|hit|destroyed|wounded|injured)\s+(?:by|from)\s+"
                           r"|\b(?:linked to|due to|blamed on|(?:as )?a result of|the result of|traced to)\s+", re.I)


@lru_cache(maxsize=65536)
def _cause_of(quote: str) -> tuple[str, frozenset[str]] | None:
    m = _CAUSE_PHRASE.search(quote)
    if not m or re.search(r"\b(?:not|no|never)\b", quote[max(0, m.start() - 25):m.start()]):
        return None
    words = re.findall(r"[A-Za-z][\w\-]*", quote[m.end():])[:6]
    phrase = []
    for w in words:
        if w.lower() in ("which", "that", "who", "and", "about", "on", "last", "after", "before", "when"):
            break
        phrase.append(w)
    toks = frozenset(stem(w) for w in phrase if w.lower() not in ("a", "an", "the", "its", "their", "his", "her"))
    return (" ".join(phrase), toks) if toks else None


def _rival_causes(a: Assertion, b: Assertion) -> tuple[str, str] | None:
    """'started by a power line' against 'started at a campsite'."""
    ca, cb = _cause_of(a.quote), _cause_of(b.quote)
    if ca and cb and not (ca[1] & cb[1]):
        return ca[0], cb[0]
    return None


def _about_speaker(a: Assertion, b: Assertion) -> bool:
    """a talks about b's speaker, and b answers in the first person ("Mensah tested positive" /
    Mensah: "I have never cheated")."""
    name = (b.speaker_name or "").split()
    if b.speaker_kind != "person" or not name or len(name[-1]) < 3:
        return False
    return name[-1] in a.quote and bool(_search(_FIRST_PERSON, b.quote))


def _relation(stance: str) -> str:
    return {"deny": "denies", "dispute": "disputes"}.get(stance, "contradicts")


def _refers(a: Assertion, b: Assertion) -> tuple[str, float, str] | None:
    for d, o in ((b, a), (a, b)):
        if o.id in d.refers_to:
            rel = _relation(d.stance) if d.stance in ("deny", "dispute") else "contradicts"
            return rel, 0.9, (f"{_who(d)} {d.cue} '{short(d.quote, 70)}', which refers to {_who(o)}'s "
                              f"claim that {short(o.quote)}")
    return None


@lru_cache(maxsize=262144)
def _search(pattern: re.Pattern, text: str):
    """Regex searches over quotes repeat for every pair; remember them per quote."""
    return pattern.search(text)


_EVENT_CONCEPTS = frozenset({"ATTACK", "KILL", "WOUND", "DESTROY", "CAUSE"})
_CONCEPT_STEMS = frozenset(stem(w) for w, c in CONCEPTS.items() if c in _EVENT_CONCEPTS)


_DEAD_WORDS = re.compile(r"\b(?:toll|victims?|bodies|massacre\w*|lost their lives|funerals?|buried)\b", re.I)


def _denial(d: Assertion, o: Assertion, fd: Features, fo: Features, near: bool,
            distance: int | None) -> tuple[str, float, str] | None:
    if d.stance not in ("deny", "dispute") or o.stance not in ("assert", "confirm"):
        return None
    if anaphor(d.quote)[0]:
        return None
    shared = _shared(fd, fo)
    stems = {t for t in fd.terms & fo.terms if t not in GENERIC and len(t) > 2}
    weight = max(len(shared), len(stems)) + 0.5 * len((fd.places & fo.places) | (fd.names & fo.names))
    specific = bool({c for c in shared if c not in _EVENT_CONCEPTS} | (fd.places & fo.places)
                    | (fd.names & fo.names) | {t for t in stems if t not in _CONCEPT_STEMS})
    if "COOP" in shared and fo.coop_partner and not (fo.actors & {d.side}) and \
            not any(stem(p) in fo.coop_partner for p in d.side.split("-")):
        return None  # the other side claims cooperation with someone else
    victims = {"KILL", "WOUND", "CIVILIAN"} & fd.concepts
    if victims and not victims & fo.concepts and not fo.civilian and not _search(_DEAD_WORDS, o.quote):
        return None  # "denied reports that civilians were killed in the strikes" leaves "the strikes happened" standing
    reply = distance is not None and (distance <= 2 or abs(d.paragraph - o.paragraph) <= 1)
    # "Police denied shooting at protesters" in the lede: every later account of the shooting answers it
    lede_act = d.paragraph == 0 and distance is not None and o.sentence > d.sentence and distance <= 12 \
        and d.stance == "deny" and bool(shared & _EVENT_CONCEPTS) and not anaphor(d.quote)[0]
    if weight < 2 and not ((reply or lede_act) and weight >= 1):
        return None  # a denial right after a claim needs one shared term; elsewhere two
    if not reply and not lede_act and not specific and not (d.side in fo.actors or any(
            len(w) > 3 and w in o.quote.lower() for w in d.side.split("-"))):
        return None  # "killed" and "strike" alone do not make two claims about the same thing
    lede = d.paragraph == 0 and o.sentence > d.sentence and distance is not None and distance <= 12
    if distance is not None and distance > 6 and weight < 3 and not lede:
        return None  # but a denial in the lede answers the claims the story goes on to tell
    score = min(1.0, 0.5 + 0.08 * weight + (0.1 if near else 0.0))
    return (_relation(d.stance), score,
            f"{_who(d)} {d.cue} '{short(d.quote, 70)}', against {_who(o)}'s claim that {short(o.quote)}"
            f" (shared: {', '.join(sorted(s.lower() for s in shared)[:4])})")


def _numbers(fa: Features, fb: Features) -> tuple[str, str] | None:
    for ma, la, ha in fa.numbers:
        for mb, lb, hb in fb.numbers:
            if ma != mb and "*" not in (ma, mb):
                continue
            gap = max(lb - ha, la - hb)  # how far apart the two ranges are
            if gap > max(2.0, 0.1 * max(hb, ha, 1.0) if max(hb, ha) != float("inf") else 2.0):
                def fmt(lo, hi):
                    if hi == float("inf"):
                        return f"at least {lo:g}"
                    if lo == 0 and hi > 0:
                        return f"up to {hi:g}"
                    return f"{lo:g}" if lo == hi else f"about {(lo + hi) / 2:g}"
                return ma.lower(), f"{fmt(la, ha)} vs {fmt(lb, hb)}"
    return None


def _polarity(fa: Features, fb: Features) -> str | None:
    # the most specific concept first, in a fixed order: set order must never change a result
    found = [(c.upper() in GENERIC_POLAR, c) for c, pol in fa.polar if (c, not pol) in fb.polar]
    if found:
        return min(found)[1].lower()
    if (("WEAPON", False) in fa.polar and ("ATTACK", True) in fb.polar and "fir" in fb.terms) or (
            ("WEAPON", False) in fb.polar and ("ATTACK", True) in fa.polar and "fir" in fa.terms):
        return "weapons / firing"  # "have not used weapons" against "fired shots"
    for x, y in INCOMPATIBLE:
        if ((x, True) in fa.polar and (y, True) in fb.polar) or ((y, True) in fa.polar and (x, True) in fb.polar):
            return f"{x.lower()} / {y.lower()}"
    return None


def fy_words(s: str) -> list[str]:
    seen, out = set(), []
    for w in s.replace("’", "'").split():
        w = w.strip(".,;:\"“”()").lower()
        if w and w not in seen:
            seen.add(w)
            out.append(w)
    return out


def _coop_attack(a: Assertion, fa: Features, b: Assertion, fb: Features) -> str | None:
    for x, fx, y, fy in ((a, fa, b, fb), (b, fb, a, fa)):
        if fx.coop_partner and fy.attack_target:
            common = fx.coop_partner & fy.attack_target
            if len(common) * 2 >= len(fy.attack_target) and (not fy.actors or x.side in fy.actors):
                return " ".join(w for w in fy_words(y.quote) if stem(w) in common) or " ".join(sorted(common))
    return None


_ELLIPTIC_NO = re.compile(r"^\s*(?:he|she|it|they|we|i|that|this)\s+(?:(?:was|were|is|are|did|does|do|has|have|had|"
                         r"would|could|will)(?:n['’]t|\s+not)|(?:ca|wo)n['’]t|cannot)\W*$", re.I)


def _elliptic_denial(a: Assertion, b: Assertion, distance: int | None) -> bool:
    """'Police say the man was armed, but a witness says he wasn't': the bare negated auxiliary
    takes its content from the claim just before it."""
    return distance is not None and distance == 0 and bool(_search(_ELLIPTIC_NO, b.quote)) and \
        not _search(_ELLIPTIC_NO, a.quote)


_HOSTILE = re.compile(r"\b(?:shoot\w*|fir(?:ed|ing)|attack\w*|shot|maneuver\w*|manoeuvr\w*|advanc\w*|"
                      r"ambush\w*)\s+(?:at|on|against|toward|towards)\s+(?:us|our)\b", re.I)
_CIVILIAN_DEAD = re.compile(r"\b(?:civilians?|innocent|women|children|villagers|shepherds|farmers|"
                            r"noncombatants|bystanders)\b", re.I)


def _dead_as_attackers(a: Assertion, fa: Features, b: Assertion, fb: Features) -> bool:
    """'The people who were killed were shooting at us' against 'the 15 killed were innocent
    civilians': one side says the dead fought it, the other that they were civilians."""
    for x, fx, y, fy in ((a, fa, b, fb), (b, fb, a, fa)):
        if ("KILL", True) in fx.polar and _search(_HOSTILE, x.quote) and _search(_CIVILIAN_DEAD, y.quote) \
                and not _search(_HOSTILE, y.quote):
            return True
    return False


_THERE_NO = re.compile(r"\bthere\s+(?:was|were|had been|has been|have been|is|are)\s+no\s+(?:[\w\-]+\s+)?"
                       r"([a-z][\w\-]+)", re.I)
_EMPHATIC = re.compile(r"\b(?:did|does|do)\s+(?:indeed\s+|in fact\s+)?(?:take place|happen|occur|exist)\b", re.I)


def _existence(a: Assertion, fa: Features, b: Assertion, fb: Features) -> str | None:
    """'there were no clashes' against 'clashes with government troops'; 'the incidents did take
    place' right after it."""
    for x, fx, y, fy in ((a, fa, b, fb), (b, fb, a, fa)):
        m = _search(_THERE_NO, x.quote)
        if not m:
            continue
        head = stem(m.group(1))
        if head in fy.terms and (head, False) not in fy.polar and not fy.negated:
            return m.group(1).lower()
        if _search(_EMPHATIC, y.quote):
            return m.group(1).lower()
    return None


_ACCIDENT = re.compile(r"\b(?:technical|mechanical|engine|electrical)\s+(?:fault|failure|problem|trouble|malfunction)s?\b|"
                       r"\bmalfunction\w*|\bemergency landing\b|\b(?:was|were) an accident\b|\baccidental\w*", re.I)
_DOWNED = re.compile(r"\b(?:shot|brought|gunned)\s+(?:it\s+)?down\b|\bdowned\b|\b(?:hit|struck) by (?:a |an )?"
                     r"(?:missile|rocket|shell|fire)\b", re.I)


def _accident_or_attack(a: Assertion, b: Assertion) -> bool:
    """'shot down a helicopter' against 'crashed due to a technical fault'."""
    for x, y in ((a, b), (b, a)):
        if _search(_DOWNED, x.quote) and _search(_ACCIDENT, y.quote) and not _search(_DOWNED, y.quote):
            return True
    return False


@lru_cache(maxsize=65536)
def _marks(q: str) -> tuple[bool, ...]:
    """Which of the rarer patterns a quote holds, read once per quote: most pairs need none."""
    return (bool(_DOWNED.search(q)), bool(_ACCIDENT.search(q)), bool(_ONCE.search(q)),
            bool(_REPEATED.search(q)), bool(_THERE_NO.search(q)), bool(_HOSTILE.search(q)))


_WORD_RE = re.compile(r"[a-z]+(?:n't)?|[,.;:]")
_WEAK = frozenset("have having some they them their were was been being more less said added".split())


@lru_cache(maxsize=65536)
def _content_words(quote: str) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """(content stems, the stems in each negation's scope): 'fire-extinguishing' gives 'fire' and
    'extinguish'; a negation reaches six words and ends with its phrase."""
    words = _WORD_RE.findall(quote.lower().replace("’", "'"))
    stems: set[str] = set()
    scopes: list[set[str]] = []
    neg_until = -1
    for i, w in enumerate(words):
        if w in NEGATORS or w.endswith("n't"):
            neg_until = i + 6
            scopes.append(set())
            continue
        if w in ("and", "or", "but", ",", ".", ";", ":"):
            neg_until = -1
            continue
        if w in STOPWORDS or w in GENERIC or w in _WEAK or len(w) < 4:
            continue
        st = stem(w)[:7]
        stems.add(st)
        if i <= neg_until:
            scopes[-1].add(st)
    return frozenset(stems), tuple(frozenset(x) for x in scopes if x)


def _negation_clash(a: Assertion, b: Assertion, distance: int | None, contrast: bool) -> str | None:
    """Two sides on one matter, one negating what the other affirms: 'they were not provided with
    adequate protective equipment' against 'staff wore appropriate protective equipment'; 'the
    building did not have any fire extinguisher' against 'we had fire extinguishers'."""
    if distance is None or distance > 8:
        return None
    sa, na = _content_words(a.quote)
    sb, nb = _content_words(b.quote)
    if bool(na) == bool(nb):
        return None
    sx, nx, sy = (sa, na, sb) if na else (sb, nb, sa)
    if _search(_NO_KNOWLEDGE, a.quote if na else b.quote):
        return None
    common = sx & sy
    # what is negated must be what the other affirms, not a word beside it
    hits = [x & sy for x in nx if 2 * len(x & sy) > len(x)]
    if not hits or len(common) < 2:
        return None
    hit = max(hits, key=len)
    if not (distance <= 2 or contrast or len(common) >= 3 or len(hit) >= 2):
        return None
    return ", ".join(sorted(hit)[:3])


_PRONOUN_START = re.compile(r"[\"“]?(?:it|this|that)\b", re.I)


def _contrastive(a: Assertion, b: Assertion, distance: int | None, contrast: bool) -> str | None:
    """'The company said the fire started in a storage room. But firefighters said it began in the
    boiler room': the journalist sets two sides' accounts of one subject against each other."""
    if distance is None or distance > 1 or not contrast or a.stance != "assert" or b.stance != "assert":
        return None
    sa, _ = _content_words(a.quote)
    sb, _ = _content_words(b.quote)
    common = sa & sb
    if len(common) >= 2:
        return ", ".join(sorted(common)[:3])
    if _PRONOUN_START.match(b.quote) and distance == 1:
        return "the same subject"
    return None


def score_pair(a: Assertion, b: Assertion, *, distance: int | None = None,
               contrast: bool = False, places_a: frozenset[str] = frozenset(),
               places_b: frozenset[str] = frozenset()) -> Opposition | None:
    """Oppose a (earlier) and b (later), or return None. distance is in sentences (None when the
    two come from different articles)."""
    if a.side == b.side or a.id == b.id:
        return None
    hit = _refers(a, b)
    if hit:
        return Opposition(a.id, b.id, *hit)
    if _elliptic_denial(a, b, distance):
        return Opposition(a.id, b.id, "contradicts", 0.75,
                          f"{_who(b)} says '{short(b.quote, 30)}' to {_who(a)}'s claim that {short(a.quote)}")
    fa, fb = features(a.quote), features(b.quote)
    ma, mb = _marks(a.quote), _marks(b.quote)
    exist = _existence(a, fa, b, fb) if distance is not None and distance <= 8 and (ma[4] or mb[4]) else None
    if exist and exist not in ("one", "evidence", "sign", "indication", "information", "comment"):
        return Opposition(a.id, b.id, "contradicts", 0.6 + (0.1 if distance <= 2 else 0.0),
                          f"One says there were no {exist}, the other that there were. {_Lead(a, b)}")
    if distance is not None and distance <= 6 and (ma[5] or mb[5]) and _dead_as_attackers(a, fa, b, fb):
        return Opposition(a.id, b.id, "contradicts", 0.7,
                          f"One side says the dead were attacking it, the other that they were civilians. "
                          f"{_Lead(a, b)}")
    if not (fa.concepts & fb.concepts) and not (fa.military and fb.civilian) and not (
            fb.military and fa.civilian) and not (fa.coop_partner and fb.attack_target) and not (
            fb.coop_partner and fa.attack_target) and not (fa.polar and fb.polar) and not (
            fa.numbers and fb.numbers):
        return None  # nothing in common to disagree about
    near = distance is not None and (distance <= 2 or abs(a.paragraph - b.paragraph) <= 1)
    best: tuple[str, float, str] | None = None
    for d, o, fd, fo in ((a, b, fa, fb), (b, a, fb, fa)):
        hit = _denial(d, o, fd, fo, near, distance)
        if hit and (best is None or hit[1] > best[1]):
            best = hit
    if best:
        return Opposition(a.id, b.id, *best)
    if anaphor(a.quote)[0] or anaphor(b.quote)[0]:
        return None
    if distance is None:  # across articles the blocking keys carry each claim's scene
        places_a = places_a | {k[6:] for k in a.keys if k.startswith("place:")}
        places_b = places_b | {k[6:] for k in b.keys if k.startswith("place:")}
    pa, pb = fa.places | places_a, fb.places | places_b
    shared = _shared(fa, fb)
    same_place = bool(pa & pb)
    same_date = bool(fa.dates & fb.dates)
    about = _about_speaker(a, b) or _about_speaker(b, a)
    if distance is None:
        same_event = (same_place or same_date) and len(shared) >= 2
    else:
        same_event = same_place or same_date or len(shared) >= 2 or (near and len(shared) >= 1) or about
    bonus = (0.1 if contrast and distance is not None and distance <= 2 else 0.0) + (0.1 if near else 0.0)
    lead = _Lead(a, b)
    if same_event or near:
        num = _numbers(fa, fb)
        if num:
            return Opposition(a.id, b.id, "contradicts", min(1.0, 0.6 + bonus),
                              f"Different figures for the same event ({num[0]}: {num[1]}). {lead}")
    some = _all_versus_some(a.quote, b.quote)
    if some and distance is not None and distance <= 8:
        return Opposition(a.id, b.id, "contradicts", min(1.0, 0.6 + bonus),
                          f"'All {some}' against 'only some of the {some}'. {lead}")
    pol = _polarity(fa, fb)
    if pol and pol.upper() in GENERIC_POLAR:
        # "zero chance of civilian casualties" does not deny "killed five insurgents"
        for fx, fy in ((fa, fb), (fb, fa)):
            objects = {c for c, p in fx.polar if c.lower() != pol and (not p or not c.isupper())}
            if (pol.upper(), False) in fx.polar and objects and not (objects & fy.concepts):
                pol = None
                break
    if pol and (same_event or (distance is not None and distance <= 8 and pol.upper() not in GENERIC_POLAR)):
        others = {c for c in shared if c.lower() != pol}
        if about or pol.upper() not in GENERIC_POLAR or (others and (near or same_place or len(others) >= 2)):
            return Opposition(a.id, b.id, "contradicts", min(1.0, 0.55 + bonus),
                              f"One affirms and the other negates '{pol}'. {lead}")
    if distance is not None and distance <= 6 and ((ma[0] and mb[1]) or (mb[0] and ma[1])) and _accident_or_attack(a, b):
        return Opposition(a.id, b.id, "contradicts", min(1.0, 0.65 + bonus),
                          f"Brought down by an attack against an accident. {lead}")
    if distance is not None and distance <= 4 and ((ma[2] and mb[3]) or (mb[2] and ma[3])) and \
            _once_against_repeated(fa, a, fb, b):
        return Opposition(a.id, b.id, "contradicts", min(1.0, 0.6 + bonus),
                          f"Once against repeatedly. {lead}")
    neg = _negated_restatement(fa, fb) if distance is not None and distance <= 8 else None
    if neg:
        return Opposition(a.id, b.id, "contradicts", min(1.0, 0.6 + bonus),
                          f"One negates what the other states ({neg}). {lead}")
    denial = _first_person_denial(a, fa, b, fb)
    if denial and distance is not None and distance <= 8:
        return Opposition(a.id, b.id, "contradicts", min(1.0, 0.6 + bonus),
                          f"A first-person denial ('{denial}') against the other side's account. {lead}")
    blame = _blame_or_pretext(a, fa, b, fb)
    if blame and distance is not None and distance <= 8:
        return Opposition(a.id, b.id, "contradicts", min(1.0, 0.6 + bonus), f"{blame}. {lead}")
    first = _who_fired_first(a, fa, b, fb)
    if first and distance is not None and distance <= 6:
        return Opposition(a.id, b.id, "contradicts", min(1.0, 0.6 + bonus), f"{first}. {lead}")
    causes = _rival_causes(a, b)
    if causes and (same_event or (distance is not None and distance <= 8)) and (
            shared - {"CAUSE"} or (distance is not None and distance <= 1)):
        return Opposition(a.id, b.id, "contradicts", min(1.0, 0.6 + bonus),
                          f"Two causes for one event: {causes[0]} against {causes[1]}. {lead}")
    coop = _coop_attack(a, fa, b, fb)
    if coop:
        return Opposition(a.id, b.id, "contradicts", min(1.0, 0.6 + bonus),
                          f"Cooperation with {coop} against an attack on {coop}. {lead}")
    clash = _negation_clash(a, b, distance, contrast) if a.stance not in ("deny", "dispute") and \
        b.stance not in ("deny", "dispute") else None
    if clash:
        return Opposition(a.id, b.id, "contradicts", min(1.0, 0.5 + bonus),
                          f"One side negates what the other affirms ({clash}). {lead}")
    framed = _contrastive(a, b, distance, contrast)
    if framed:
        return Opposition(a.id, b.id, "contradicts", 0.5,
                          f"Set against each other ('but', 'however') about {framed}. {lead}")
    mil_civ = (fa.military and fb.civilian and not fa.civilian) or (fb.military and fa.civilian and not fb.civilian)
    if mil_civ:
        excl = (fa.exclusive and fb.civilian) or (fb.exclusive and fa.civilian)
        close = distance is not None and ((contrast and distance <= 2) or distance <= 1 or (
            excl and distance <= 12 and bool(fa.concepts & fb.concepts & {"KILL", "ATTACK", "DESTROY"})))
        far = distance is None and same_place and (same_date or excl or bool(
            fa.concepts & fb.concepts & {"KILL", "ATTACK", "DESTROY"}))
        if close or far:
            mil, civ = (a, b) if fa.military and fb.civilian else (b, a)
            return Opposition(a.id, b.id, "contradicts", min(1.0, 0.55 + bonus),
                              f"{_who(mil)} names military targets ({short(mil.quote, 60)}); {_who(civ)} "
                              f"says civilians were hit ({short(civ.quote, 60)})")
    return None


def pair_within(assertions: Sequence[Assertion], context_places: dict[str, frozenset[str]]) -> list[Opposition]:
    ordered = sorted(assertions, key=lambda x: (x.sentence, x.start))
    out: list[Opposition] = []
    figures: set[tuple[str, str]] = set()  # (assertion, other side) already opposed on a figure
    lo = 0
    for j, b in enumerate(ordered):
        while ordered[lo].sentence < b.sentence - WINDOW:
            lo += 1  # huge texts: only claims within WINDOW sentences are compared
        for a in ordered[lo:j]:
            dist = b.sentence - a.sentence
            contrast = b.contrast and dist <= 2
            o = score_pair(a, b, distance=dist, contrast=contrast,
                           places_a=context_places.get(a.id, frozenset()),
                           places_b=context_places.get(b.id, frozenset()))
            if not o or o.score < THRESHOLD:
                continue
            if o.reason.startswith("Different figures"):
                # one figure against a side's figure is enough: its restatements add nothing
                if (b.id, a.side) in figures:
                    continue
                figures.add((b.id, a.side))
            out.append(o)
    return out


def pair_across(new: Sequence[Assertion], stored: Sequence[Assertion]) -> list[Opposition]:
    """Oppose assertions of a new article to stored assertions of other articles.

    The caller passes stored candidates that share a blocking key with the new ones; ids must be
    unique across both sequences. Each opposition is (stored id, new id). Two claims are compared
    only when they share a place or a date key: across articles an event is anchored in where or
    when; an actor or a term alone names a topic."""
    wanted = {k for n in new for k in n.keys}
    by_key: dict[str, list[Assertion]] = {}
    for s in stored:
        for k in s.keys:
            if k in wanted:
                by_key.setdefault(k, []).append(s)
    out: list[Opposition] = []
    for n in new:
        shared: dict[str, int] = {}
        strong: dict[str, Assertion] = {}
        for k in n.keys:
            posting = by_key.get(k)
            if not posting:
                continue
            is_strong = k.startswith(("place:", "date:"))
            for s in posting:
                shared[s.id] = shared.get(s.id, 0) + 1
                if is_strong:
                    strong[s.id] = s
        for sid, s in strong.items():
            if s.side == n.side:
                continue
            o = score_pair(s, n)
            if o and o.score >= THRESHOLD:
                out.append(Opposition(o.a, o.b, o.relation, o.score, "Across articles: " + o.reason))
    return out
