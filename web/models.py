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


class WorkerHeartbeat(models.Model):
    """A task worker saying it is alive (`web/worker.py`): `/ready` reads the beats, and a
    worker whose beat stopped is dead: its running tasks are queued again."""

    worker_id = models.CharField(_("worker id"), max_length=64, primary_key=True)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started at"))
    beat_at = models.DateTimeField(_("last beat at"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.worker_id} ({self.host}, {self.pid})"
