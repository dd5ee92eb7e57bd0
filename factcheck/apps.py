from django.apps import AppConfig


class FactcheckConfig(AppConfig):
    name = "factcheck"
    verbose_name = "Fact check"
    default_auto_field = "django.db.models.BigAutoField"
