"""The admin report of searches that found nothing: the guidance gaps to write next."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from web.admin_lists import CalendarDateColumn

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
        return ZeroResultQuery.objects.order_by("-last_seen")
