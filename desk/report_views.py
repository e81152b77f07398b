"""The admin report by expert body and month: the votes on the body's pages and the
holders' ratings of its answers (desk/ratings.py). Coordinators and editors read every
body's; an expert, their own bodies'."""

import datetime

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from feedback import access as vote_access
from feedback import reports as vote_reports
from feedback.models import PageVote
from feedback.views_admin import MONTH_FORMAT
from knowledge.models import ExpertBody

from . import ratings
from .models import RequestEvent

EMPTY = "–"


class BodyMonthFilterSet(WagtailFilterSet):
    month = django_filters.ChoiceFilter(
        label=_("Month"), method="keep_all", empty_label=_("All months")
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Expert body"),
        queryset=ExpertBody.objects.none(),
        method="keep_all",
        empty_label=_("All expert bodies"),
    )

    class Meta:
        model = RequestEvent
        fields = ["month", "body"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        bodies = ratings.readable_bodies(request.user)
        months = set(vote_reports.months_of(vote_access.votes_readable_by(request.user)))
        months |= set(
            ratings.ratings()
            .filter(request__bodies__in=bodies)
            .dates("created_at", "month", order="DESC")
        )
        self.filters["month"].extra["choices"] = [
            (month.strftime(MONTH_FORMAT), date_format(month, "YEAR_MONTH_FORMAT"))
            for month in sorted(months, reverse=True)
        ]
        self.filters["body"].queryset = bodies

    def keep_all(self, queryset, name, value):
        # The rows are counted from these values in `get_filtered_queryset`.
        return queryset


def _or_empty(value, suffix=""):
    return EMPTY if value is None else f"{value}{suffix}"


def _distribution(row):
    return " · ".join(f"{value}★ {row.rated(value)}" for value in ratings.RATINGS)


class BodyMonthReportView(ReportView):
    page_title = _("Expert bodies by month")
    header_icon = "group"
    index_url_name = "desk_body_month_report"
    index_results_url_name = "desk_body_month_report_results"
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    filterset_class = BodyMonthFilterSet
    export_filename = "expert-bodies-by-month"
    list_export = [
        "body",
        "month",
        "yes",
        "no",
        "helpful_share",
        "ratings",
        "mean_rating",
        *[f"rated_{value}" for value in ratings.RATINGS],
    ]

    @property
    def export_headings(self):
        # Built when asked: "Rated %(value)d" is translated in the reader's language.
        return {
            "body": _("Expert body"),
            "month": _("Month"),
            "yes": _("Pages: helpful"),
            "no": _("Pages: not helpful"),
            "helpful_share": _("Pages: share helpful (%)"),
            "ratings": _("Answers rated"),
            "mean_rating": _("Mean rating (out of 5)"),
            **{
                f"rated_{value}": _("Rated %(value)d") % {"value": value}
                for value in ratings.RATINGS
            },
        }

    columns = [
        Column("body", label=_("Expert body")),
        Column(
            "month",
            label=_("Month"),
            accessor=lambda row: date_format(row.month, "YEAR_MONTH_FORMAT"),
        ),
        Column("yes", label=_("Pages: helpful")),
        Column("no", label=_("Pages: not helpful")),
        Column(
            "helpful_share",
            label=_("Share helpful"),
            accessor=lambda row: _or_empty(row.helpful_share, " %"),
        ),
        Column("ratings", label=_("Answers rated")),
        Column(
            "mean_rating",
            label=_("Mean rating"),
            accessor=lambda row: _or_empty(row.mean_rating, " / 5"),
        ),
        Column("distribution", label=_("Ratings 1 to 5"), accessor=_distribution),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not ratings.may_read(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return RequestEvent.objects.none()

    def get_filtered_queryset(self):
        bodies = ratings.readable_bodies(self.request.user)
        month = None
        if self.filters is not None and self.filters.is_valid():
            chosen = self.filters.form.cleaned_data
            if chosen.get("body") is not None:
                bodies = bodies.filter(pk=chosen["body"].pk)
            if chosen.get("month"):
                month = datetime.datetime.strptime(chosen["month"], MONTH_FORMAT).date()
        return ratings.body_month_rows(
            bodies,
            # The bodies are the reader's already: their pages' votes, all of them.
            PageVote.objects.all(),
            ratings.ratings(),
            month=month,
        )

    def to_row_dict(self, item):
        values = {
            "body": item.body,
            "month": item.month.strftime(MONTH_FORMAT),
            "yes": item.yes,
            "no": item.no,
            "helpful_share": item.helpful_share,
            "ratings": item.ratings,
            "mean_rating": item.mean_rating,
            **{f"rated_{value}": item.rated(value) for value in ratings.RATINGS},
        }
        return {name: values[name] for name in self.list_export}
