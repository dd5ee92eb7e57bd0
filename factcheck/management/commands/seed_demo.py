"""Load the sample articles and create the demo accounts (idempotent)."""
import json
from datetime import datetime, time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.utils import timezone

from factcheck.importing import import_text

SAMPLES = Path(settings.BASE_DIR) / "sample_data" / "articles.json"
DEMO_USERS = [
    # username, password, groups, staff/superuser
    ("editor", "editor-demo-2026", ["Editor", "Reviewer"], False),
    ("admin", "admin-demo-2026", ["Admin"], True),
]


def parse_date(value: str):
    if not value:
        return None
    return timezone.make_aware(datetime.combine(datetime.fromisoformat(value).date(), time(12, 0)))


class Command(BaseCommand):
    help = "Load the sample articles and create the demo editor and admin."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true")

    def handle(self, *args, **options):
        for item in json.loads(SAMPLES.read_text(encoding="utf-8")):
            outcome = import_text(
                text=item["text"], title=item["title"], url=item.get("url", ""), outlet=item.get("outlet", ""),
                author=item.get("author", ""), published_at=parse_date(item.get("published", "")),
            )
            self.stdout.write(f"{outcome.status:10} {item['title'][:70]}")
        if options["no_users"]:
            return
        User = get_user_model()
        for username, password, groups, superuser in DEMO_USERS:
            user, created = User.objects.get_or_create(username=username)
            if created:
                user.set_password(password)
                user.is_staff = superuser
                user.is_superuser = superuser
                user.save()
            user.groups.add(*Group.objects.filter(name__in=groups))
            self.stdout.write(self.style.SUCCESS(
                f"Demo {'admin' if superuser else 'editor'}: username '{username}', password '{password}'"
                + ("" if created else " (already existed; password unchanged)")
            ))
