"""What the site keeps about itself in its database."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatabaseRole(models.Model):
    """A mark the production settings leave in their database (`web/deployment.py`), so
    that a command run with any other settings refuses to touch it."""

    PRODUCTION = "production"

    role = models.CharField(_("role"), max_length=20, unique=True)
    marked_at = models.DateTimeField(_("marked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("database role")
        verbose_name_plural = _("database roles")

    def __str__(self):
        return self.role
