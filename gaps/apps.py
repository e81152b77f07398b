from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GapsConfig(AppConfig):
    name = "gaps"
    label = "gaps"
    verbose_name = _("Guidance gaps")
    default_auto_field = "django.db.models.BigAutoField"
