"""The rows every installation needs: the default verdict scale and the role groups.

Made by migration 0002 and again after every `flush` (post_migrate), so a flushed database, such
as the one a live-server test leaves behind, still has its roles and scale. Idempotent: existing
verdicts an admin has edited are left as they are.
"""
from __future__ import annotations

VERDICTS = [
    # key, label, rating value (schema.org ratingValue, 1 = worst), description
    ("true", "True", 5, "The claim is accurate and nothing significant is missing."),
    ("mostly-true", "Mostly true", 4, "Accurate but needs clarification or additional information."),
    ("mixed", "Mixed", 3, "Partly accurate, partly not."),
    ("mostly-false", "Mostly false", 2, "Contains an element of truth but ignores facts that change the impression."),
    ("false", "False", 1, "The claim is not accurate."),
    ("unverified", "Unverified", None, "Could not be checked against reliable sources."),
    ("conflicting", "Conflicting", None, "Reliable sources contradict each other."),
]

VIEW = ["view_article", "view_assertion", "view_opposition", "view_dispute", "view_annotation",
        "view_sourcelink", "view_history", "view_speaker", "view_side", "view_verdictrating", "view_importbatch"]
EDIT = VIEW + ["add_article", "add_importbatch", "change_assertion", "add_assertion", "change_opposition",
               "add_opposition", "add_annotation", "change_annotation", "add_sourcelink", "change_sourcelink",
               "delete_sourcelink", "change_dispute", "add_dispute", "change_speaker", "add_speaker",
               "change_side", "add_side"]
REVIEW = EDIT + ["publish_verdict"]
GROUPS = {"Viewer": VIEW, "Editor": EDIT, "Reviewer": REVIEW}


def ensure_defaults(apps) -> None:
    VerdictRating = apps.get_model("factcheck", "VerdictRating")
    if not VerdictRating.objects.exists():
        for order, (key, label, value, description) in enumerate(VERDICTS):
            VerdictRating.objects.get_or_create(
                key=key, defaults={"label": label, "rating_value": value, "order": order, "description": description}
            )
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, created = Group.objects.get_or_create(name=name)
        if created or not group.permissions.exists():
            group.permissions.set(
                Permission.objects.filter(content_type__app_label="factcheck", codename__in=codenames)
            )
    admin_group, created = Group.objects.get_or_create(name="Admin")
    if created or not admin_group.permissions.exists():
        admin_group.permissions.set(Permission.objects.filter(content_type__app_label__in=["factcheck", "auth"]))


def after_migrate(sender, apps=None, using="default", **kwargs) -> None:
    from django.apps import apps as global_apps
    from django.db import DEFAULT_DB_ALIAS

    if using != DEFAULT_DB_ALIAS:
        return
    ensure_defaults(apps or global_apps)
