from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from factcheck.models import LoginAttempt
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.FACTCHECK_LOGIN_MAX_FAILURES = 3
    settings.FACTCHECK_LOGIN_WINDOW_SECONDS = 300


def attempt(client, username, password, ip="10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail_times(client, username, n, ip="10.0.0.1"):
    for _ in range(n):
        response = attempt(client, username, "wrong-password", ip)
        assert response.status_code == 200


def test_a_failed_login_is_recorded_with_username_and_ip(client, editor):
    attempt(client, editor.username, "wrong-password", ip="10.1.2.3")
    row = LoginAttempt.objects.get()
    assert (row.username, row.ip) == (editor.username, "10.1.2.3")


def test_failures_below_the_limit_still_let_the_right_password_in(client, editor):
    fail_times(client, editor.username, 2)
    response = attempt(client, editor.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_after_too_many_failures_even_the_right_password_is_refused_with_429(client, editor):
    fail_times(client, editor.username, 3)
    response = attempt(client, editor.username, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed attempts; try again in 5 minutes." in response.content.decode()
    assert int(response["Retry-After"]) > 240
    assert "_auth_user_id" not in client.session


def test_a_locked_out_attempt_does_not_check_the_password(client, editor):
    fail_times(client, editor.username, 3)
    with mock.patch("django.contrib.auth.forms.authenticate") as authenticate:
        response = attempt(client, editor.username, PASSWORD)
    assert response.status_code == 429
    authenticate.assert_not_called()


def test_a_locked_out_attempt_is_not_counted_as_another_failure(client, editor):
    fail_times(client, editor.username, 3)
    attempt(client, editor.username, "wrong-password")
    assert LoginAttempt.objects.count() == 3


def test_the_lock_applies_to_the_username_from_any_ip(client, editor):
    fail_times(client, editor.username, 3, ip="10.0.0.1")
    response = attempt(Client(), editor.username, PASSWORD, ip="192.168.7.7")
    assert response.status_code == 429


def test_the_lock_ignores_the_case_of_the_username(client, editor):
    fail_times(client, editor.username.upper(), 3)
    assert attempt(client, editor.username, PASSWORD).status_code == 429


def test_the_lock_applies_to_an_ip_trying_many_usernames(client, editor, reviewer):
    for name in ["alice", "bob", "carol"]:
        fail_times(client, name, 1, ip="10.9.9.9")
    assert attempt(client, reviewer.username, PASSWORD, ip="10.9.9.9").status_code == 429
    # Another address is not affected by that IP's failures.
    assert attempt(Client(), reviewer.username, PASSWORD, ip="10.9.9.10").status_code == 302


def test_the_lock_ends_when_the_failures_leave_the_window(client, editor):
    fail_times(client, editor.username, 3)
    LoginAttempt.objects.update(created_at=timezone.now() - timedelta(seconds=301))
    assert attempt(client, editor.username, PASSWORD).status_code == 302


def test_the_message_counts_the_minutes_left(client, editor):
    fail_times(client, editor.username, 3)
    LoginAttempt.objects.update(created_at=timezone.now() - timedelta(seconds=200))
    response = attempt(client, editor.username, PASSWORD)
    assert "try again in 2 minutes." in response.content.decode()
    LoginAttempt.objects.update(created_at=timezone.now() - timedelta(seconds=260))
    response = attempt(client, editor.username, PASSWORD)
    assert "try again in 1 minute." in response.content.decode()


def test_a_successful_login_clears_the_usernames_failures(client, editor):
    fail_times(client, editor.username, 2)
    assert attempt(client, editor.username, PASSWORD).status_code == 302
    assert not LoginAttempt.objects.filter(username=editor.username).exists()
    client.logout()
    # The count starts again: two more failures do not lock.
    fail_times(client, editor.username, 2)
    assert attempt(client, editor.username, PASSWORD).status_code == 302


def test_the_page_still_renders_the_form_when_locked_out(client, editor):
    fail_times(client, editor.username, 3)
    response = attempt(client, editor.username, PASSWORD)
    body = response.content.decode()
    assert 'name="password"' in body
    assert f'value="{editor.username}"' in body


def test_the_admin_login_goes_through_the_throttled_form(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/admin/"


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_parallel_guesses_gets_no_more_password_checks_than_the_limit(django_user_model):
    import threading

    from django.contrib.auth import forms as auth_forms
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs a database that serves parallel connections (PostgreSQL)")
    django_user_model.objects.create_user("target", password=PASSWORD)
    real_authenticate = auth_forms.authenticate
    checks, lock = [], threading.Lock()

    def counting_authenticate(*args, **kwargs):
        with lock:
            checks.append(1)
        return real_authenticate(*args, **kwargs)

    guesses = 20
    barrier = threading.Barrier(guesses)
    statuses = []

    def guess(i):
        try:
            barrier.wait(timeout=10)
            response = attempt(Client(), "target", f"guess-{i}", ip=f"10.2.0.{i}")
            with lock:
                statuses.append(response.status_code)
        finally:
            connections.close_all()

    with mock.patch.object(auth_forms, "authenticate", counting_authenticate):
        threads = [threading.Thread(target=guess, args=(i,)) for i in range(guesses)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    assert len(statuses) == guesses
    assert len(checks) <= 3  # FACTCHECK_LOGIN_MAX_FAILURES in this module
    assert statuses.count(429) >= guesses - 3
    assert LoginAttempt.objects.filter(username="target").count() <= 3
