from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccountEmail(models.Model):
    """An email allauth sent about an account (address confirmation at sign-up, password
    reset, security notices), recorded for the person's export: which, to whom, when.

    Never the body: its links and codes sign in or reset the password. Kept as long as
    the account, like the desk's outbox, and deleted with it (cascade)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField()
    # allauth's template prefix, e.g. "account/email/email_confirmation_signup".
    template = models.CharField(max_length=120)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("account email")
        verbose_name_plural = _("account emails")

    def __str__(self):
        return f"{self.template} → {self.email}"
