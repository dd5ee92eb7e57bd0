from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Analyse .txt/.html files and print their assertions and oppositions (--json for the scorer's contract)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")

    def handle(self, *args, **options):
        from factcheck.analysis import cli

        argv = (["--json"] if options["json"] else []) + list(options["files"])
        status = cli.main(argv, self.stdout)
        if status:
            raise SystemExit(status)
