from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from web.admin_lists import ListWordingMixin
from web.admin_reports import report_urls

from .models import SynonymGroup
from .views_admin import ClickThroughReportView, DeflectionReportView, ZeroResultChartReportView


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_zeroresultquery")


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_searchstatistic")


@hooks.register("register_admin_urls")
def register_zero_result_report():
    return [
        *report_urls("reports/searches-without-results/", ZeroResultChartReportView),
        path(
            "reports/search-click-through/",
            ClickThroughReportView.as_view(),
            name="search_click_through",
        ),
        path(
            "reports/request-form-suggestions/",
            DeflectionReportView.as_view(),
            name="search_deflection",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_zero_result_menu_item():
    return EditorsMenuItem(
        _("Searches without results"),
        reverse("search_zero_results"),
        icon_name="search",
        order=700,
    )


@hooks.register("register_reports_menu_item")
def register_click_through_menu_item():
    return StatisticsMenuItem(
        _("Search click-through"), reverse("search_click_through"), icon_name="search", order=701
    )


@hooks.register("register_reports_menu_item")
def register_deflection_menu_item():
    return StatisticsMenuItem(
        _("Suggestions on the request form"),
        reverse("search_deflection"),
        icon_name="help",
        order=702,
    )


class SynonymGroupViewSet(ListWordingMixin, SnippetViewSet):
    """The synonym groups, kept by editors and coordinators (their groups' model
    permissions, workflows/roles.py); a change holds from the next search."""

    model = SynonymGroup
    add_item_label = _("Add a synonym group")
    no_results_message = _("No synonym group to show.")
    icon = "search"
    menu_label = _("Search synonyms")
    menu_name = "search-synonyms"
    menu_order = 180
    add_to_admin_menu = True
    list_display = ["terms", "updated_at"]
    search_fields = ["terms"]


register_snippet(SynonymGroupViewSet)
