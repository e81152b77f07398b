"""What every knowledge page shares: a short introduction that lists and searches well."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search import index


class KnowledgePage(Page):
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown in lists, search results and feeds."),
    )

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    class Meta:
        abstract = True
