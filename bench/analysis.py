"""Figures for the analysis engine: words per second, peak memory, cross-article pairing time.

    .venv/bin/python bench/analysis.py [--mb 5] [--sizes 1000,2000,5000,10000]

Generates varied news-like articles from templates with a fixed seed, analyses them on one
core, then replays cross-article pairing against 1k..10k stored articles through an in-memory
blocking index on Assertion.keys (as the database's key table would). Not part of the tests.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factcheck.analysis import analyze, pair_across  # noqa: E402

TOWNS = ["Tarvik", "Ostrava", "Merrow", "Zelva", "Brovary", "Kessling", "Aldport", "Vinsk", "Harlow",
         "Dunmore", "Pellan", "Corvo", "Estermoor", "Ruskin", "Galdir", "Nembro", "Soltau", "Ivrea",
         "Lakemont", "Bramfield", "Quarry Hill", "Fenwick", "Mardale", "Oskarby", "Tillburg"]
COUNTRIES = ["Russia", "Ukraine", "China", "Taiwan", "Israel", "Iran", "Armenia", "Azerbaijan",
             "India", "Pakistan", "Serbia", "Kosovo", "Ethiopia", "Eritrea", "Venezuela", "Colombia"]
CAPITALS = {"Russia": "Moscow", "Ukraine": "Kyiv", "China": "Beijing", "Taiwan": "Taipei",
            "Israel": "Jerusalem", "Iran": "Tehran", "Armenia": "Yerevan", "Azerbaijan": "Baku",
            "India": "New Delhi", "Pakistan": "Islamabad", "Serbia": "Belgrade", "Kosovo": "Pristina",
            "Ethiopia": "Addis Ababa", "Eritrea": "Asmara", "Venezuela": "Caracas", "Colombia": "Bogota"}
ORGS = ["the Regional Monitoring Centre", "the Coastal Rights Watch", "the National Safety Agency",
        "Halden Motors", "Pacific Crest Energy", "the Harbour Workers' Union", "the Electoral Commission",
        "the Northern Health Authority", "Interlink Rail", "the Fair Vote League"]
FIRST = ["Anna", "Omar", "Lena", "Paul", "Rosa", "Daniel", "Mia", "Ivan", "Sara", "Tom", "Nadia", "Karim"]
LAST = ["Berg", "Haddad", "Ortiz", "Mercer", "Delgado", "Price", "Stone", "Petrov", "Lind", "Hale", "Cho"]
THINGS = ["a fuel depot", "a bridge", "a school", "a hospital", "an ammunition store", "a power plant",
          "a rail yard", "a water station", "a market", "a command post", "a warehouse", "a border post"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


SYLLABLES = ["ka", "lo", "mir", "vas", "ten", "dor", "bel", "ost", "ria", "nev", "sul", "pra", "gim",
             "tor", "lek", "hav", "zin", "mar", "cor", "vel", "ash", "bro", "din", "fel"]


def place(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def article(rng: random.Random) -> str:
    c1, c2 = rng.sample(COUNTRIES, 2)
    town = place(rng) if rng.random() < 0.9 else rng.choice(TOWNS)
    org = rng.choice(ORGS) if rng.random() < 0.5 else f"the {place(rng)} {rng.choice(['Monitoring Centre', 'Rights Group', 'Observatory', 'Relief Network'])}"
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}"
    n1, n2 = rng.randint(2, 60), rng.randint(2, 60)
    thing = rng.choice(THINGS)
    paras = [
        f"{c1} Says Strike Near {town} Hit Military Target",
        f"{c1}'s Defense Ministry said on {date} that its forces destroyed {thing} near {town}, "
        f"killing {n1} fighters.",
        f"But {org} said {n2} civilians were killed when the strike hit homes near {town}.",
        f"{person}, head of {org}, said the building had been empty of soldiers for weeks. "
        f"\"We saw families pulling children from the rubble,\" {person.split()[1]} said.",
        f"{CAPITALS[c1]} denied those reports. It said the site had been used to store weapons.",
        f"The strike came after weeks of tension along the border, where {rng.randint(3, 90)} "
        f"incidents have been recorded since {rng.choice(MONTHS)}.",
        f"{c2}'s Foreign Ministry called the attack a violation of the ceasefire and said it would "
        f"raise the matter at the United Nations.",
        f"According to {org}, at least {rng.randint(2, 40)} people were wounded in the area on {date}.",
        f"Residents of {town} told reporters that the water supply had been cut and that shops were closed.",
        f"{c1} has ruled out any talks with {CAPITALS[c2]} until the attacks stop, the ministry said.",
        f"Analysts said the incident was the most serious since the truce was signed, and warned that "
        f"further clashes were likely in the coming weeks.",
    ]
    rng.shuffle(paras[5:])
    # background narration: most sentences in a news story are the journalist's own
    for _ in range(rng.randint(4, 7)):
        at = rng.randint(2, len(paras))
        paras.insert(at, rng.choice(NARRATION).format(
            town=town, c1=c1, c2=c2, n=rng.randint(2, 900), month=rng.choice(MONTHS), place=place(rng),
            year=rng.randint(1990, 2024)))
    return "\n\n".join(paras) + "\n"


NARRATION = [
    "{town} lies about {n} kilometers from the border and had a population of roughly {n},000 before the war.",
    "The region has seen repeated fighting since {month} {year}, when a ceasefire brokered by neighbouring "
    "states collapsed after less than a week.",
    "Thousands of residents have left {town} in recent months, many of them for {place} and other towns "
    "further from the front line.",
    "Relations between {c1} and {c2} have been strained for decades over the status of the border districts.",
    "The two governments signed a trade agreement in {year}, but talks on a wider settlement stalled.",
    "Humanitarian groups have warned that supplies of food and medicine in the area are running low.",
    "The road between {town} and {place} was closed to civilian traffic for most of {month}.",
    "A previous round of talks in {place} ended without agreement in {month}.",
    "The area is home to several factories and a rail junction that links the capital with the coast.",
    "Independent journalists have had limited access to the area since the start of the year.",
]


def corpus(mb: float, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    docs, size = [], 0
    while size < mb * 1_000_000:
        d = article(rng)
        docs.append(d)
        size += len(d.encode("utf-8"))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--sizes", default="1000,2000,5000,10000")
    args = ap.parse_args()

    docs = corpus(args.mb)
    words = sum(len(d.split()) for d in docs)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    t0, c0 = time.perf_counter(), time.process_time()
    results = [analyze(d) for d in docs]
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    n_assert = sum(len(r.assertions) for r in results)
    n_opp = sum(len(r.oppositions) for r in results)
    print(f"corpus: {len(docs)} articles, {mb:.1f} MB, {words:,} words")
    print(f"analyse: {dt:.1f} s wall, {cpu:.1f} s CPU on one core = {words / dt:,.0f} words/s wall, "
          f"{words / cpu:,.0f} words/s CPU ({n_assert:,} assertions, {n_opp:,} oppositions)")
    print(f"load average while running: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"peak RSS after analysing: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    fresh = corpus(0.25, seed=99)  # new texts, so the engine's caches do not hide allocations
    tracemalloc.start()
    for d in fresh:
        analyze(d)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"tracemalloc peak while analysing {len(fresh)} further articles: {peak / 1e6:.1f} MB")

    # stored articles for cross-article pairing: reuse analysed articles with globally unique ids
    sizes = [int(x) for x in args.sizes.split(",")]
    need = max(sizes) + 1
    stored = []
    for i in range(need):
        r = results[i % len(results)]
        copy = i // len(results)  # past the corpus, reuse articles as new events: shift place/date keys
        stored.append([replace(a, id=f"d{i}-{a.id}", keys=frozenset(
            f"{k}~{copy}" if copy and k.startswith(("place:", "date:")) else k for k in a.keys))
            for a in r.assertions])
    for n in sizes:
        index: dict[str, list] = {}
        pairs = 0
        t0, c0 = time.perf_counter(), time.process_time()
        for i in range(n):
            new = stored[i]
            pairs += len(pair_across(new, candidates(index, new)))
            add(index, new)
        total, total_cpu = time.perf_counter() - t0, time.process_time() - c0
        t1 = time.perf_counter()
        one = stored[n]
        found = pair_across(one, candidates(index, one))
        single = time.perf_counter() - t1
        print(f"pair across {n:>6} stored articles: {total:6.1f} s wall / {total_cpu:.1f} s CPU for all "
              f"({pairs:,} pairs), "
              f"adding one more: {single * 1000:.0f} ms ({len(found)} pairs)")


MAX_POSTING = 200  # keys carried by more assertions than this are too common to block on


def candidates(index: dict[str, list], new: list) -> list:
    """Stored assertions sharing a key with the new ones, as the key table's index would give;
    keys past MAX_POSTING (stop keys, like a document-frequency cut-off) are skipped.
    Blocking on place and date keys only is enough: pair_across compares claims that share one."""
    seen: dict[str, object] = {}
    for a in new:
        for k in a.keys:
            if not k.startswith(("place:", "date:")):
                continue  # pair_across anchors events in a place or a date; block on those
            posting = index.get(k, ())
            if len(posting) > MAX_POSTING:
                continue
            for s in posting:
                seen[s.id] = s
    return list(seen.values())


def add(index: dict[str, list], assertions: list) -> None:
    for a in assertions:
        for k in a.keys:
            index.setdefault(k, []).append(a)


if __name__ == "__main__":
    main()
