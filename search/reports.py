"""The figures of the search statistics' admin reports, read from the daily rows.

Each function sums `SearchStatistic` rows in SQL (one query each, whatever the number of
days or queries) and returns plain rows; rates are None where there is nothing to divide.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from . import query_privacy
from .models_statistics import SearchStatistic, StatisticKind

PERIODS = (30, 90, 365)  # days a report may cover
DEFAULT_PERIOD = 90
TOP_QUERIES = 50
TOP_RANKS = 10  # ranks 1 to 10 one by one, then "11 and beyond"


def _ratio(part, whole):
    return part / whole if whole else None


def since(days):
    return timezone.localdate() - datetime.timedelta(days=days - 1)


@dataclass(frozen=True)
class QueryClicks:
    query: str
    searches: int
    results: int
    clicks: int
    rank_sum: int

    @property
    def rate(self):
        return _ratio(self.clicks, self.searches)

    @property
    def mean_rank(self):
        return _ratio(self.rank_sum, self.clicks)

    @property
    def mean_results(self):
        return _ratio(self.results, self.searches)


def click_through_by_query(days=DEFAULT_PERIOD, limit=TOP_QUERIES):
    """The most searched queries of the last `days` days, with their clicks."""

    def total(kind):
        return Sum("count", filter=Q(kind=kind), default=0)

    rows = (
        SearchStatistic.objects.filter(
            day__gte=since(days),
            kind__in=[
                StatisticKind.SEARCH,
                StatisticKind.RESULTS,
                StatisticKind.CLICK,
                StatisticKind.RANK_SUM,
            ],
        )
        .values("key")
        .annotate(
            searches=total(StatisticKind.SEARCH),
            search_days=Count("day", distinct=True, filter=Q(kind=StatisticKind.SEARCH)),
            results=total(StatisticKind.RESULTS),
            clicks=total(StatisticKind.CLICK),
            rank_sum=total(StatisticKind.RANK_SUM),
        )
        # Shown once searched a few times on days enough, withheld words never
        # (search.query_privacy).
        .filter(
            searches__gte=query_privacy.min_searches(),
            search_days__gte=query_privacy.min_days(),
        )
        .exclude(key=query_privacy.WITHHELD)
        .order_by("-searches", "key")[:limit]
    )
    return [
        QueryClicks(row["key"], row["searches"], row["results"], row["clicks"], row["rank_sum"])
        for row in rows
    ]


def clicks_by_rank(days=DEFAULT_PERIOD):
    """[(rank label, results opened at that rank)], ranks 1 to 10 then the rest together."""
    rows = (
        SearchStatistic.objects.filter(day__gte=since(days), kind=StatisticKind.RANK)
        .values("key")
        .annotate(opened=Sum("count"))
    )
    by_rank = {}
    for row in rows:
        rank = int(row["key"]) if row["key"].isdigit() else TOP_RANKS + 1
        bucket = min(rank, TOP_RANKS + 1)
        by_rank[bucket] = by_rank.get(bucket, 0) + row["opened"]
    return sorted(by_rank.items())


def header_suggestions_opened(days=DEFAULT_PERIOD):
    """Suggestions of the header's search box opened over the last `days` days."""
    rows = SearchStatistic.objects.filter(
        day__gte=since(days), kind=StatisticKind.HEADER_SUGGESTION
    )
    return rows.aggregate(opened=Sum("count", default=0))["opened"]


@dataclass(frozen=True)
class SearchMonth:
    month: datetime.date
    searches: int
    without_results: int

    @property
    def rate(self):
        return _ratio(self.without_results, self.searches)


def _by_month(kinds):
    rows = (
        SearchStatistic.objects.filter(kind__in=kinds)
        .annotate(month=TruncMonth("day"))
        .values("month", "kind")
        .annotate(total=Sum("count"))
        .order_by("month")
    )
    months = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        months.setdefault(month, {})[row["kind"]] = row["total"]
    return months


def searches_by_month():
    months = _by_month([StatisticKind.SEARCH, StatisticKind.ZERO])
    return [
        SearchMonth(month, kinds.get(StatisticKind.SEARCH, 0), kinds.get(StatisticKind.ZERO, 0))
        for month, kinds in sorted(months.items())
    ]


@dataclass(frozen=True)
class DeflectionMonth:
    """Request forms of a month: `shown` showed suggestions, `opened` had one opened,
    `filed` were filed after suggestions were shown; the others left (deflected, or gave
    up: the counts cannot tell, and say so in the report)."""

    month: datetime.date
    shown: int
    opened: int
    filed: int
    filed_opened: int

    @property
    def left(self):
        return max(0, self.shown - self.filed)

    @property
    def rate(self):
        """The deflection rate: forms that showed suggestions and were not filed."""
        return _ratio(self.left, self.shown)


def deflection_by_month():
    months = _by_month(
        [
            StatisticKind.FORM_SHOWN,
            StatisticKind.FORM_OPENED,
            StatisticKind.FILED_SHOWN,
            StatisticKind.FILED_OPENED,
        ]
    )
    return [
        DeflectionMonth(
            month,
            kinds.get(StatisticKind.FORM_SHOWN, 0),
            kinds.get(StatisticKind.FORM_OPENED, 0),
            kinds.get(StatisticKind.FILED_SHOWN, 0),
            kinds.get(StatisticKind.FILED_OPENED, 0),
        )
        for month, kinds in sorted(months.items())
    ]
