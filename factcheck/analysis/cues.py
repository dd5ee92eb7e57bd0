"""Reporting cues and the patterns around them: which words report speech, what may sit
between a cue and its content ("said on Tuesday in a statement that"), and the phrases that
open or close a clause. Data and small pure functions over the text; attribution.py reads them.
"""
from __future__ import annotations

import re

# verb form -> stance it expresses. "strict" verbs need "that", a quotation or a final position.
_VERBS: dict[str, str] = {}
for _forms, _stance in (
    ("say says said tell tells told claim claimed claims stated add added adds insist "
     "insisted insists allege alleged alleges report reported reports warn warned warns accuse "
     "accused accuses describe described describes call called calls write wrote writes "
     "testified testify blame blamed blames tweeted announce announced announces stress stressed "
     "argue argued argues assert asserted asserts maintain maintained maintains note noted notes "
     "explain explained explains estimate estimated suggest suggested contend contended contends "
     "predict predicted emphasized emphasised reiterated revealed disclosed believe believes "
     "replied complained complains posted found concluded read", "assert"),
    ("confirm confirmed confirms acknowledge acknowledged acknowledges admit admitted admits "
     "concede conceded concedes", "confirm"),
    ("deny denied denies reject rejected rejects dismiss dismissed dismisses refute refuted "
     "refutes rebuffed rebutted", "deny"),
    ("ruled|out rules|out rule|out", "deny"),
    ("cast|doubt|on casts|doubt|on casting|doubt|on", "dispute"),
    ("charged", "assert"),
    ("put puts expressed voiced presented produced", "assert"),
    ("dispute disputed disputes contest contested contests questioned challenged countered",
     "dispute"),
    # the wider vocabulary of attribution in news English (PARC-style): communication, cognition,
    # response and characterisation verbs, each with its stance
    ("declare declared declares proclaimed observed observes remarked remarks commented comments "
     "indicated indicates cautioned cautions hinted hints recalled recalls recounted recounts "
     "retorted retorts responded responds answered protested protests feared fears hoped hopes "
     "expect expects expected thinks thought suspects suspected pointed|out points|out point|out "
     "mentioned asserting reaffirmed repeated repeats underlined underscored acknowledges "
     "informed alerted assured vowed promised pledged forecast forecasts projected calculated "
     "characterised characterized characterises characterizes branded brands labelled labeled "
     "termed terms dubbed", "assert"),
    ("corroborated corroborates verified verifies", "confirm"),
    ("contradicted contradicts contradict doubted doubts disagreed disagrees", "dispute"),
):
    for _f in _forms.split():
        _VERBS[_f.replace("|", " ")] = _stance


STRICT = frozenset("""announce announced announces stress stressed argue argued argues assert
asserted asserts maintain maintained maintains note noted notes explain explained explains estimate
estimated suggest suggested contend contended contends predict predicted emphasized emphasised
revealed disclosed believe believes replied posted found concluded charged
declare declared declares proclaimed observed observes remarked remarks commented comments indicated
indicates cautioned cautions hinted hints recalled recalls recounted recounts retorted retorts
responded responds answered protested protests feared fears hoped hopes expects expected thinks thought
expect suspects suspected mentioned reaffirmed repeated repeats underlined underscored acknowledges informed
alerted assured vowed promised pledged forecast forecasts projected calculated corroborated corroborates
verified verifies doubted doubts disagreed disagrees pointed|out points|out point|out""".replace("|", " ").split()) | frozenset(
    ("pointed out", "points out", "point out"))


NOUNISH = frozenset("claims reports states notes estimates calls disputes warns blames".split())


PARTICIPLES = {"saying": "assert", "adding": "assert", "insisting": "assert", "claiming": "assert",
               "arguing": "assert", "warning": "assert", "noting": "assert", "accusing": "assert",
               "denying": "deny", "rejecting": "deny", "disputing": "dispute",
               "stating": "assert", "alleging": "assert", "explaining": "assert", "maintaining": "assert",
               "asserting": "assert", "contending": "assert", "suggesting": "assert", "declaring": "assert",
               "acknowledging": "confirm", "admitting": "confirm", "confirming": "confirm",
               "conceding": "confirm", "dismissing": "deny", "refuting": "deny", "contesting": "dispute",
               "questioning": "dispute"}


_ADV = (r"(?:also|later|previously|again|repeatedly|flatly|strongly|firmly|publicly|privately|"
        r"quickly|immediately|since|now|already|initially|earlier|swiftly|vehemently|categorically|"
        r"emphatically|angrily|separately|further|then|first|officially|openly|explicitly|fully|"
        r"formally|directly|specifically|"
        r"not|never|never|just|only|long|consistently|reportedly|has|have|had|will|would|did|does|do|"
        r"could|may|might|can|must|should)")


_CUE_WORDS = frozenset(_VERBS) | frozenset(PARTICIPLES)


_WORDS_RE = re.compile(r"(?<![\w\-])(rul(?:ed|es|e) out|point(?:ed|s)? out|cast(?:s|ing)? doubt on|[a-z]+)(?![\w\-])")


_AUX_WORDS = frozenset(_ADV[3:-1].split("|"))


_AUX_BEFORE = re.compile(r"(?:(?<![\w\-])" + _ADV + r"\s+|n't\s+)+$")


class CueMatch:
    """A reporting cue: the verb, with the auxiliaries and adverbs before it ("has also said")."""

    __slots__ = ("_start", "_verb_start", "_end", "_aux", "_verb")

    def __init__(self, start: int, verb_start: int, end: int, aux: str, verb: str) -> None:
        self._start, self._verb_start, self._end, self._aux, self._verb = start, verb_start, end, aux, verb

    def start(self, name: str | None = None) -> int:
        return self._verb_start if name == "verb" else self._start

    def end(self) -> int:
        return self._end

    def group(self, name: str) -> str:
        return self._verb if name == "verb" else self._aux


def find_cues(text: str, s0: int, s1: int):
    for m in _WORDS_RE.finditer(text, s0, s1):
        verb = m.group(1)
        if verb not in _CUE_WORDS:
            continue
        vs = m.start()
        start = vs
        while True:  # walk back over "has also", "did not", "will"
            j = start - 1
            while j >= s0 and text[j] == " ":
                j -= 1
            k = j
            while k >= s0 and (text[k].isalpha() or text[k] == "'"):
                k -= 1
            word = text[k + 1:j + 1]
            if j < start - 1 and (word in _AUX_WORDS or word == "n't" or word.endswith("n't")):
                start = k + 1
            else:
                break
        yield CueMatch(start, vs, m.end(), text[start:vs], verb)


_NOT_A_SOURCE = re.compile(r"(?:the\s+|its\s+|their\s+)?(?:[\w\-]+\s+)?(?:standards?|rules?|law|plan|"
                           r"schedule|protocols?|procedures?|regulations|guidelines|tradition)\b")


ACCORDING = re.compile(r"(?<!\w)[Aa]ccording to\s+")


_NOUN_BEFORE = frozenset("""the a an those these this that such his her its their our my your media
news press initial earlier conflicting unconfirmed local official first latest new recent multiple
some many several any no all other of on in to for about with amid despite after against by from
over into these false similar previous repeated widespread""".split())


_PASSIVE_BEFORE = frozenset("is was were are be been being to it's".split())


_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"


_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|April|May|June|July|Aug(?:ust|\.)?|"
          r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")


ADJUNCT = re.compile(
    r"\s*,?\s*(?:"
    r"(?:late |early )?(?:on|last|this|next|earlier|later) (?:" + _WEEKDAY + r"|" + _MONTH
    + r"(?: \d{1,2})?(?:, \d{4})?|week|month|year|night|morning|evening|weekend)(?: (?:morning|"
    r"afternoon|evening|night))?"
    r"|in (?:a|an|the|his|her|its|their) (?:[\w\-]+ ){0,2}?"
    r"(?:statement|interview|email|e-mail|post|letter|report|news conference|press conference|"
    r"briefing|speech|address|tweet|filing|memo|video|message|court filing|radio interview)"
    r"(?: (?:on|with|to|posted|released|issued|published|late) [^,;:\"“”]{0,40}?(?=[,;:\"“]| that ))?"
    r"|at an? (?:news|press) (?:conference|briefing)|on (?:Twitter|X|Facebook|Telegram|"
    r"Instagram|television|state television|TV|social media|the radio|(?:its|their|his|her|the) (?:website|"
    r"web ?site|blog|Facebook page|Telegram channel|account|page|channel))"
    r"|" + _WEEKDAY + r"(?: (?:morning|afternoon|evening|night))?"
    r"|yesterday|today|tonight|earlier|later|recently|previously|again|also|then|now|"
    r"publicly|privately|separately|on condition of anonymity|in court|in parliament"
    r"|(?<=, )(?:citing|quoting) [^,;:\"“]{2,60}?(?=,)"
    r"|on " + _MONTH + r" \d{1,2}(?:, \d{4})?|in " + _MONTH + r"(?: \d{4})?"
    r")(?![\w])\s*,?")


TOLD_AUDIENCE = re.compile(
    r"\s*(?:reporters|journalists|lawmakers|legislators|parliament|the court|the jury|"
    r"the committee|a (?:news|press) conference|an? [\w\-]+ (?:audience|crowd|meeting|hearing|"
    r"committee|briefing|rally)|him|her|them|us|me|investigators|police|officials|"
    r"(?:the )?[A-Z][\w\.’'\-]*(?: [A-Z][\w\.’'\-]*){0,4}(?: (?:news )?(?:agency|newspaper|"
    r"broadcaster|channel|television|radio|website|outlet|daily|magazine|network))?|"
    r"the \w+(?: \w+)?(?= that))\b")


_DEMONSTRATIVE = re.compile(
    r"(?:[\w\-]+\s+)?(?:report|claim|account|allegation|accusation|theory|explanation|idea|notion|"
    r"narrative|finding|conclusion|assessment|characteri[sz]ation|version|description|suggestion|"
    r"assertion|charge|statement|story|figure|estimate|view|argument|interpretation|analysis|"
    r"decision|criticism|proposal|request|offer|demand|number|toll|count|tally|total|data|result|"
    r"version|portrayal|depiction|reading|reasoning|logic|rumou?r)s?\b(?!\s+(?:is|was|were|are|has|had)\b)")


THAT = re.compile(r"\s*,?\s*that\b\s*")


CLAUSE_BREAK = re.compile(
    r"(?:;|\s--\s|\s[-–—]\s|—|\)\s*[-–—]\s|,\s*(?:but|while|whereas|although|though|yet|as|because|even as|"
    r"after|when)\b|\bbut\b|\bwhile\b|\bwhereas\b|:\s|\s(?:after|because|when|although|until)\s)")


AND_BREAK = re.compile(r",\s*and\b")


INTRO = re.compile(
    r"(?:(?:but|and|yet|so|however|still|meanwhile|moreover|also|instead|now|then|"
    r"separately|elsewhere|earlier|later|overnight|today|yesterday)\b\s*,?\s*)"
    r"|(?:in|on) (?:a|an|its|his|her|their|the) (?:[\w\-]+ )?(?:statement|email|e-mail|interview|letter|"
    r"post|tweet|release|filing)\s*,?\s+(?=[A-Z])"
    r"|(?:in|on|at|after|before|during|since|while|when|although|though|as|following|despite|"
    r"amid|asked|speaking|responding|writing|elsewhere|earlier|later|last|this|until|with|"
    r"without|under|from|for|by|within|across|near|unlike|if|because|which|who|where|once|"
    r"separately|overnight|late|early|shortly|hours|days|weeks|months)\b[^,]*,\s*", re.I)


_SPEAKER_START = re.compile(
    r"^(?:[A-Z\"“]|(?:the|a|an|its|his|her|their|some|other|several|two|three|four|many|local|"
    r"senior|both|one|most|state|military|government|police|officials|witnesses|residents|"
    r"activists|monitoring|rescue|medical|hospital|health|union|party|company|human|rights)\b|"
    r"(?:he|she|it|they|we|i)\b)", re.I)


_VERBISH = re.compile(r"\b(?:is|was|were|are|has|have|had|did|walked|went|came|took|began|"
                      r"[a-z]{2,}(?<!based)(?<!led)ed|heard|said|told|saw|left|met|fell|rose|won|lost|took|gave)\b")


_COORD_END = re.compile(r"(?:,?\s*(?:and|but)(?:\s+(?:also|then|later))?)\s*$")


_COORD_VP = re.compile(r",\s+(?:and|but)\s+(?:he|she|they|it|we)\s+(?:also\s+)?[a-z]+ed\b|"
                       # ", but the company issued a release": a new clause with its own subject
                       r",\s+but\s+the\s+[a-z]+\s+(?:issued|said|says|insisted|denied|argued|countered|"
                       r"maintained|released|disputed|rejected)\b|"
                       # "... after Iran admitted to ...": a narrated clause with another source
                       r"\s(?:after|as|when|while|since|because)\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?\s+"
                       r"(?:admitted|acknowledged|confirmed|announced|said|claimed|denied)\b|"
                       # ", but gave no figure": a second verb phrase of the reporting subject
                       r",\s+but\s+(?:also\s+|then\s+|later\s+)?(?:gave|offered|provided|made|took|"
                       r"failed|declined|refused|did not|didn't|would not|could not)\b|"
                       r",?\s+(?:and|but)\s+(?:also\s+|then\s+|later\s+)?(?:declined|refused|would not|"
                       r"did not|added|said|warned|urged|called|insisted|noted|stressed|acknowledged|"
                       r"conceded|admitted|denied|vowed|promised|asked|told|says|adds|rejected|"
                       r"dismissed|disputed|accused|claimed|confirmed)\b")


_TRAILING_ADJ = re.compile(r"\s+(?:(?:on )?" + _WEEKDAY + r"|on " + _MONTH + r"(?: \d{1,2})?|last (?:week|month|"
                           r"night|year)|in a statement|this week|earlier|again|yesterday|today)$")


_CLAUSEY = re.compile(r"\b(?:is|was|were|are|that|which|if|would|could|should|did|do)\b")


_CONTENT_BAD_START = re.compile(
    r"^(?:was|were|is|are|had|has|have|did|would|could|should|will|to|for|by|with|"
    r"from|up|off|out|back|into|in order to|so as to)\b", re.I)


ROLE_APPOSITION = re.compile(
    r"^(?:,\s*)?(?:(?:a|an|the)\s+)?(?:[\w\.\-’']+\s+){0,3}?(?:head|director|chief|spokesman|spokeswoman|spokesperson|"
    r"leader|member|president|chairman|chairwoman|chair|secretary|minister|official|professor|"
    r"lawyer|attorney|analyst|researcher|founder|ceo|executive|manager|commander|general|coach|"
    r"captain|doctor|physician|mayor|governor|senator|organizer|organiser|representative|"
    r"adviser|advisor|aide|owner|editor|economist|scientist|expert|investigator|officer|"
    r"sheriff|prosecutor|judge|counsel|agent|pilot|driver|resident|witness|activist|campaigner|"
    r"superintendent|commissioner|inspector|chancellor|ambassador|envoy|negotiator|vice|specialist|"
    r"epidemiologist|toxicologist|engineer|nurse|teacher|consultant|strategist|historian|lecturer|"
    r"fellow|partner|associate|veteran|survivor|expert)\b",
    re.I)


_PREV_WORD = re.compile(r"([\w’']+)[\s,]*$")


def _prev_word(text: str, pos: int, floor: int) -> str:
    m = _PREV_WORD.search(text[max(floor, pos - 40):pos])
    return m.group(1).lower() if m else ""


def _skip_adjuncts(text: str, pos: int, end: int) -> int:
    while True:
        m = ADJUNCT.match(text, pos, end)
        if not m or m.end() == pos:
            return pos
        pos = m.end()


def _content_after(text: str, verb: str, pos: int, end: int) -> int:
    """Where the governed content starts after a cue ending at pos."""
    if verb in ("told", "tell", "tells"):
        m = re.match(r"(?:\s+[\w\.’'\-]+){1,8}?\s+that\s", text[pos:end])
        if m and not re.search(r"[,;:\"“]", m.group(0)):
            pos += m.end() - 1
        else:
            m = TOLD_AUDIENCE.match(text, pos, end)
            if m:
                pos = m.end()
    if verb in ("put", "puts", "estimated", "estimates", "estimate", "placed", "places"):
        m = _PUT_FIGURE.match(text, pos, end)  # "put the figure at", "estimated the crowd at"
        if m:
            return m.end()
    if verb in ("expressed", "voiced"):
        m = re.match(r"\s+(?:\w+\s+)?(?:concerns?|fears?|doubts?|hopes?|confidence)\s+(?:that\s+|about\s+|over\s+)?",
                     text[pos:end])
        if m:
            return pos + m.end()
    if verb in ("complained", "complains", "complain", "warned", "warns", "spoke", "told"):
        m = re.match(r"\s+(?:of|about)\s+", text[pos:end])  # "complained of a strong smell"
        if m and verb.startswith(("complain", "warn")):
            return pos + m.end()
    pos = _skip_adjuncts(text, pos, end)
    m = THAT.match(text, pos, end)
    if m and not _DEMONSTRATIVE.match(text, m.end(), end) and text[m.end():end].strip(" .!?\"”'’"):
        # but "The prison service rejected that." keeps its pronoun object
        pos = _skip_adjuncts(text, m.end(), end)
    while pos < end and text[pos] in " ,:":
        pos += 1
    return pos


_PUT_FIGURE = re.compile(r"\s+(?:the|its|their|his|her)\s+(?:[\w\-]+\s+)?(?:figure|number|toll|count|"
                         r"total|turnout|cost|damage|estimate|crowd|attendance)\s+at\s+")


def _verb_ok(text: str, verb: str, after: int, end: int) -> bool:
    rest = text[after:end]
    if verb in ("call", "called", "calls"):
        m = re.match(r"\s+(?:it|them|this|that|him|her|(?:the|these|those|such|his|her|their|its|"
                     r"[A-Z][\w\-]*(?:’s|'s))"
                     r"\s+[\w\-’']+(?:\s+[\w\-’']+)?)\s+(?!to\b|for\b|at\b|in\b|on\b|from\b|"
                     r"about\b|after\b|with\b)[\w\"“]", rest)
        return bool(m) and not re.match(r"\s+(?:for|on|off|in|up|out|back)\b", rest)
    if verb in ("put", "puts"):
        return bool(_PUT_FIGURE.match(rest))
    if verb in ("presented", "produced"):
        return bool(re.match(r"\s+(?:\w+\s+)?(?:evidence|proof|documents|photographs|data|records)\b", rest))
    if verb in ("expressed", "voiced"):
        return bool(re.match(r"\s+(?:\w+\s+)?(?:concerns?|fears?|doubts?|hopes?|confidence)\b", rest))
    if verb in ("characterised", "characterized", "characterises", "characterizes"):
        return bool(re.match(r"\s+[^.;:]{1,80}?\bas\b", rest))
    if verb in ("branded", "brands", "labelled", "labeled", "termed", "terms", "dubbed"):
        return bool(re.match(r"\s+(?:it|them|this|that|him|her|(?:the|these|those|such|his|her|their|its|"
                             r"[A-Z][\w\-]*(?:’s|'s))\s+[\w\-’']+(?:\s+[\w\-’']+)?)\s+(?:as\s+)?"
                             r"(?:an?\s+|[\"“‘']|un|il|in|false|baseless|lies|propaganda|fake)", rest))
    if verb in ("terms",) and re.match(r"\s+of\b", rest):
        return False
    if verb in ("answered", "responded", "responds"):
        return bool(re.match(r"\s*(?:that\b|:|,?\s*[\"“])", rest))
    if verb in ("informed", "alerted", "assured"):
        return bool(re.match(r"\s+(?:[\w\-’']+\s+){1,4}?that\b", rest))
    if verb in ("vowed", "promised", "pledged", "repeated", "repeats", "calculated", "projected"):
        return bool(re.match(r"\s*(?:that\b|:|,?\s*[\"“])", rest))
    if verb in ("describe", "described", "describes"):
        return bool(re.match(r"\s+[^.;:]{1,80}?\bas\b", rest))
    if verb in ("accuse", "accused", "accuses"):
        return bool(re.match(r"\s+[^.;:]{1,60}?\bof\b", rest))
    if verb in ("blame", "blamed", "blames"):
        return bool(re.match(r"\s+[^.;:]{1,60}?\b(?:for|on)\b", rest))
    if verb in ("claim", "claimed", "claims"):
        return not re.match(r"\s+(?:responsibility|credit|victory|the (?:title|crown|throne|seat)|asylum|"
                            r"the lives|(?:\w+ )?lives|(?:\w+ )?victims|"
                            r"compensation|damages|benefits|a (?:seat|win|victory|record))\b", rest)
    if verb in ("add", "added", "adds", "report", "reported", "reports"):
        return not re.match(r"\s+(?:to|up|on)\b", rest)
    if verb in ("questioned", "challenged"):
        return bool(re.match(r"\s+(?:whether|if|how|why|(?:the|that|this|these|those|its|their|his|her)"
                             r"\s+(?:\w+\s+){0,2}(?:claims?|account|"
                             r"figures?|numbers?|reports?|version|findings|results|accuracy|"
                             r"validity|assertions?|statements?|data|count|narrative|tally))\b", rest))
    if verb in ("dismiss", "dismissed", "dismisses"):
        return not re.match(r"\s+(?:him|her|them)\b", rest)
    return True


_DATELINE = re.compile(r"[A-Z][A-Z .'\-]{2,}(?:\s*\([^)]{1,30}\))?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*[-–—]\s+")


def _after_dateline(text: str, a: int, b: int) -> int:
    """'WARSAW, June 2 - Poland ...' / 'KYIV (Reuters) - ...': where the sentence proper starts."""
    m = _DATELINE.match(text, a, b)
    return m.end() if m else a


_NARRATIVE_TAIL = re.compile(r",\s+(?:a day|hours|days|weeks|a week|months|shortly|just|two days|"
                             r"three days)\s+(?:after|before)\b|,\s+(?:amid|despite|according to)\b")
