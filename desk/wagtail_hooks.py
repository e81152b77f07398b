"""The request desk in the Wagtail admin: audit-log actions, queues, routing rules, and the
report by expert body and month (votes on their pages, ratings of their answers)."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from web.admin_reports import report_urls

from .admin_views import RequestPermissionPolicy
from .models import HowToRequest, RequestLogEntry
from .models.events import Action
from .permissions import is_coordinator, is_staff_member
from .queues import counts_for
from .ratings import may_read as may_read_ratings
from .report_views import BodyMonthReportView
from .viewsets import DeskViewSetGroup


@hooks.register("register_log_actions")
def register_desk_log_actions(actions):
    # Requests are logged apart, visible only to whoever may see the request.
    actions.register_model(HowToRequest, RequestLogEntry)
    for action in Action:
        actions.register_action(f"desk.{action.value}", action.label, action.label)


register_permission_policy(HowToRequest, RequestPermissionPolicy(HowToRequest))


@hooks.register("register_admin_viewset")
def register_desk_viewsets():
    return DeskViewSetGroup()


class QueuePanel(Component):
    name = "desk_queues"
    order = 50
    template_name = "desk/admin/queue_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        # Each count links to the queue filtered by the same condition (`desk.queues`).
        index = reverse("desk_admin:index")
        return {
            "counts": [
                (key, label, count, f"{index}?{urlencode({'queue': key})}")
                for key, label, count in counts_for(self.user)
            ],
            "coordinator": is_coordinator(self.user),
        }


@hooks.register("construct_homepage_panels")
def add_queue_panel(request, panels):
    if is_staff_member(request.user):
        panels.append(QueuePanel(request.user))


class BodyMonthReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_ratings(request.user)


@hooks.register("register_admin_urls")
def register_body_month_report():
    return report_urls("reports/expert-bodies-by-month/", BodyMonthReportView)


@hooks.register("register_reports_menu_item")
def register_body_month_report_menu_item():
    return BodyMonthReportMenuItem(
        _("Expert bodies by month"),
        reverse("desk_body_month_report"),
        icon_name="group",
        order=720,
    )
