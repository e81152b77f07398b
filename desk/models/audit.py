"""The audit log of requests, kept apart from Wagtail's log of other models.

Wagtail's site history and its exports list every log entry of every model a person has
any permission on; experts may view requests, so one shared log (`ModelLogEntry`)
showed them every step of every request, other bodies' and unrouted ones included
(reference, the holder's title and name). Wagtail lets a model have its own log model
(`register_model` in `wagtail_hooks.py`): this one answers `viewable_by_user` with the
requests that person may see, so the site history, its filters and its exports show
staff only what the desk shows them.
"""

from django.db import models
from django.db.models.functions import Cast
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

from .requests import HowToRequest


class RequestLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(object_id=str(instance.pk))
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(object_id=str(instance.pk))

    def for_requests(self, how_to_requests):
        return self.filter(object_id__in=[str(r.pk) for r in how_to_requests])

    def viewable_by_user(self, user):
        visible = (
            HowToRequest.objects.seen_by_staff(user)
            .annotate(object_key=Cast("pk", output_field=models.CharField()))
            .values("object_key")
        )
        return self.filter(object_id__in=visible)


class RequestLogEntry(BaseLogEntry):
    # Text like ModelLogEntry's, which Wagtail's reports read back (`with_instances`).
    object_id = models.CharField(max_length=255, db_index=True)

    objects = RequestLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = "request log entry"
        verbose_name_plural = "request log entries"

    def __str__(self):
        return f"RequestLogEntry {self.pk}: {self.action} on request {self.object_id}"
