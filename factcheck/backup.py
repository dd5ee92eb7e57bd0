"""Backups of the whole database, and restoring one.

SQLite: the online backup API (sqlite3.Connection.backup) copies a consistent snapshot while the
site keeps serving; restore copies the snapshot back page by page under the database's lock.
PostgreSQL: pg_dump's custom format, and pg_restore --clean --if-exists in one transaction, so
a restore that fails half way leaves the database as it was.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections


class BackupError(RuntimeError):
    """A backup or restore that could not be done; the message says why."""


def _database(alias: str = "default") -> dict:
    return settings.DATABASES[alias]


def default_filename(alias: str = "default") -> str:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    vendor = connections[alias].vendor
    return f"factcheck-{stamp}.{'sqlite3' if vendor == 'sqlite' else 'dump'}"


def backup(*, path: str | os.PathLike, alias: str = "default") -> Path:
    """Write a backup of the database to path; returns the path."""
    path = Path(path)
    vendor = connections[alias].vendor
    if vendor == "sqlite":
        _sqlite_backup(_database(alias), path)
    elif vendor == "postgresql":
        _pg_run(["pg_dump", "--format=custom", "--no-owner", "--file", str(path)], _database(alias))
    else:
        raise BackupError(f"Backups of {vendor} databases are not supported.")
    return path


def restore(*, path: str | os.PathLike, alias: str = "default") -> None:
    """Replace the database's contents with the backup at path."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    vendor = connections[alias].vendor
    # Our own open connection would hold locks (SQLite) or sessions (PostgreSQL) on the tables.
    connections[alias].close()
    if vendor == "sqlite":
        _sqlite_restore(_database(alias), path)
    elif vendor == "postgresql":
        _pg_run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", str(path)],
            _database(alias),
        )
    else:
        raise BackupError(f"Restoring {vendor} databases is not supported.")


def _sqlite_name(db: dict) -> str:
    name = str(db["NAME"])
    if name == ":memory:" or name.startswith("file:memorydb") or "mode=memory" in name:
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    return name


def _sqlite_backup(db: dict, path: Path) -> None:
    source = sqlite3.connect(_sqlite_name(db), timeout=db.get("OPTIONS", {}).get("timeout", 20))
    try:
        target = sqlite3.connect(path)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _check_sqlite_backup(path: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
            has_migrations = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='django_migrations'"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not an SQLite backup: {exc}") from exc
    if ok != "ok":
        raise BackupError(f"{path} is damaged: {ok}")
    if not has_migrations:
        raise BackupError(f"{path} is not a backup of this site (it has no django_migrations table).")


def _sqlite_restore(db: dict, path: Path) -> None:
    _check_sqlite_backup(path)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(_sqlite_name(db), timeout=db.get("OPTIONS", {}).get("timeout", 20))
        try:
            # backup() replaces every page of the target under its write lock: readers in other
            # processes see the old database or the new one, never a mixture.
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _pg_run(command: list[str], db: dict) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed; install the PostgreSQL client tools.")
    env = os.environ.copy()
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = [tool]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    args += ["--no-password", "--dbname", str(db["NAME"]), *command[1:]]
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip() or result.stdout.strip()}")
