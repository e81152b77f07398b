"""The editors' backlog of guidance to write: searches without results, unhelpful pages,
requests on one subject that no guide covers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GapsConfig(AppConfig):
    name = "gaps"
    label = "gaps"
    verbose_name = _("Guidance gaps")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401
