"""One item of the editors' backlog: a piece of guidance nobody has written yet.

An item is found by `gaps.refresh` in one of three kinds of evidence and keyed per kind
(`kind`, `key`, unique together), so a refresh updates an item instead of adding a
second one. Its evidence holds counts, queries, a page and requests' references: never
a holder's name, email or project. What becomes of an item:

- open: waiting for an editor; "start a guide" keeps it open with its `draft`;
- closed: a published page covers it (`closed_by`: its draft, or any guide or Q&A that
  covers it, `gaps.coverage`). New evidence after the day it closed (the query searched
  again in vain, a new "no" vote, a request filed since) opens it again: the page that
  closed it did not answer everything;
- dismissed: an editor judged it is not guidance to write (with a reason); it stays
  dismissed whatever evidence comes later.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SEARCH = "search", _("Search without results")
    UNHELPFUL = "unhelpful", _("Page rated unhelpful")
    REQUESTS = "requests", _("Requests without a guide")


class State(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    DISMISSED = "dismissed", _("Dismissed")


class GapItemQuerySet(models.QuerySet):
    def backlog(self):
        """Open items first, the heaviest evidence first; then closed and dismissed ones."""
        is_open = models.Case(
            models.When(state=State.OPEN, then=0), default=1, output_field=models.IntegerField()
        )
        return self.annotate(open_first=is_open).order_by(
            "open_first", "-weight", "-evidence_at", "pk"
        )


class GapItem(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Per kind: the search's terms, the page's id, the requests' shared terms.
    key = models.CharField(max_length=255)
    title = models.CharField(_("title"), max_length=255)
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    # How much evidence, to order the backlog (`gaps.sources`: a request weighs more
    # than a search).
    weight = models.PositiveIntegerField(_("weight"), default=0)
    # When the latest piece of evidence was seen (a day for votes).
    evidence_at = models.DateTimeField(_("latest evidence"), null=True, blank=True)
    # The expert body most involved: where "start a guide" drafts (its guide section).
    body = models.ForeignKey(
        "knowledge.ExpertBody",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("expert body"),
    )
    # The page rated unhelpful, and a fingerprint of its text when the votes were read.
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )
    page_fingerprint = models.CharField(max_length=64, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.OPEN, db_index=True
    )
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    state_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("state changed by"),
    )
    dismissal_reason = models.TextField(_("reason for dismissal"), blank=True, max_length=1_000)
    closed_by = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("closed by the page"),
    )
    draft = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("guide started"),
    )
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = GapItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("guidance gap")
        verbose_name_plural = _("guidance gaps")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="gaps_one_item_per_evidence"),
        ]
        indexes = [models.Index(fields=["state", "-weight"], name="gaps_backlog")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("gaps_admin:detail", args=[self.pk])

    @property
    def is_open(self):
        return self.state == State.OPEN
