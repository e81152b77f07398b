from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views_admin import ZeroResultReportView


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_zeroresultquery")


@hooks.register("register_admin_urls")
def register_zero_result_report():
    return [
        path(
            "reports/searches-without-results/",
            ZeroResultReportView.as_view(),
            name="search_zero_results",
        ),
        path(
            "reports/searches-without-results/results/",
            ZeroResultReportView.as_view(results_only=True),
            name="search_zero_results_results",
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
