from django.apps import AppConfig
from django.db.models.signals import post_migrate


class FactcheckConfig(AppConfig):
    name = "factcheck"
    verbose_name = "Fact check"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .defaults import after_migrate

        # After migrate and after every flush: the role groups and the verdict scale come back.
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="factcheck-defaults")
