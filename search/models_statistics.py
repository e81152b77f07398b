"""What search and suggestions achieve, counted per day and linked to nobody.

One row is one count of one day: how many searches for a normalised query, how many
results they found, how many opened a result and at which rank, how many request forms
showed suggestions, and how many holders filed anyway. No user, address, session or
time finer than the day is ever stored: a row says "on 1 December, 'borne recharge' was
searched 12 times", never who searched. The counts come through the in-process buffer of
`search.statistics`, never one write per search.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatisticKind(models.TextChoices):
    # Keyed by the normalised query.
    SEARCH = "search", _("searches")
    RESULTS = "results", _("results found")
    ZERO = "zero", _("searches without results")
    CLICK = "click", _("results opened")
    RANK_SUM = "rank_sum", _("sum of the ranks opened")
    # Keyed by the rank opened (1 to 50).
    RANK = "rank", _("results opened at this rank")
    # Not keyed.
    HEADER_SUGGESTION = "header_suggestion", _("header suggestions opened")
    FORM_SHOWN = "form_shown", _("request forms showing suggestions")
    FORM_OPENED = "form_opened", _("request forms where a suggestion was opened")
    FILED = "filed", _("requests filed")
    FILED_SHOWN = "filed_shown", _("requests filed after suggestions were shown")
    FILED_OPENED = "filed_opened", _("requests filed after a suggestion was opened")


# The kinds whose key is the query (what `query_privacy` governs).
QUERY_KINDS = [
    StatisticKind.SEARCH,
    StatisticKind.RESULTS,
    StatisticKind.ZERO,
    StatisticKind.CLICK,
    StatisticKind.RANK_SUM,
]


class SearchStatistic(models.Model):
    day = models.DateField(_("day"))
    kind = models.CharField(_("figure"), max_length=20, choices=StatisticKind.choices)
    key = models.CharField(_("search term or rank"), max_length=200, blank=True)
    count = models.PositiveBigIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("search statistic")
        verbose_name_plural = _("search statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "key"], name="search_statistic_one_row_per_day"
            )
        ]
        indexes = [models.Index(fields=["kind", "day"], name="search_statistic_kind_day")]

    def __str__(self):
        return f"{self.day} {self.kind} {self.key}: {self.count}"
