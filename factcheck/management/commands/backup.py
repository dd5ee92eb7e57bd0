"""manage.py backup [-o FILE]: a consistent copy of the whole database."""
from django.core.management.base import BaseCommand, CommandError

from factcheck.backup import BackupError, backup, default_filename


class Command(BaseCommand):
    help = "Back up the database (SQLite: online backup API; PostgreSQL: pg_dump -Fc)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="Where to write the backup (default: factcheck-<date>.sqlite3/.dump).")
        parser.add_argument("--database", default="default")

    def handle(self, *args, output=None, database="default", **options):
        try:
            path = backup(path=output or default_filename(database), alias=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backed up the database to {path} ({path.stat().st_size:,} bytes).")
