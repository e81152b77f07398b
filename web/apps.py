from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "web"
    verbose_name = _("Site-wide web concerns")

    def ready(self):
        from .deployment import mark_production_database

        post_migrate.connect(mark_production_database, sender=self)
