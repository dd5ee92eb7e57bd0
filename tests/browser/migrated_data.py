"""The rows migrations create (permissions, the role groups, the verdict scale), put back before a
live-server test.

Live-server tests run in transactional mode, which flushes every table after each test. The
django_db(serialized_rollback=True) restore did not bring the groups back reliably here (in a
run with other tests before them, the second live test of a file found no groups, so its editor
had no permissions); this fixture re-creates them idempotently instead.
"""
from __future__ import annotations

import pytest

def ensure_migrated_data() -> None:
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType

    from factcheck.defaults import ensure_defaults

    ContentType.objects.clear_cache()  # ids cached before a flush point at nothing now
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    ensure_defaults(apps)


@pytest.fixture
def migrated_data(transactional_db):
    ensure_migrated_data()
