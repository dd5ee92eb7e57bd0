from django.contrib.auth.management import create_permissions
from django.db import migrations

# A snapshot of factcheck.defaults at the time of this migration.
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


def forwards(apps, schema_editor):
    # Permissions are normally made after migrate; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    VerdictRating = apps.get_model("factcheck", "VerdictRating")
    for order, (key, label, value, description) in enumerate(VERDICTS):
        VerdictRating.objects.update_or_create(
            key=key, defaults={"label": label, "rating_value": value, "order": order, "description": description}
        )

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="factcheck", codename__in=codenames))
    admin_group, _ = Group.objects.get_or_create(name="Admin")
    admin_group.permissions.set(Permission.objects.filter(content_type__app_label__in=["factcheck", "auth"]))


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Viewer", "Editor", "Reviewer", "Admin"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
