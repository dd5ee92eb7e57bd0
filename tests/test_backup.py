"""Backup and restore round trips on a real, populated database of each kind.

The SQLite test runs the commands in subprocesses against a file database under tmp_path; the
PostgreSQL test against a scratch database of its own. Each runs in the suite's matching pass
(DATABASE_URL unset / set to PostgreSQL), so `make test` proves both.
"""
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PG_SERVER = "postgres://postgres@127.0.0.1:5432"

POPULATE = """
from django.contrib.auth.models import User
from factcheck import audit
from factcheck.models import Article, Assertion, VerdictRating
user = User.objects.create_user("keeper", password="x-long-password-1")
for i in range(3):
    article = Article.objects.create(title=f"Article {i}", text=f"The minister said the bridge {i} was safe.")
    a = Assertion.objects.create(article=article, speaker_text="The minister", cue="said", start=18,
                                 end=len(article.text), quote=article.text[18:], status="reviewed",
                                 verdict=VerdictRating.objects.get(key="false"), rationale="Inspectors disagree.")
    audit.record(user=user, action="status", field="status", from_value="unreviewed", to_value="reviewed", assertion=a)
"""

SNAPSHOT = """
import json
from django.contrib.auth.models import User
from factcheck.models import Article, Assertion, History
print(json.dumps({
    "articles": sorted(Article.objects.values_list("title", flat=True)),
    "assertions": sorted([a.quote, a.status, a.verdict.key if a.verdict else None, a.rationale] for a in Assertion.objects.all()),
    "history": History.objects.filter(action="status").count(),
    "users": sorted(User.objects.values_list("username", flat=True)),
}))
"""

DAMAGE = """
from django.contrib.auth.models import User
from factcheck.models import Article, VerdictRating
Article.objects.filter(title="Article 0").delete()
Article.objects.create(title="Written after the backup", text="Nothing to see.")
User.objects.filter(username="keeper").delete()
"""


def manage(*args, env, stdin=None):
    full = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SQLITE_PATH", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full | env, capture_output=True, text=True, input=stdin
    )
    return result


def ok(result):
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def snapshot(env):
    return json.loads(ok(manage("shell", "-c", SNAPSHOT, env=env)).strip().splitlines()[-1])


def round_trip(env, backup_file):
    ok(manage("migrate", "--noinput", env=env))
    ok(manage("shell", "-c", POPULATE, env=env))
    before = snapshot(env)
    assert len(before["articles"]) == 3 and before["history"] == 3

    out = ok(manage("backup", "-o", str(backup_file), env=env))
    assert str(backup_file) in out and backup_file.stat().st_size > 0

    ok(manage("shell", "-c", DAMAGE, env=env))
    damaged = snapshot(env)
    assert damaged != before
    assert "Written after the backup" in damaged["articles"]

    ok(manage("restore", str(backup_file), "--noinput", env=env))
    after = snapshot(env)
    assert after == before  # the deleted rows are back, the later row is gone
    return after


def sqlite_pass():
    return not os.environ.get("DATABASE_URL")


def postgres_pass():
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


@pytest.mark.skipif(not sqlite_pass(), reason="the SQLite pass of the suite covers SQLite backups")
def test_a_sqlite_backup_brings_back_deleted_rows_and_drops_later_ones(tmp_path):
    env = {"SQLITE_PATH": str(tmp_path / "live.sqlite3")}
    round_trip(env, tmp_path / "backup.sqlite3")


@pytest.mark.skipif(not sqlite_pass(), reason="the SQLite pass of the suite covers SQLite backups")
def test_restore_refuses_a_file_that_is_not_a_backup_and_leaves_the_database_alone(tmp_path):
    env = {"SQLITE_PATH": str(tmp_path / "live.sqlite3")}
    ok(manage("migrate", "--noinput", env=env))
    ok(manage("shell", "-c", POPULATE, env=env))
    junk = tmp_path / "notes.txt"
    junk.write_text("this is not a database " * 100)
    result = manage("restore", str(junk), "--noinput", env=env)
    assert result.returncode != 0
    assert "not an SQLite backup" in result.stderr
    assert len(snapshot(env)["articles"]) == 3


@pytest.mark.skipif(not sqlite_pass(), reason="the SQLite pass of the suite covers SQLite backups")
def test_restore_asks_before_replacing_the_database(tmp_path):
    env = {"SQLITE_PATH": str(tmp_path / "live.sqlite3")}
    ok(manage("migrate", "--noinput", env=env))
    ok(manage("backup", "-o", str(tmp_path / "b.sqlite3"), env=env))
    ok(manage("shell", "-c", POPULATE, env=env))
    result = manage("restore", str(tmp_path / "b.sqlite3"), env=env, stdin="no\n")
    assert result.returncode != 0 and "cancelled" in result.stderr
    assert len(snapshot(env)["articles"]) == 3


@pytest.fixture
def scratch_pg_database():
    name = f"fc_backup_{uuid.uuid4().hex[:10]}"
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c"]
    subprocess.run([*psql, f'CREATE DATABASE "{name}"'], check=True, capture_output=True)
    yield f"{PG_SERVER}/{name}"
    subprocess.run([*psql, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], capture_output=True)


@pytest.mark.skipif(not postgres_pass(), reason="the PostgreSQL pass of the suite covers pg_dump backups")
def test_a_postgresql_backup_brings_back_deleted_rows_and_drops_later_ones(tmp_path, scratch_pg_database):
    env = {"DATABASE_URL": scratch_pg_database}
    round_trip(env, tmp_path / "backup.dump")
    assert (tmp_path / "backup.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
