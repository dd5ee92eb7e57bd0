"""Disputes: connected components of oppositions, each titled by the event it is about."""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Hashable, Iterable, Sequence

from .features import features
from .lexicon import EVENT_NOUNS
from .types import Assertion, Dispute, Opposition

_EVENT_FORMS = {
    "struck": "strikes", "hit": "strikes", "airstrike": "strikes", "airstrikes": "strikes",
    "strike": "strikes", "attacks": "attacks", "attacked": "attacks", "attack": "attacks",
    "shot": "shooting", "fired": "shooting", "bombed": "bombing", "shelled": "shelling",
    "recalled": "recall", "burned": "fire", "blaze": "fire", "wildfire": "fire", "clashes": "clash",
    "exercise": "exercise", "drill": "exercise", "coordination": "cooperation", "joint": "cooperation",
    "cooperation": "cooperation", "votes": "vote", "ballots": "vote", "turnout": "vote",
    "walkout": "strike action", "doping": "doping",
}
for _n in EVENT_NOUNS:
    _EVENT_FORMS.setdefault(_n, _n)
_PREP_PLACE = re.compile(r"\b(near|in|at|outside|over|on)\s+(?:the\s+)?([A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})")


def _title(members: list[Assertion]) -> str:
    events: Counter[str] = Counter()
    places: Counter[str] = Counter()
    preps: dict[str, str] = {}
    for a in members:
        for w in re.findall(r"[a-z]+", a.quote.lower()):
            if w in _EVENT_FORMS:
                events[_EVENT_FORMS[w]] += 1
        for p in features(a.quote).places:
            places[p] += 1
        for m in _PREP_PLACE.finditer(a.quote):
            preps.setdefault(m.group(2).lower().replace("’s", "").replace("'s", ""), m.group(1))
    event = events.most_common(1)[0][0] if events else ""
    if places:
        place_low = places.most_common(1)[0][0]
        place = next((m.group(2) for a in members for m in _PREP_PLACE.finditer(a.quote)
                      if m.group(2).lower() == place_low), place_low.title())
        prep = preps.get(place_low, "in")
        prep = "near" if prep == "near" else ("over" if prep == "over" else "in")
        if event:
            return f"{event.capitalize()} {prep} {place}"
        return f"Claims about {place}"
    if event:
        return f"Dispute over {event}"
    names = [n for n, _ in Counter(a.side_name for a in members).most_common(2)]
    return "Dispute between " + " and ".join(names) if names else "Dispute"


def components(edges: Iterable[tuple[Hashable, Hashable]]) -> Callable[[Hashable], Hashable]:
    """Connected components of a graph given by its edges: returns find(node) -> the root of the
    node's component (union-find with path halving)."""
    parent: dict = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    return find


def group_disputes(assertions: Sequence[Assertion], oppositions: Sequence[Opposition]) -> list[Dispute]:
    find = components((o.a, o.b) for o in oppositions)
    by_id = {a.id: a for a in assertions}
    order = {a.id: i for i, a in enumerate(assertions)}
    comps: dict[str, list[int]] = {}
    for i, o in enumerate(oppositions):
        comps.setdefault(find(o.a), []).append(i)
    out = []
    for root, idxs in comps.items():
        ids = sorted({x for i in idxs for x in (oppositions[i].a, oppositions[i].b)},
                     key=lambda x: (order.get(x, len(order)), x))
        members = [by_id[x] for x in ids if x in by_id]
        title = _title(members)
        if any(d.title == title for d in out):
            # two disputes about the same kind of event: name who disagrees
            sides = list(dict.fromkeys(a.side_name for a in members))[:2]
            title = f"{title}: {' vs '.join(sides)}" if sides else title
        out.append(Dispute(title, tuple(ids), tuple(idxs)))
    out.sort(key=lambda d: min((order.get(x, 1 << 30) for x in d.assertion_ids), default=0))
    return out
