"""The search index's own records: one document per live, public page, and the
searches that found nothing.

A document is the denormalised, searchable form of a page (text, normalised terms,
facets). The database backend queries it directly; the engine backend receives the
same documents. Draft, private and restricted pages have no document.
"""

from django.db import models
from django.db.models import F
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import query_privacy


class SearchDocument(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    kind = models.CharField(_("content type"), max_length=60, db_index=True)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(blank=True)
    text = models.TextField(blank=True)
    normalised_title = models.TextField(blank=True)
    normalised_text = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateTimeField(null=True, db_index=True)
    priorities = models.ManyToManyField("knowledge.Priority", blank=True, related_name="+")
    territories = models.ManyToManyField("knowledge.Territory", blank=True, related_name="+")
    bodies = models.ManyToManyField("knowledge.ExpertBody", blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return self.title


class ZeroResultQuerySet(models.QuerySet):
    def shown(self):
        """Those searched often enough, on days enough, to be shown (`search.query_privacy`)."""
        shown = self.filter(count__gte=query_privacy.min_searches())
        if query_privacy.two_days():
            shown = shown.alias(
                first_day=TruncDate("first_seen"), last_day=TruncDate("last_seen")
            ).filter(last_day__gt=F("first_day"))
        return shown


class ZeroResultQuery(models.Model):
    """A search that found nothing: the guidance to write next. Words that may not be
    kept (`search.query_privacy`) are never recorded here."""

    query = models.CharField(_("search"), max_length=200, unique=True)
    count = models.PositiveIntegerField(_("times"), default=1)
    first_seen = models.DateTimeField(_("first searched"), default=timezone.now)
    last_seen = models.DateTimeField(_("last searched"), default=timezone.now, db_index=True)

    objects = ZeroResultQuerySet.as_manager()

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")

    def __str__(self):
        return self.query


class PendingEngineUpdate(models.Model):
    """A page whose change the engine missed (it was down); replayed when it is back."""

    page_id = models.BigIntegerField(unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"page {self.page_id}"


from .models_statistics import SearchStatistic, StatisticKind  # noqa: E402, F401
from .models_words import SynonymGroup, VocabularyWord  # noqa: E402, F401
