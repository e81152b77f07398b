from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HolderProfile(models.Model):
    """What a holder says of themself beyond their name (first and last name stay on the
    User, where allauth, the admin and the privacy rules already read them): the
    organisation they file for. Personal data of the account: exported with it, cleared
    by its erasure, deleted with it (cascade)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="holder_profile",
        verbose_name=_("account"),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("holder profile")
        verbose_name_plural = _("holder profiles")

    def __str__(self):
        return self.organisation
