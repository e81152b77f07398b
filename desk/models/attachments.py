from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..uploads.storage import attachment_upload_to, private_storage


class Attachment(models.Model):
    """A file joined to a request; stored privately and served after a permission check."""

    request = models.ForeignKey(
        "desk.HowToRequest", on_delete=models.CASCADE, related_name="attachments"
    )
    event = models.ForeignKey(
        "desk.RequestEvent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
    )
    file = models.FileField(storage=private_storage, upload_to=attachment_upload_to)
    original_name = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("desk:attachment", args=[self.request.public_id, self.pk])
