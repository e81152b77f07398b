"""The audit log of projects, kept apart from Wagtail's log of other models.

As for requests (`desk/models/audit.py`): Wagtail's site history lists every entry of a
model to whoever has any permission on it; this log answers `viewable_by_user` with the
projects that person may see in the admin, so no one reads another's project history.
"""

from django.db import models
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

from ..roles import sees_portfolio


class ProjectLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(object_id=str(instance.pk))
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(object_id=str(instance.pk))

    def viewable_by_user(self, user):
        # Whoever sees the portfolio reads every project's log but their own projects'
        # (as projects.permissions.portfolio_projects); nobody else reads this log.
        if not sees_portfolio(user):
            return self.none()
        own = user.project_memberships.values_list("project_id", flat=True)
        return self.exclude(object_id__in=[str(pk) for pk in own])


class ProjectLogEntry(BaseLogEntry):
    object_id = models.CharField(max_length=255, db_index=True)

    objects = ProjectLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = "project log entry"
        verbose_name_plural = "project log entries"

    def __str__(self):
        return f"ProjectLogEntry {self.pk}: {self.action} on project {self.object_id}"
