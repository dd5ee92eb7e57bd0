"""Logging in, with throttling of failed attempts.

Failures are rows in the database (LoginAttempt), not cache entries, so the lock holds across
worker processes and restarts. A locked-out attempt is refused before the password is checked:
a guesser learns nothing from it, and the password hasher's work is not spent on it.
"""
from __future__ import annotations

import math
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.http import HttpRequest
from django.utils import timezone

from .models import LoginAttempt


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites it,
    # and trusting it would let a guesser pick a fresh "IP" for every attempt.
    return (request.META.get("REMOTE_ADDR") or "")[:45]


def _normalise(username: str) -> str:
    return username.strip().casefold()[:150]


def _window() -> timedelta:
    return timedelta(seconds=settings.FACTCHECK_LOGIN_WINDOW_SECONDS)


def lockout_seconds(*, username: str, ip: str, limit: int | None = None) -> int:
    """How many seconds until this username and this IP may try again; 0 if they may now.
    Locked when `limit` (default: the setting) failures lie in the window."""
    limit = limit or settings.FACTCHECK_LOGIN_MAX_FAILURES
    now = timezone.now()
    since = now - _window()
    wait = 0.0
    for filters in ({"username": _normalise(username)}, {"ip": ip}):
        if not next(iter(filters.values())):
            continue
        recent = list(
            LoginAttempt.objects.filter(created_at__gt=since, **filters)
            .order_by("-created_at")
            .values_list("created_at", flat=True)[:limit]
        )
        if len(recent) >= limit:
            # Free again when the limit-th most recent failure leaves the window.
            wait = max(wait, (recent[-1] + _window() - now).total_seconds(), 1)
    return math.ceil(wait) if wait > 0 else 0


def clear_failures(*, username: str) -> None:
    LoginAttempt.objects.filter(username=_normalise(username)).delete()


class ThrottledLoginView(LoginView):
    """Django's LoginView, refusing with 429 after too many recent failures.

    Each attempt is written down as a failure *before* the password is checked and wiped if it
    succeeds: counting first and recording afterwards would let a burst of parallel guesses all
    pass the count before any of them is recorded.
    """

    def post(self, request, *args, **kwargs):
        username, ip = request.POST.get("username", ""), client_ip(request)
        wait = lockout_seconds(username=username, ip=ip)
        if wait:
            return self.locked_out(wait)
        if username.strip():
            attempt = LoginAttempt.objects.create(username=_normalise(username), ip=ip)
            # Our own row counts now: one more than the limit means parallel attempts got in first.
            wait = lockout_seconds(username=username, ip=ip, limit=settings.FACTCHECK_LOGIN_MAX_FAILURES + 1)
            if wait:
                attempt.delete()
                return self.locked_out(wait)
            self._prune()
        return super().post(request, *args, **kwargs)

    @staticmethod
    def _prune():
        # Rows older than a day say nothing about the current window; keep the table small.
        LoginAttempt.objects.filter(created_at__lt=timezone.now() - max(_window(), timedelta(days=1))).delete()

    def locked_out(self, wait: int):
        minutes = max(1, math.ceil(wait / 60))
        message = f"Too many failed attempts; try again in {minutes} minute{'s' if minutes != 1 else ''}."
        # An unbound form: binding it would run authenticate() when the template reads its errors.
        form = self.get_form_class()(request=self.request, initial={"username": self.request.POST.get("username", "")})
        response = self.render_to_response(self.get_context_data(form=form, lockout=message))
        response.status_code = 429
        response["Retry-After"] = str(wait)
        return response

    def form_valid(self, form):
        clear_failures(username=form.get_user().get_username())
        return super().form_valid(form)
