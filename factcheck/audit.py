"""The history trail: one row per change, written inside the caller's transaction."""
from __future__ import annotations

from .models import History


def _display(value) -> str:
    if value is None:
        return ""
    return str(value)


def record(*, user, action: str, field: str = "", from_value=None, to_value=None, note: str = "",
           article=None, assertion=None, opposition=None, dispute=None) -> History:
    if article is None and assertion is not None:
        article = assertion.article
    return History.objects.create(
        user=user if (user is not None and user.is_authenticated) else None,
        action=action,
        field=field,
        from_value=_display(from_value),
        to_value=_display(to_value),
        note=note,
        article=article,
        assertion=assertion,
        opposition=opposition,
        dispute=dispute,
    )
