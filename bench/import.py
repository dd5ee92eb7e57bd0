"""Import speed: N generated articles (≈600 words, varied, with attributions) through
`manage.py import_articles`, with analysis, on SQLite (a throwaway file) and on PostgreSQL (a
throwaway database). Prints articles per second and the importing process's peak memory; then
streams a 100,000-row CSV through the parser alone and prints its peak memory.

    .venv/bin/python bench/import.py                 # N=10,000 on both databases
    .venv/bin/python bench/import.py -n 1000 --only sqlite

PostgreSQL: DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/) gets a database
named fc_bench_import_<pid>, dropped afterwards; skipped with a note when the server is unreachable.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

PEOPLE = [
    ("The interior minister", "government"), ("A government spokesman", "government"),
    ("The mayor of {town}", "council"), ("The city council", "council"), ("Opposition leader Maria Costa", "opposition"),
    ("The union", "union"), ("Union leader Tom Barrow", "union"), ("Police", "police"),
    ("The health ministry", "government"), ("Residents", "residents"), ("Local farmers", "farmers"),
    ("The environment agency", "agency"), ("Doctors at the regional hospital", "hospital"),
    ("The army", "army"), ("Rebel commanders", "rebels"), ("Human rights monitors", "monitors"),
]
CUES = ["said", "told reporters", "claimed", "insisted", "stated", "announced", "warned"]
DENY = ["denied", "rejected claims", "dismissed reports"]
CLAIMS = [
    "{n} people had been evacuated from {town} after the flooding",
    "the bridge over the {river} was safe for heavy traffic",
    "{n} villages near {town} had lost their water supply",
    "the strike had closed {n} schools across the region",
    "the new clinic in {town} would open in {month}",
    "air strikes near {town} had killed {n} civilians",
    "the budget for road repairs had been cut by {n} percent",
    "the factory had released chemicals into the {river}",
    "turnout at the protest in {town} was about {n} thousand",
    "the ceasefire around {town} had held since {month}",
]
FILLER = [
    "The {river} rose quickly overnight and roads out of {town} were closed for several hours.",
    "Shops in the centre of {town} stayed shut on {day} while volunteers cleared the streets.",
    "The region has seen repeated disputes over funding since the last election in {month}.",
    "Traffic was diverted through the industrial estate, adding long delays for commuters.",
    "Reporters who visited the area on {day} saw damaged houses and abandoned cars.",
    "The debate is expected to continue when the regional assembly meets again next week.",
    "Prices for bread and fuel in {town} have risen sharply over the past three months.",
    "Several families have moved in with relatives in neighbouring villages for the time being.",
]
# Hundreds of places and names, so articles overlap the way a news stream does: some stories
# recur across outlets (the pairs the desk wants), most do not.
_A = ["Dun", "Kel", "Ar", "Wex", "Tol", "Bris", "Car", "Elm", "Har", "Pen", "Ash", "Bel", "Cor", "Dal", "Fen",
      "Gar", "Hol", "Ings", "Kir", "Lan", "Mor", "Nor", "Ox", "Rad", "Sel", "Thorn", "Ul", "Ver", "Wal", "Yar"]
_B = ["more", "by", "den", "ham", "land", "ford", "row", "low", "rith", "ton", "wick", "field", "mouth", "stead", "wood"]
TOWNS = [a + b for a in _A for b in _B]
RIVERS = [a + "water" for a in _A]
FIRST = ["Maria", "Tom", "Aisha", "Jonas", "Li", "Pedro", "Olga", "Samir", "Grace", "Ivan", "Nadia", "Kofi"]
LAST = ["Costa", "Barrow", "Okafor", "Lind", "Chen", "Alves", "Petrova", "Haddad", "Mensah", "Novak", "Reyes"]
MONTHS = ["January", "March", "May", "July", "September", "November"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


NOUNS = ["schools", "clinics", "bridges", "wells", "bakeries", "factories", "farms", "bus routes", "pharmacies",
         "libraries", "warehouses", "ferries", "power stations", "markets", "hostels", "quarries", "dairies",
         "sawmills", "tram lines", "shelters", "orchards", "harbours", "depots", "laboratories", "kilns"]
VERBS = ["closed", "flooded", "evacuated", "damaged", "reopened", "inspected", "sold", "rebuilt", "seized",
         "shelled", "abandoned", "privatised", "fined", "licensed", "looted", "quarantined", "audited", "struck"]
STORY_SIZE = 5  # articles per story: outlets report the same event, and disagree about it


def story(k: int) -> tuple[str, str, list[str]]:
    rng = random.Random(k)
    town, river = rng.choice(TOWNS), rng.choice(RIVERS)
    claims = [f"{{n}} {noun} near {town} had been {verb}" for noun, verb in
              zip(rng.sample(NOUNS, 4), rng.sample(VERBS, 4))]
    claims += [rng.choice(CLAIMS).replace("{town}", town).replace("{river}", river)]
    return town, river, claims


def article(i: int, rng: random.Random) -> dict:
    town, river, claims = story(i // STORY_SIZE)

    def fill(s: str) -> str:
        return s.format(n=rng.randint(2, 900), town=town, river=river, month=rng.choice(MONTHS),
                        day=rng.choice(DAYS))

    paragraphs, words = [], 0
    named = f"{rng.choice(['Mayor', 'Minister', 'Councillor', 'Spokeswoman', 'Colonel'])} {rng.choice(FIRST)} {rng.choice(LAST)}"
    while words < 600:
        who = named if rng.random() < 0.25 else rng.choice(PEOPLE)[0].format(town=town)
        claim = fill(rng.choice(claims))
        kind = rng.random()
        if kind < 0.45:
            s = f"{who} {rng.choice(CUES)} on {rng.choice(DAYS)} that {claim}."
        elif kind < 0.65:
            s = f"{who} {rng.choice(DENY)} that {claim}."
        elif kind < 0.8:
            s = f"\u201c{claim[0].upper() + claim[1:]},\u201d {who[0].lower() + who[1:] if who.startswith('The') else who} said."
        else:
            s = f"According to {who[0].lower() + who[1:] if who.startswith('The') else who}, {claim}."
        para = " ".join([s, fill(rng.choice(FILLER)), fill(rng.choice(FILLER))])
        paragraphs.append(para)
        words += len(para.split())
    title = f"{town}: {fill(claims[0]).capitalize()} (report {i})"
    return {
        "title": title[:200], "url": f"https://news.example/{i}", "outlet": rng.choice(["Gazette", "Herald", "Courier"]),
        "published": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "text": "\n\n".join(paragraphs),
    }


def write_articles(path: Path, n: int) -> None:
    rng = random.Random(2026)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps(article(i, rng)) + "\n")


def run_measured(args: list[str], env: dict) -> tuple[float, float, int, int, str]:
    """Wall seconds, CPU seconds, peak RSS in KB and exit status of a child process, and its stdout."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode, out


def bench_database(label: str, env: dict, data: Path, n: int, *extra: str) -> None:
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    seconds, cpu, peak_kb, code, out = run_measured(
        [PY, "manage.py", "import_articles", str(data), "--quiet-progress", *extra], env)
    summary = next((line for line in out.splitlines() if line.startswith("Import #")), out.strip()[:200])
    counts = subprocess.run([PY, "manage.py", "shell", "-v0", "-c",
                             "from factcheck.models import Assertion, Opposition, Dispute;"
                             "print(Assertion.objects.count(), Opposition.objects.count(), Dispute.objects.count())"],
                            cwd=ROOT, env=env, capture_output=True, text=True).stdout.split()
    print(f"{label:10} {n:>7,} articles in {seconds:7.1f} s = {n / seconds:7.1f} articles/s; "
          f"peak RSS {peak_kb / 1024:6.0f} MB; exit {code}")
    # On a shared machine the wall clock includes waiting for a core; CPU time does not.
    print(f"{'':10} CPU {cpu:7.1f} s in the importing process = {n / cpu:7.1f} articles per CPU-second")
    if len(counts) == 3:
        print(f"{'':10} stored {int(counts[0]):,} assertions, {int(counts[1]):,} oppositions, {int(counts[2]):,} disputes")
    print(f"{'':10} {summary}")


def bench_csv_parse(tmp: Path, rows: int) -> None:
    path = tmp / "big.csv"
    rng = random.Random(7)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["title", "url", "outlet", "published", "text"])
        texts = [article(i, rng)["text"][:1200] for i in range(200)]
        for i in range(rows):
            w.writerow([f"Title {i}", f"https://news.example/{i}", "Gazette", "2025-01-01",
                        f"Report {i}. " + texts[i % 200]])
    code = (
        "import resource, sys, time\n"
        "from factcheck.parsers import parse_file\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "t = time.perf_counter(); n = 0\n"
        f"with open({str(path)!r}, 'rb') as s:\n"
        "    for e in parse_file(s, 'big.csv'): n += 1\n"
        "print(n, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, base)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "factcheck.settings"}
    out = subprocess.run([PY, "-c", "import django; django.setup()\n" + code], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    n, seconds, peak_kb, base_kb = int(out[0]), float(out[1]), int(out[2]), int(out[3])
    print(f"csv parse  {n:>7,} rows ({path.stat().st_size / 1048576:.0f} MB file) streamed in {seconds:.1f} s "
          f"= {n / seconds:,.0f} rows/s; peak RSS {peak_kb / 1024:.0f} MB "
          f"({(peak_kb - base_kb) / 1024:.1f} MB above the {base_kb / 1024:.0f} MB of a loaded Django process)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=10_000, help="articles to import (default 10,000)")
    parser.add_argument("--only", choices=["no-engine", "sqlite", "postgres", "csv"], help="run one part only")
    parser.add_argument("--csv-rows", type=int, default=100_000)
    opts = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="fc-bench-import-") as tmp_name:
        tmp = Path(tmp_name)
        data = tmp / "articles.jsonl"
        if opts.only != "csv":
            write_articles(data, opts.n)
            words = sum(len(json.loads(line)["text"].split()) for line in data.open(encoding="utf-8")) / opts.n
            print(f"generated  {opts.n:,} articles, {words:.0f} words on average, {data.stat().st_size / 1048576:.1f} MB")
        base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
        base["MEDIA_ROOT"] = str(tmp)
        if opts.only in (None, "no-engine"):
            # The import pipeline's own cost (parse, hash, store, history) without the engine:
            bench_database("no-engine", {**base, "SQLITE_PATH": str(tmp / "store.sqlite3")}, data, opts.n,
                           "--no-analysis")
        if opts.only in (None, "sqlite"):
            bench_database("sqlite", {**base, "SQLITE_PATH": str(tmp / "bench.sqlite3")}, data, opts.n)
        if opts.only in (None, "postgres"):
            server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/").rsplit("/", 1)[0]
            name = f"fc_bench_import_{os.getpid()}"
            try:
                import psycopg

                with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as conn:
                    conn.execute(f'CREATE DATABASE "{name}"')
            except Exception as exc:
                print(f"postgres   skipped: {exc.__class__.__name__}: {str(exc).strip()[:120]}")
            else:
                try:
                    bench_database("postgres", {**base, "DATABASE_URL": f"{server}/{name}"}, data, opts.n)
                finally:
                    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
                        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if opts.only in (None, "csv"):
            bench_csv_parse(tmp, opts.csv_rows)


if __name__ == "__main__":
    main()
