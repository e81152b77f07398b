"""The admin reports of search: searches that found nothing (the guidance gaps to write
next), click-through by query, and the request form's suggestions (deflection)."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from web import charts
from web.admin_lists import CalendarDateColumn

from . import query_privacy, reports, statistics
from .models import ZeroResultQuery


class ZeroResultReportView(ReportView):
    page_title = _("Searches without results")
    header_icon = "search"
    index_url_name = "search_zero_results"
    index_results_url_name = "search_zero_results_results"
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    list_export = ["query", "count", "first_seen", "last_seen"]
    # "Search" would read "Rechercher", a button's verb: the column holds the terms.
    export_headings = {"query": _("Search term"), "count": _("Times")}
    columns = [
        Column("query", label=_("Search term")),
        Column("count", label=_("Times"), sort_key="count"),
        CalendarDateColumn("first_seen", label=_("First searched")),
        CalendarDateColumn("last_seen", label=_("Last searched"), sort_key="last_seen"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("search.view_zeroresultquery"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return ZeroResultQuery.objects.shown().order_by("-last_seen")


def _month_label(month):
    return date_format(month, "F Y")


def _percent(value):
    return "" if value is None else charts.format_value(value, percent=True)


def _decimal(value):
    return "" if value is None else charts.format_value(value, decimals=1)


def _zero_results_chart():
    months = reports.searches_by_month()
    return charts.bar_chart(
        "zero-results-per-month",
        _("Searches without results per month"),
        _("Number of searches that found nothing, month by month, on the search page and API."),
        [(_month_label(month.month), month.without_results) for month in months],
        _("Month"),
        _("Searches without results"),
    )


class ZeroResultChartReportView(ZeroResultReportView):
    """The report of searches without results, with their number per month above the list."""

    template_name = "search/admin/zero_results.html"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not self.results_only:
            statistics.flush()
            context["chart"] = _zero_results_chart()
            context["min_searches"] = query_privacy.min_searches()
            context["two_days"] = query_privacy.two_days()
        return context


class StatisticsReportView(WagtailAdminTemplateMixin, TemplateView):
    """A report of the search statistics: a chart, a table, a CSV of the same figures.

    Editors and coordinators (search.view_searchstatistic). This process's counts are
    written first, so that what was just counted shows."""

    header_icon = "search"
    export_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("search.view_searchstatistic"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        statistics.flush()
        if request.GET.get("export") == "csv":
            return self.csv_response()
        return super().get(request, *args, **kwargs)

    def csv_response(self):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.export_name}.csv"'
        writer = csv.writer(response)
        headings, rows = self.export_rows()
        writer.writerow([str(heading) for heading in headings])
        writer.writerows(rows)
        return response


class ClickThroughReportView(StatisticsReportView):
    template_name = "search/admin/click_through.html"
    page_title = _("Search click-through")
    export_name = "search-click-through"

    @cached_property
    def days(self):
        try:
            days = int(self.request.GET.get("days", reports.DEFAULT_PERIOD))
        except ValueError:
            return reports.DEFAULT_PERIOD
        return days if days in reports.PERIODS else reports.DEFAULT_PERIOD

    def export_rows(self):
        headings = [
            _("Search term"),
            _("Searches"),
            _("Mean results"),
            _("Results opened"),
            _("Click-through rate"),
            _("Mean rank opened"),
        ]
        rows = [
            [
                line.query,
                line.searches,
                "" if line.mean_results is None else f"{line.mean_results:.1f}",
                line.clicks,
                "" if line.rate is None else f"{line.rate:.3f}",
                "" if line.mean_rank is None else f"{line.mean_rank:.1f}",
            ]
            for line in reports.click_through_by_query(self.days)
        ]
        return headings, rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lines = reports.click_through_by_query(self.days)
        ranks = reports.clicks_by_rank(self.days)
        beyond = _("%(rank)s and beyond") % {"rank": reports.TOP_RANKS + 1}
        context.update(
            days=self.days,
            periods=reports.PERIODS,
            min_searches=query_privacy.min_searches(),
            two_days=query_privacy.two_days(),
            header_suggestions=reports.header_suggestions_opened(self.days),
            lines=[
                (line, _decimal(line.mean_results), _percent(line.rate), _decimal(line.mean_rank))
                for line in lines
            ],
            charts=[
                charts.bar_chart(
                    "top-queries",
                    _("Most searched terms"),
                    _("Number of searches for the ten most searched terms of the period."),
                    [(line.query, line.searches) for line in lines[:10]],
                    _("Search term"),
                    _("Searches"),
                ),
                charts.bar_chart(
                    "clicks-by-rank",
                    _("Results opened by rank"),
                    _(
                        "How many results were opened at each rank of the search page "
                        "(1 is the first result) over the period."
                    ),
                    [
                        (str(rank) if rank <= reports.TOP_RANKS else beyond, opened)
                        for rank, opened in ranks
                    ],
                    _("Rank"),
                    _("Results opened"),
                ),
            ],
        )
        return context


class DeflectionReportView(StatisticsReportView):
    template_name = "search/admin/deflection.html"
    page_title = _("Suggestions on the request form")
    export_name = "request-form-deflection"

    def export_rows(self):
        headings = [
            _("Month"),
            _("Forms showing suggestions"),
            _("Forms where a suggestion was opened"),
            _("Filed after suggestions"),
            _("Left without filing"),
            _("Deflection rate"),
        ]
        rows = [
            [
                month.month.strftime("%Y-%m"),
                month.shown,
                month.opened,
                month.filed,
                month.left,
                "" if month.rate is None else f"{month.rate:.3f}",
            ]
            for month in reports.deflection_by_month()
        ]
        return headings, rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        months = reports.deflection_by_month()
        context.update(
            months=[(month, _month_label(month.month), _percent(month.rate)) for month in months],
            chart=charts.bar_chart(
                "deflection-per-month",
                _("Deflection rate per month"),
                _(
                    "Share of the request forms that showed suggestions and were not filed, "
                    "month by month."
                ),
                [(_month_label(month.month), month.rate) for month in months],
                _("Month"),
                _("Deflection rate"),
                percent=True,
            ),
        )
        return context
