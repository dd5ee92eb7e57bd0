"""Fault bench: SIGKILL an import and a serving worker mid-write; count what is left half-done.

    .venv/bin/python bench/faults.py                    # both databases
    .venv/bin/python bench/faults.py --db sqlite --articles 120 --kills 4

1. Import: `manage.py import_articles FILE.jsonl` runs on a throwaway database and is killed
   with SIGKILL a few times at random moments (each time after a few more articles landed),
   then resumed with `--resume BATCH` until done. After every kill the database is checked:
   articles without their analysis (analysed_at unset) or without their "imported" history
   row, assertions/keys/pairs/dispute links pointing at missing rows, disputes with no
   assertions, SQLite's integrity check; and whether the batch still lists what is pending.
   At the end: every article of the file is there exactly once.
2. Server: 20 simulated editors send status changes and verdicts through gunicorn while a
   gunicorn worker is SIGKILLed every ~2 s (--kill-every; the master starts a new one). Afterwards: every
   acknowledged write is in the database, no refused write is, and no write is torn: each
   assertion's version equals 1 + its status/verdict history rows (an UPDATE without its
   History row, or the reverse, shows as a mismatch). Writes whose connection died are counted
   as "unanswered" and reported as committed or not.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # noqa: E402  (the load bench's server, data and client helpers)

ROOT = load.ROOT
PY = sys.executable


def in_django(env: dict, *args) -> dict:
    """Run this file's Django-side checks in a subprocess; returns their JSON."""
    result = subprocess.run([PY, __file__, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{args[0]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------- Django side (subprocess)

def check_integrity() -> dict:
    import django

    django.setup()
    from django.db import connection

    from factcheck.models import Article, Assertion, AssertionKey, Dispute, History, ImportBatch, Opposition

    membership = Dispute.assertions.through
    found = {
        "articles": Article.objects.count(),
        "assertions": Assertion.objects.count(),
        "partial_articles": Article.objects.filter(analysed_at__isnull=True).count(),
        "articles_without_import_history": Article.objects.exclude(history__action="imported").count(),
        "orphan_assertions": Assertion.objects.exclude(article_id__in=Article.objects.values("pk")).count(),
        "orphan_keys": AssertionKey.objects.exclude(assertion_id__in=Assertion.objects.values("pk")).count(),
        "orphan_pairs": Opposition.objects.exclude(a_id__in=Assertion.objects.values("pk")).count()
        + Opposition.objects.exclude(b_id__in=Assertion.objects.values("pk")).count(),
        "orphan_dispute_links": membership.objects.exclude(assertion_id__in=Assertion.objects.values("pk")).count()
        + membership.objects.exclude(dispute_id__in=Dispute.objects.values("pk")).count(),
        "empty_disputes": Dispute.objects.filter(assertions=None).count(),
        "pairs_without_dispute": Opposition.objects.filter(dispute__isnull=True).count(),
        "orphan_history": History.objects.exclude(article_id=None).exclude(article_id__in=Article.objects.values("pk")).count(),
    }
    found["orphan_rows"] = sum(v for k, v in found.items() if k.startswith("orphan_"))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            found["sqlite_integrity"] = cursor.fetchone()[0]
    batch = ImportBatch.objects.order_by("-pk").first()
    if batch is not None:
        found["batch"] = {"pk": batch.pk, "status": batch.status, "pending_items": len(batch.pending),
                          "done_in_item": batch.pending[0].get("done", 0) if batch.pending else None,
                          "processed": batch.processed, "imported": batch.imported,
                          "duplicates": batch.duplicates, "rejected": batch.rejected}
    return found


def check_writes(path: str) -> dict:
    import django

    django.setup()
    from django.db.models import Count, Q

    from factcheck.models import Assertion, History

    log = json.loads(Path(path).read_text())
    notes = set(History.objects.exclude(note="").values_list("note", flat=True))
    rationales = set(History.objects.filter(field="rationale").values_list("to_value", flat=True))

    def present(w):
        return w["token"] in (notes if w["kind"] == "status" else rationales)

    touched = {w["pk"] for group in log.values() for w in group}
    rows = (Assertion.objects.filter(pk__in=touched)
            .annotate(edits=Count("history", filter=Q(history__field__in=["status", "rationale"]))))
    torn = [(a.pk, a.version, a.edits) for a in rows if a.version != 1 + a.edits]
    return {
        "acked": len(log["acked"]),
        "lost": sum(1 for w in log["acked"] if not present(w)),
        "refused": len(log["refused"]),
        "phantom": sum(1 for w in log["refused"] if present(w)),
        "unanswered": len(log["unanswered"]),
        "unanswered_committed": sum(1 for w in log["unanswered"] if present(w)),
        "torn": len(torn),
        "torn_examples": torn[:5],
    }


# ------------------------------------------------------------------------------ the import

SPEAKERS = ["The interior minister", "Opposition leader Maria Costa", "The city council", "Union spokesman Tom Reed",
            "The army", "Local residents", "A ministry official", "The governor"]
CLAIMS = ["the convoy reached the border on Tuesday", "the water supply was restored", "turnout was below 40 per cent",
          "the ceasefire held overnight", "no civilians were hurt in the strike", "the factory will close in June"]


def write_corpus(path: Path, n: int) -> None:
    rng = random.Random(11)
    with path.open("w") as f:
        for i in range(n):
            paragraphs = [f"Report {i} from the region."]
            for k in range(8):
                speaker = rng.choice(SPEAKERS)
                claim = rng.choice(CLAIMS)
                cue = rng.choice(["said", "denied", "claimed", "insisted"])
                paragraphs.append(f"{speaker} {cue} that {claim} in district {i}-{k}, according to a statement.")
            f.write(json.dumps({"title": f"Report {i}", "text": "\n\n".join(paragraphs),
                                "url": f"https://news.example.org/report-{i}"}) + "\n")


def count_articles(env: dict) -> int:
    try:
        if env.get("SQLITE_PATH"):
            conn = sqlite3.connect(f"file:{env['SQLITE_PATH']}?mode=ro", uri=True, timeout=5)
            try:
                return conn.execute("SELECT count(*) FROM factcheck_article").fetchone()[0]
            finally:
                conn.close()
        out = subprocess.run(["psql", env["DATABASE_URL"], "-tAc", "SELECT count(*) FROM factcheck_article"],
                             capture_output=True, text=True)
        return int(out.stdout.strip() or 0)
    except (sqlite3.Error, ValueError):
        return 0


def import_faults(env: dict, args, tmp: Path) -> dict:
    corpus = tmp / "corpus.jsonl"
    write_corpus(corpus, args.articles)
    load.manage(env, "migrate", "--noinput")
    rng = random.Random(3)
    kills, after_kill = [], []
    batch_pk = None
    started = time.time()
    for attempt in range(args.kills + 1):
        command = [PY, "manage.py", "import_articles", "--quiet-progress"]
        command += ["--resume", str(batch_pk)] if batch_pk else [str(corpus)]
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if attempt < args.kills:
            target = count_articles(env) + rng.randint(3, max(4, args.articles // (args.kills + 2)))
            while proc.poll() is None and count_articles(env) < target:
                time.sleep(0.05)
            time.sleep(rng.uniform(0, 0.3))  # land anywhere inside the next article's transaction
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                state = in_django(env, "_integrity")
                kills.append(state["articles"])
                after_kill.append(state)
                batch_pk = state["batch"]["pk"]
                continue
        out, err = proc.communicate(timeout=600)
        if proc.returncode != 0:
            raise RuntimeError(f"import failed:\n{out}\n{err}")
        if batch_pk is None:
            batch_pk = in_django(env, "_integrity")["batch"]["pk"]
    final = in_django(env, "_integrity")
    return {"kills": kills, "after_kill": after_kill, "final": final, "seconds": time.time() - started}


# ------------------------------------------------------------------------------ the server

def worker_pids(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                pids.append(int(entry.name))
    return pids


class Writer(load.Editor):
    """Only status changes and verdicts; remembers writes whose answer never came."""

    def write(self, kind, path, body, pk, htmx, token):
        status, text = self.request("POST", path, body, htmx=htmx, kind=kind)
        record = {"kind": kind, "pk": pk, "token": token}
        if status is None:
            self.out["unanswered"].append(record)
        elif status in (200, 204, 302):
            self.out["acked"].append(record)
        else:
            if status == 409:
                self.out["conflicts"] += 1
            elif status >= 500:
                self.out["errors"][f"{kind}: HTTP {status}"] += 1
            self.out["refused"].append(record)

    def step(self):
        pk, article, *_ = self.pick_assertion()
        status, panel = self.request("GET", f"/articles/{article}/?assertion={pk}", htmx=True, kind="panel")
        if status != 200:
            return
        versions = load.VERSION_RE.findall(panel)
        if not versions:
            return
        token = uuid.uuid4().hex
        if self.rng.random() < 0.6:
            select = load.SELECTED_STATUS_RE.search(panel)
            current = re.search(r'value="(\w+)" selected', select.group(1)).group(1) if select else "unreviewed"
            new = self.rng.choice([s for s in load.EDITOR_STATUSES if s != current])
            self.write("status", f"/assertions/{pk}/status/", {"status": new, "version": versions[0], "note": token},
                       pk, True, token)
        else:
            self.write("verdict", f"/assertions/{pk}/verdict/",
                       {"verdict": str(self.rng.choice(self.data["verdicts"])), "rationale": token,
                        "version": versions[0]}, pk, True, token)


def server_faults(env: dict, args, tmp: Path) -> dict:
    load.manage(env, "migrate", "--noinput")
    data = load.in_django(env, "_populate", "40", str(args.editors))
    data["assertions"] = data["assertions"][:60]  # a small set: kills land on contended rows
    port = load.free_port()
    server = load.start_gunicorn(env, port, 2, 4, tmp / "gunicorn.log")
    outs = []
    killed = 0
    try:
        deadline = time.time() + args.seconds
        threads = []
        for i, session in enumerate(data["sessions"]):
            out = {"latency": [], "by_kind": defaultdict(list), "errors": Counter(), "error_samples": [],
                   "acked": [], "refused": [], "unanswered": [], "conflicts": 0}
            outs.append(out)
            writer = Writer(port, data["session_cookie"], session, data, random.Random(i), out)
            threads.append(threading.Thread(target=writer.run, args=(deadline, 100_000), daemon=True))
        for t in threads:
            t.start()
        rng = random.Random(5)
        while time.time() < deadline - 1:
            time.sleep(rng.uniform(0.5, 1.5) * args.kill_every)
            workers = worker_pids(server.pid)
            if workers:
                try:
                    os.kill(rng.choice(workers), signal.SIGKILL)
                    killed += 1
                except ProcessLookupError:
                    pass
        for t in threads:
            t.join(args.seconds + 60)
    finally:
        load.stop(server)
    log_path = tmp / "writes.json"
    log_path.write_text(json.dumps({key: [w for o in outs for w in o[key]] for key in ("acked", "refused", "unanswered")}))
    result = in_django(env, "_writes", str(log_path))
    result.update(workers_killed=killed, editors=args.editors, seconds=args.seconds, conflicts_409=sum(o["conflicts"] for o in outs),
                  server_errors=sum(n for o in outs for k, n in o["errors"].items() if "HTTP 5" in k),
                  connection_errors=dict(sum((Counter({k: n for k, n in o["errors"].items() if "HTTP" not in k})
                                              for o in outs), Counter())),
                  requests=sum(len(o["latency"]) for o in outs))
    return result


# ------------------------------------------------------------------------------ report

def report_import(label: str, r: dict, n: int) -> int:
    print(f"== {label}: import of {n} articles, SIGKILLed {len(r['kills'])} times "
          f"(at {', '.join(map(str, r['kills']))} articles), resumed each time ({r['seconds']:.0f} s)")
    worst = Counter()
    for state in r["after_kill"]:
        for key in ("partial_articles", "articles_without_import_history", "orphan_rows", "empty_disputes",
                    "pairs_without_dispute"):
            worst[key] = max(worst[key], state[key])
        if state.get("sqlite_integrity", "ok") != "ok":
            worst["sqlite_integrity_failures"] += 1
        if state["batch"]["status"] != "running" or not state["batch"]["pending_items"]:
            worst["batches_not_resumable"] += 1
    print(f"after each kill (worst case): {worst['partial_articles']} partial articles (analysis missing), "
          f"{worst['articles_without_import_history']} articles without history, {worst['orphan_rows']} orphan rows, "
          f"{worst['empty_disputes']} empty disputes, {worst['pairs_without_dispute']} pairs without dispute, "
          f"{worst['sqlite_integrity_failures']} integrity-check failures, "
          f"{worst['batches_not_resumable']} batches that could not resume")
    for state in r["after_kill"]:
        b = state["batch"]
        print(f"  killed at {state['articles']:>4} articles: batch #{b['pk']} {b['status']}, {b['pending_items']} item(s) "
              f"pending (done {b['done_in_item']} of the current one), processed {b['processed']}")
    f = r["final"]
    b = f["batch"]
    missing = n - f["articles"]
    print(f"after the last resume: {f['articles']} of {n} articles ({missing} missing), {f['assertions']} assertions, "
          f"{f['partial_articles']} partial, {f['orphan_rows']} orphan rows; batch {b['status']}, "
          f"imported {b['imported']}, duplicates {b['duplicates']} (articles the killed run had committed but "
          f"not yet counted, met again on resume), rejected {b['rejected']}")
    miscounted = f["articles"] - b["imported"]
    print(f"batch counts: {miscounted} article(s) stored by this batch but counted as duplicates "
          "(a kill between an article's commit and the batch's progress save)")
    bad = sum(worst.values()) + f["partial_articles"] + f["orphan_rows"] + abs(missing)
    return bad


def report_server(label: str, r: dict) -> int:
    print(f"== {label}: {r['requests']} requests from {r['editors']} editors in {r['seconds']:.0f} s, "
          f"{r['workers_killed']} gunicorn workers SIGKILLed")
    print(f"writes acked {r['acked']}, lost {r['lost']}; refused {r['refused']} ({r['conflicts_409']} stale 409), "
          f"phantom {r['phantom']}; unanswered (connection died) {r['unanswered']}, of which committed "
          f"{r['unanswered_committed']}; torn writes {r['torn']} {r['torn_examples'] or ''}; 5xx {r['server_errors']}")
    print(f"connections broken by the kills: {r['connection_errors']}")
    return r["lost"] + r["phantom"] + r["torn"]


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "_integrity":
        print(json.dumps(check_integrity()))
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "_writes":
        print(json.dumps(check_writes(sys.argv[2])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--kills", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20, help="length of the server part")
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--kill-every", type=float, default=2.0, help="mean seconds between worker kills")
    parser.add_argument("--skip-server", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()

    bad = 0
    for vendor in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        tmp = Path(tempfile.mkdtemp(prefix=f"fc-faults-{vendor}-"))
        databases = []
        try:
            def fresh_env(tag):
                if vendor == "sqlite":
                    return load.base_env(SQLITE_PATH=str(tmp / f"{tag}.sqlite3"))
                name = f"fc_faults_{tag}_{uuid.uuid4().hex[:8]}"
                subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc",
                                f'CREATE DATABASE "{name}"'], check=True, capture_output=True)
                databases.append(name)
                return load.base_env(DATABASE_URL=f"{load.PG_SERVER}/{name}")

            label = "SQLite" if vendor == "sqlite" else "PostgreSQL"
            if not args.skip_import:
                bad += report_import(f"{label} import", import_faults(fresh_env("import"), args, tmp), args.articles)
            if not args.skip_server:
                bad += report_server(f"{label} server", server_faults(fresh_env("server"), args, tmp))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            for name in databases:
                subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc",
                                f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], capture_output=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
