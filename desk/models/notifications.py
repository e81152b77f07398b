from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An email to send, written in the same transaction as the step it reports.

    The outbox makes delivery independent of the step: a failing mail server leaves
    the notification pending for a later attempt, and the status change from
    pending to sending is conditional, so each message goes out once.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Given up")

    # What it tells: a step of a request, or of a project (`projects`, below the desk,
    # sends its events here through its signal); exactly one of the two.
    event = models.ForeignKey(
        "desk.RequestEvent",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    project_event = models.ForeignKey(
        "projects.ProjectEvent",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # Nobody yet for an invitation to someone without an account: the email is enough.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField()
    language = models.CharField(max_length=8)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When it was found cut off while sending (its worker stopped): sent again once; cut
    # off a second time, it is given up (`notifications.due_for_retry`).
    interrupted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient"], name="desk_one_notification_per_event"
            ),
            models.UniqueConstraint(
                fields=["project_event", "email"], name="desk_one_notification_per_project_event"
            ),
            models.CheckConstraint(
                condition=models.Q(event__isnull=True) ^ models.Q(project_event__isnull=True),
                name="desk_notification_tells_one_event",
            ),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.event or self.project_event} → {self.email} ({self.state})"
