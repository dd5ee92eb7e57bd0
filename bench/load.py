"""Load bench: 50 simulated editors against gunicorn, on SQLite and on PostgreSQL.

    .venv/bin/python bench/load.py                      # both databases, 50 editors, 60 s each
    .venv/bin/python bench/load.py --db sqlite --seconds 20 --users 20

For each database: a throwaway database (SQLite file in a temp dir / a scratch PostgreSQL
database) is migrated and filled with generated articles, assertions, pairs and disputes; the
app is served by gunicorn on a free port of 127.0.0.1 (DEBUG off, as in production); every
simulated editor has its own logged-in session and keep-alive connection and loops over: the
queue, an article, a dispute, the assertion panel (htmx), status changes, verdicts, pair
decisions and annotations, through the real endpoints and forms (CSRF token, version fields).

Every write carries a unique token (in its note, rationale or body). Afterwards the database is
checked: every write acknowledged with 2xx/3xx must be there (else it is a *lost write*), no
write answered 409 may be there (a *phantom write*), and every assertion's version must equal 1 +
the acknowledged status/verdict writes on it. A 409 (stale version) is an expected outcome for
concurrent editors and counted apart; errors are 5xx, other 4xx, timeouts and broken connections.
A tenth of the writes aim at a few "hot" assertions and pairs so that editors do collide.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
EDITOR_STATUSES = ["unreviewed", "in_progress", "reviewed"]
BENCH_PASSWORD = "bench-editor-password-2026"


# ------------------------------------------------------------------------------ server side

def base_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SQLITE_PATH", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="factcheck.settings", DEBUG="false", SECURE_SSL_REDIRECT="false",
        SECRET_KEY="bench-" + uuid.uuid4().hex * 2, ALLOWED_HOSTS="127.0.0.1,localhost", LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env: dict, port: int, workers: int, threads: int, log: Path) -> subprocess.Popen:
    cmd = [PY, "-m", "gunicorn", "factcheck.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
           "--worker-class", "gthread", "--threads", str(threads), "--timeout", "60", "--graceful-timeout", "5",
           "--keep-alive", "30", "--error-logfile", str(log), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                            start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/login/")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {log.read_text()[-2000:]}")
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def manage(env: dict, *args) -> str:
    result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def in_django(env: dict, *args) -> dict:
    """Run this file's Django-side helper (populate / verify) in a subprocess; returns its JSON."""
    result = subprocess.run([PY, __file__, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{args[0]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------- Django side (subprocess)

SPEAKERS = [("The transport minister", "government"), ("A ministry spokesman", "government"),
            ("The opposition leader", "opposition"), ("Union officials", "union"), ("The mayor", "city"),
            ("Residents' association", "residents")]
TOPICS = ["the bridge was safe", "the budget was balanced", "turnout was above 60 per cent",
          "the strike had ended", "the contract was signed", "the hospital had enough beds"]


def populate(articles: int, users: int) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, User
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction

    from factcheck.models import Article, Assertion, Dispute, Opposition, Side, Speaker

    rng = random.Random(7)
    with transaction.atomic():
        sides = {key: Side.objects.create(key=key, name=key.title(), colour=i) for i, key in
                 enumerate(sorted({s for _, s in SPEAKERS}))}
        speakers = {name: Speaker.objects.create(key=f"sp-{i}", name=name, side=sides[side])
                    for i, (name, side) in enumerate(SPEAKERS)}
        for n in range(articles):
            topic = TOPICS[n % len(TOPICS)]
            sentences, spans = [f"Bench article {n}.", ""], []
            text = ""
            for k in range(4):
                speaker, _ = SPEAKERS[(n + k) % len(SPEAKERS)]
                cue = "said" if k % 2 == 0 else "denied"
                claim = f"{topic} in district {n}-{k}"
                sentence = f"{speaker} {cue} that {claim}."
                sentences.append(sentence)
            text = "\n\n".join(s for s in sentences if s) + "\n\n" + ("Background paragraph. " * 40)
            article = Article.objects.create(title=f"Bench article {n}: {topic}", text=text, outlet=f"Outlet {n % 7}")
            rows = []
            for k in range(4):
                speaker, side = SPEAKERS[(n + k) % len(SPEAKERS)]
                cue = "said" if k % 2 == 0 else "denied"
                claim = f"{topic} in district {n}-{k}"
                start = text.index(claim)
                rows.append(Assertion(
                    article=article, speaker=speakers[speaker], side=sides[side], speaker_text=speaker, cue=cue,
                    stance="assert" if cue == "said" else "deny", start=start, end=start + len(claim), quote=claim,
                    checkworthiness=round(rng.random(), 3)))
            rows = Assertion.objects.bulk_create(rows)
            dispute = Dispute.objects.create(title=f"Dispute over {topic} ({n})", score=max(r.checkworthiness for r in rows))
            dispute.assertions.add(*rows)
            for a, b in ((rows[0], rows[1]), (rows[2], rows[3])):
                Opposition.objects.create(a=a, b=b, relation="denies", score=0.8, reason="bench", dispute=dispute)

        editors = Group.objects.get(name="Editor")
        password = make_password(BENCH_PASSWORD)  # one hash for all; the sessions are made directly
        made = User.objects.bulk_create([User(username=f"editor{i}", password=password) for i in range(users)])
        editors.user_set.add(*made)
        sessions = []
        for user in made:
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            sessions.append(store.session_key)
    from factcheck.models import VerdictRating

    return {
        "verdicts": list(VerdictRating.objects.values_list("pk", flat=True)),
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "sessions": sessions,
        "assertions": [list(row) for row in Assertion.objects.order_by("pk").values_list("pk", "article_id", "start", "end", "quote")],
        "disputes": list(Dispute.objects.values_list("pk", flat=True)),
        "articles": list(Article.objects.values_list("pk", flat=True)),
    }


def verify(path: str) -> dict:
    import django

    django.setup()
    from factcheck.models import Annotation, Assertion, History

    log = json.loads(Path(path).read_text())
    found_notes = set(History.objects.exclude(note="").values_list("note", flat=True))
    found_rationales = set(History.objects.filter(field="rationale").values_list("to_value", flat=True))
    found_bodies = set(Annotation.objects.values_list("body", flat=True))

    def present(kind, token):
        if kind in ("status", "decide"):
            return token in found_notes
        if kind == "verdict":
            return token in found_rationales
        return token in found_bodies

    lost = [w for w in log["acked"] if not present(w["kind"], w["token"])]
    phantom = [w for w in log["refused"] if present(w["kind"], w["token"])]
    expected = Counter(w["pk"] for w in log["acked"] if w["kind"] in ("status", "verdict"))
    versions = dict(Assertion.objects.filter(pk__in=list(expected)).values_list("pk", "version"))
    mismatched = {pk: (versions[pk], 1 + n) for pk, n in expected.items() if versions[pk] != 1 + n}
    return {"lost": len(lost), "lost_examples": lost[:5], "phantom": len(phantom), "version_mismatches": len(mismatched),
            "mismatch_examples": list(mismatched.items())[:5]}


# ------------------------------------------------------------------------------ client side

VERSION_RE = re.compile(r'name="version" value="(\d+)"')
SELECTED_STATUS_RE = re.compile(r'<select name="status"[^>]*>(.*?)</select>', re.S)
DECIDE_RE = re.compile(r'action="/oppositions/(\d+)/decide/".*?name="version" value="(\d+)"', re.S)


class Editor:
    def __init__(self, port: int, session_cookie: str, session: str, data: dict, rng: random.Random, out: dict):
        self.port, self.rng, self.data, self.out = port, rng, data, out
        self.cookies = {session_cookie: session}
        self.conn = None

    def request(self, method: str, path: str, body: dict | None = None, htmx: bool = False, kind: str = "read"):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if htmx:
            headers["HX-Request"] = "true"
        payload = None
        if body is not None:
            from urllib.parse import urlencode

            payload = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        started = time.perf_counter()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.conn.request(method, path, body=payload, headers=headers)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as exc:
            self.conn = None
            self.out["latency"].append(time.perf_counter() - started)
            self.out["errors"][f"{kind}: {exc.__class__.__name__}"] += 1
            return None, ""
        self.out["latency"].append(time.perf_counter() - started)
        self.out["by_kind"][kind].append(time.perf_counter() - started)
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                cookie = SimpleCookie()
                cookie.load(value)
                for key, morsel in cookie.items():
                    self.cookies[key] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return response.status, text

    def check(self, kind: str, status, ok=(200, 302), text: str = "") -> bool:
        if status is None:
            return False
        if status in ok:
            return True
        self.out["errors"][f"{kind}: HTTP {status}"] += 1
        if len(self.out["error_samples"]) < 5:
            self.out["error_samples"].append(f"{kind} {status}: {text[:300]}")
        return False

    def pick_assertion(self):
        hot = self.data["assertions"][:6]
        return self.rng.choice(hot if self.rng.random() < 0.1 else self.data["assertions"])

    def write(self, kind, path, body, pk, htmx, token):
        status, text = self.request("POST", path, body, htmx=htmx, kind=kind)
        if status in (200, 204, 302):
            self.out["acked"].append({"kind": kind, "pk": pk, "token": token})
        elif status == 409:
            self.out["conflicts"] += 1
            self.out["refused"].append({"kind": kind, "pk": pk, "token": token})
        else:
            self.check(kind, status, text=text)
            if status is not None:
                self.out["refused"].append({"kind": kind, "pk": pk, "token": token})

    def step(self):
        r = self.rng.random()
        token = uuid.uuid4().hex
        htmx = self.rng.random() < 0.5
        if r < 0.18:
            status, text = self.request("GET", "/", kind="queue")
            self.check("queue", status, (200,), text)
        elif r < 0.36:
            status, text = self.request("GET", f"/articles/{self.rng.choice(self.data['articles'])}/", kind="article")
            self.check("article", status, (200,), text)
        elif r < 0.50:
            status, text = self.request("GET", f"/disputes/{self.rng.choice(self.data['disputes'])}/", kind="dispute")
            self.check("dispute", status, (200,), text)
        elif r < 0.85:
            pk, article, *_ = self.pick_assertion()
            status, panel = self.request("GET", f"/articles/{article}/?assertion={pk}", htmx=True, kind="panel")
            if not self.check("panel", status, (200,), panel):
                return
            versions = VERSION_RE.findall(panel)
            if not versions:
                self.out["errors"]["panel: no version field"] += 1
                return
            version = versions[0]
            if r < 0.70:
                select = SELECTED_STATUS_RE.search(panel)
                current = re.search(r'value="(\w+)" selected', select.group(1)).group(1) if select else "unreviewed"
                new = self.rng.choice([s for s in EDITOR_STATUSES if s != current])
                self.write("status", f"/assertions/{pk}/status/", {"status": new, "version": version, "note": token},
                           pk, htmx, token)
            else:
                self.write("verdict", f"/assertions/{pk}/verdict/",
                           {"verdict": str(self.rng.choice(self.data["verdicts"])), "rationale": token,
                            "version": version}, pk, htmx, token)
        elif r < 0.93:
            dispute = self.rng.choice(self.data["disputes"][:3] if self.rng.random() < 0.1 else self.data["disputes"])
            status, page = self.request("GET", f"/disputes/{dispute}/", kind="dispute")
            if not self.check("dispute", status, (200,), page):
                return
            forms = DECIDE_RE.findall(page)
            if not forms:
                self.out["errors"]["dispute: no decide form"] += 1
                return
            opp, version = self.rng.choice(forms)
            self.write("decide", f"/oppositions/{opp}/decide/",
                       {"decision": self.rng.choice(["accepted", "rejected", "pending"]), "version": version,
                        "note": token, "next": f"/disputes/{dispute}/"}, int(opp), htmx, token)
        else:
            pk, article, start, end, quote = self.pick_assertion()
            status, page = self.request("GET", f"/articles/{article}/", kind="article")
            if not self.check("article", status, (200,), page):
                return
            body = {"quote": quote, "prefix": "", "suffix": "", "start": str(start), "end": str(end), "body": token,
                    "assertion": str(pk)}
            self.write("annotate", f"/articles/{article}/annotate/", body, pk, htmx, token)

    def run(self, deadline: float, max_requests: int):
        # First request: the queue, which also hands out the CSRF cookie.
        self.request("GET", "/", kind="queue")
        n = 0
        while time.time() < deadline and n < max_requests:
            self.step()
            n += 1
        if self.conn is not None:
            self.conn.close()


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run_load(label: str, env: dict, args) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"fc-load-{label}-"))
    try:
        t0 = time.time()
        manage(env, "migrate", "--noinput")
        data = in_django(env, "_populate", str(args.articles), str(args.users))
        setup = time.time() - t0
        port = free_port()
        server = start_gunicorn(env, port, args.workers, args.threads, tmp / "gunicorn.log")
        try:
            probe = Editor(port, data["session_cookie"], data["sessions"][0], data, random.Random(0),
                           {"latency": [], "by_kind": defaultdict(list), "errors": Counter(), "error_samples": [],
                            "acked": [], "refused": [], "conflicts": 0})
            status, page = probe.request("GET", f"/articles/{data['articles'][0]}/")
            assert status == 200, f"logged-in read failed: {status} {page[:300]}"
            # The sessions are made directly (50 password hashes would only slow the set-up); one
            # editor logs in through the real, throttled form to show that path works too.
            login = Editor(port, "unused", "", data, random.Random(0), probe.out)
            login.request("GET", "/login/")
            status, page = login.request("POST", "/login/", {
                "username": "editor0", "password": BENCH_PASSWORD, "csrfmiddlewaretoken": login.cookies["csrftoken"]})
            assert status == 302, f"login through the form failed: {status} {page[:300]}"
            outs = []
            threads = []
            deadline = time.time() + args.seconds
            started = time.time()
            for i, session in enumerate(data["sessions"]):
                out = {"latency": [], "by_kind": defaultdict(list), "errors": Counter(), "error_samples": [],
                       "acked": [], "refused": [], "conflicts": 0}
                outs.append(out)
                editor = Editor(port, data["session_cookie"], session, data, random.Random(i), out)
                threads.append(threading.Thread(target=editor.run, args=(deadline, args.max_requests), daemon=True))
            for t in threads:
                t.start()
            for t in threads:
                t.join(args.seconds + 120)
            elapsed = time.time() - started
        finally:
            stop(server)
        server_log = (tmp / "gunicorn.log").read_text() if (tmp / "gunicorn.log").exists() else ""

        latency = [x for o in outs for x in o["latency"]]
        errors = sum((o["errors"] for o in outs), Counter())
        acked = [w for o in outs for w in o["acked"]]
        refused = [w for o in outs for w in o["refused"]]
        log_path = tmp / "writes.json"
        log_path.write_text(json.dumps({"acked": acked, "refused": refused}))
        checked = in_django(env, "_verify", str(log_path))
        by_kind = defaultdict(list)
        for o in outs:
            for k, v in o["by_kind"].items():
                by_kind[k].extend(v)
        return {
            "label": label, "setup_s": setup, "elapsed": elapsed, "requests": len(latency),
            "rps": len(latency) / elapsed if elapsed else 0, "p50": percentile(latency, 50),
            "p95": percentile(latency, 95), "p99": percentile(latency, 99), "errors": sum(errors.values()),
            "error_kinds": dict(errors), "error_samples": [s for o in outs for s in o["error_samples"]][:3],
            "writes_acked": len(acked), "conflicts_409": sum(o["conflicts"] for o in outs),
            "writes_by_kind": dict(Counter(w["kind"] for w in acked)),
            "by_kind": {k: (len(v), percentile(v, 50), percentile(v, 95)) for k, v in sorted(by_kind.items())},
            "server_tracebacks": server_log.count("Traceback"), **checked,
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def print_result(r: dict, args) -> None:
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    print(f"== {r['label']}: {args.users} editors for {r['elapsed']:.0f} s "
          f"(gunicorn {args.workers} workers x {args.threads} threads; setup {r['setup_s']:.0f} s)")
    print(f"requests       {r['requests']}  ({r['rps']:.1f} req/s)")
    print(f"latency        p50 {ms(r['p50'])}  p95 {ms(r['p95'])}  p99 {ms(r['p99'])}")
    for kind, (n, p50, p95) in r["by_kind"].items():
        print(f"  {kind:<9} {n:>6}  p50 {ms(p50):>8}  p95 {ms(p95):>8}")
    print(f"writes acked   {r['writes_acked']}  {r['writes_by_kind']}")
    print(f"409 stale      {r['conflicts_409']}  (expected: two editors on one version)")
    print(f"errors         {r['errors']}  {r['error_kinds'] or ''}")
    for sample in r["error_samples"]:
        print(f"  e.g. {sample}")
    print(f"lost writes    {r['lost']}  {r['lost_examples'] or ''}")
    print(f"phantom writes {r['phantom']}  (409-refused writes found in the database)")
    print(f"version drift  {r['version_mismatches']}  (assertions whose version != 1 + acked edits) "
          f"{r['mismatch_examples'] or ''}")
    print(f"server tracebacks in gunicorn's log: {r['server_tracebacks']}")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "_populate":
        print(json.dumps(populate(int(sys.argv[2]), int(sys.argv[3]))))
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "_verify":
        print(json.dumps(verify(sys.argv[2])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--max-requests", type=int, default=20_000, help="per simulated editor")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    results = []
    if args.db in ("sqlite", "both"):
        tmp = Path(tempfile.mkdtemp(prefix="fc-load-db-"))
        try:
            results.append(run_load("SQLite (WAL, IMMEDIATE)", base_env(SQLITE_PATH=str(tmp / "load.sqlite3")), args))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        print_result(results[-1], args)
    if args.db in ("postgres", "both"):
        name = f"fc_load_{uuid.uuid4().hex[:8]}"
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc"]
        subprocess.run([*psql, f'CREATE DATABASE "{name}"'], check=True, capture_output=True)
        try:
            results.append(run_load("PostgreSQL", base_env(DATABASE_URL=f"{PG_SERVER}/{name}"), args))
        finally:
            subprocess.run([*psql, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], capture_output=True)
        print_result(results[-1], args)
    bad = sum(r["errors"] + r["lost"] + r["phantom"] + r["version_mismatches"] for r in results)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
