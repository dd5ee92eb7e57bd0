"""Write the verdict report for a scope to a file.

    manage.py export_report --scope dispute --id 12 --format pdf -o dispute-12.pdf
    manage.py export_report --scope queue --filter "status=reviewed&q=homs" --format csv -o reviewed.csv
    manage.py export_report --scope all --format claimreview -o claimreview.jsonld
"""
import sys
from pathlib import Path
from urllib.parse import parse_qs

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError

from factcheck.exports import EXPORTERS, SCOPES, export


class Command(BaseCommand):
    help = "Export the verdict report (HTML, PDF, CSV, JSON or ClaimReview JSON-LD) for a scope to a file."

    def add_arguments(self, parser):
        parser.add_argument("--scope", choices=SCOPES, required=True)
        parser.add_argument("--id", type=int, help="The dispute's or article's id (scopes dispute and article).")
        parser.add_argument("--filter", default="", help='The queue filter as a query string: "status=reviewed&q=homs".')
        parser.add_argument("--format", choices=list(EXPORTERS), required=True)
        parser.add_argument("-o", "--output", required=True, help="The file to write ('-' for standard output).")

    def handle(self, *args, scope, id, filter, format, output, **options):
        if scope in ("dispute", "article") and id is None:
            raise CommandError(f"--scope {scope} needs --id.")
        if filter and scope != "queue":
            raise CommandError("--filter only applies to --scope queue.")
        try:
            result = export(scope=scope, fmt=format, pk=id, params=parse_qs(filter))
        except ObjectDoesNotExist as error:
            raise CommandError(str(error)) from error
        if output == "-":
            if format == "pdf":
                sys.stdout.buffer.write(result.content)
            else:
                self.stdout.write(result.content.decode("utf-8"))
            return
        Path(output).write_bytes(result.content)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(result.content):,} bytes)."))
