"""The analysis engine's data: plain dataclasses in and out, no Django.

Offsets are character offsets into the exact text given to ``analyze``; ``text[start:end]``
is the asserted content (without speaker and cue).
"""
from __future__ import annotations

from dataclasses import dataclass, field

STANCES = ("assert", "deny", "dispute", "confirm")
RELATIONS = ("contradicts", "denies", "disputes")


@dataclass(frozen=True)
class Assertion:
    id: str  # unique within one analysis ("a1", "a2", ...); the service may re-key
    start: int  # asserted content span
    end: int
    quote: str  # == text[start:end]
    speaker: str  # as written ("It", "the Kremlin", "Rami Abdel Rahman, head of ...")
    speaker_name: str  # normalised display name, pronouns resolved ("Russia", "Syrian Observatory for Human Rights")
    side: str  # side key: speakers who speak for the same party share it ("russia", "united-states")
    side_name: str  # display name of the side ("Russia", "United States")
    cue: str  # reporting cue as written ("claimed", "has ruled out", "according to")
    stance: str  # one of STANCES
    speaker_start: int = -1
    speaker_end: int = -1
    cue_start: int = -1
    cue_end: int = -1
    sentence: int = 0  # index of the sentence the assertion sits in
    checkworthiness: float = 0.0  # 0..1: specific, checkable facts score higher
    refers_to: tuple[str, ...] = ()  # for a denial/dispute pointing back ("denied those reports"): ids it refers to
    keys: frozenset[str] = frozenset()  # blocking keys (entities, places, dates, key terms) for cross-article pairing
    contrast: bool = False  # opened by contrastive discourse ("But", "however", ", while")
    speaker_kind: str = ""  # person | org | country | group
    paragraph: int = 0  # index of the paragraph the assertion sits in


@dataclass(frozen=True)
class Opposition:
    a: str  # assertion ids
    b: str
    relation: str  # one of RELATIONS
    score: float  # 0..1
    reason: str  # one readable sentence for an editor


@dataclass(frozen=True)
class Dispute:
    title: str  # named after its event ("Strikes near Palmyra")
    assertion_ids: tuple[str, ...]
    opposition_index: tuple[int, ...] = ()  # indexes into AnalysisResult.oppositions


@dataclass
class AnalysisResult:
    text: str
    assertions: list[Assertion] = field(default_factory=list)
    oppositions: list[Opposition] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
