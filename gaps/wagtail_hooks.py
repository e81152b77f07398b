"""The guidance-gap queue in the Wagtail admin: its menu item, its URLs, its log actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .permissions import works_on_gaps

LOG_ACTIONS = {
    "gaps.start_guide": _("Guide started from a guidance gap"),
    "gaps.dismiss": _("Guidance gap dismissed"),
    "gaps.close": _("Guidance gap closed by a published page"),
    "gaps.reopen": _("Guidance gap reopened by new evidence"),
}


@hooks.register("register_log_actions")
def register_gap_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_admin_urls")
def register_gap_urls():
    urls = [
        path("", admin_views.BacklogView.as_view(), name="index"),
        path("<int:pk>/", admin_views.ItemView.as_view(), name="detail"),
        path("<int:pk>/start-guide/", admin_views.StartGuideView.as_view(), name="start_guide"),
        path("<int:pk>/dismiss/", admin_views.DismissView.as_view(), name="dismiss"),
    ]
    return [path("guidance-gaps/", include((urls, "gaps_admin"), namespace="gaps_admin"))]


class GapsMenuItem(MenuItem):
    def is_shown(self, request):
        return works_on_gaps(request.user)


@hooks.register("register_admin_menu_item")
def register_gaps_menu_item():
    return GapsMenuItem(
        _("Guidance gaps"), reverse("gaps_admin:index"), icon_name="help", order=450
    )
