"""The portfolio in the Wagtail admin: its URLs (namespace `portfolio`) and a menu item
shown to coordinators and Commission 15 only."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from .. import permissions
from . import views


class PortfolioMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.sees_portfolio(request.user)


class PortfolioViewSet(ViewSet):
    name = "portfolio"
    url_prefix = "portfolio"
    icon = views.ICON
    menu_label = _("Portfolio")
    menu_order = 250
    add_to_admin_menu = True
    menu_item_class = PortfolioMenuItem

    def get_urlpatterns(self):
        return [
            path("", views.PortfolioIndexView.as_view(), name="index"),
            path(
                "results/",
                views.PortfolioIndexView.as_view(results_only=True),
                name="index_results",
            ),
            path("transversal/", views.TransversalView.as_view(), name="transversal"),
            path("evaluations/", views.EvaluationFiguresView.as_view(), name="evaluations"),
            path("export/<str:export_format>/", views.export_portfolio, name="export"),
            path(
                "export/evaluations/<str:export_format>/",
                views.export_evaluations,
                name="export_evaluations",
            ),
        ]
