"""manage.py restore FILE: replace the database's contents with a backup."""
from django.core.management.base import BaseCommand, CommandError

from factcheck.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore the database from a backup made with `manage.py backup`. Everything since is lost."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--database", default="default")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, file, database="default", interactive=True, **options):
        if interactive:
            answer = input(f"This replaces everything in the '{database}' database with {file}. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            restore(path=file, alias=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored the database from {file}.")
