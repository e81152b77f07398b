"""A vote on a page: did it help? Linked to nobody.

A vote keeps the page, yes or no, an optional comment and the day it was cast: no
account, no address, no session, no time of day. The form sits in pages the anonymous
page cache serves identically to everyone (web/pagecache.py), so nothing in it can tell
one visitor from another, and nothing stored afterwards does either. The reports
(`feedback.reports`, the desk's report by body and month) only count and read comments.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Enough for a few sentences on what was missing; a longer text is not a comment on
# a page but a question, which the request desk takes.
COMMENT_MAX_LENGTH = 2_000


def today():
    return timezone.localdate()


class PageVote(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX_LENGTH)
    # A day, not a moment: finer would help to tell visitors apart, and the reports
    # count by month.
    created_on = models.DateField(_("day"), default=today)

    class Meta:
        verbose_name = _("page vote")
        verbose_name_plural = _("page votes")
        ordering = ["-created_on", "-pk"]
        indexes = [
            # The report per page (filtered by month) and the per-page comments.
            models.Index(fields=["page", "created_on"], name="feedback_vote_page_day"),
            # The reports by month, all pages.
            models.Index(fields=["created_on"], name="feedback_vote_day"),
        ]

    def __str__(self):
        return f"{'+' if self.helpful else '-'} {self.page_id} ({self.created_on})"
