import os

import pytest

# Playwright's sync API runs an event loop in the test thread; live_server tests touch the ORM there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery"


def _user(django_user_model, username, groups=(), **extra):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username=username, password=PASSWORD, **extra)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def viewer(db, django_user_model):
    return _user(django_user_model, "vera", ["Viewer"])


@pytest.fixture
def editor(db, django_user_model):
    return _user(django_user_model, "eddie", ["Editor"])


@pytest.fixture
def reviewer(db, django_user_model):
    return _user(django_user_model, "rita", ["Reviewer"])


@pytest.fixture
def admin_user(db, django_user_model):
    return _user(django_user_model, "ada", ["Admin"], is_staff=True, is_superuser=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client
