"""Admin view sets of the request desk, registered in `wagtail_hooks`."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from web.admin_lists import CalendarDateColumn, ListWordingMixin, or_any, yes_or_no

from . import admin_views
from .models import HowToRequest, RoutingRule
from .routing_forms import RoutingRuleFilterSet, RoutingRuleForm


class HowToRequestViewSet(ListWordingMixin, ModelViewSet):
    model = HowToRequest
    name = "desk_admin"
    url_prefix = "requests"
    icon = "help"
    menu_label = _("Requests")
    no_results_message = _("No request to show.")
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = admin_views.RequestIndexView
    inspect_view_class = admin_views.RequestInspectView
    edit_view_class = admin_views.RequestEditView
    history_view_class = admin_views.RequestHistoryView
    filterset_class = admin_views.RequestFilterSet
    search_fields = ["title", "question"]
    search_backend_name = None  # plain database filtering, no index to keep
    list_per_page = 25
    # No `ordering`: the index view orders by the queue's order (`queues.in_queue_order`).
    list_display = [
        TitleColumn("title", label=_("Request"), url_name="desk_admin:inspect"),
        Column("reference", label=_("Reference")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("territory", label=_("Territory")),
        Column("assignee", label=_("Expert in charge")),
        admin_views.DueColumn("due_date", label=_("Due"), sort_key="due_date"),
        CalendarDateColumn("created_at", label=_("Filed"), sort_key="created_at"),
    ]
    # Editing fixes the holder's wording or classification; the state moves by steps.
    form_fields = [
        "title",
        "question",
        "project_description",
        "priorities",
        "territory",
        "stage",
        "partners",
        "funding_sought",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("inspect/<str:pk>/<str:step_name>/", self.inspect_view, name="step"),
        ]


class RoutingRuleViewSet(ListWordingMixin, ModelViewSet):
    model = RoutingRule
    icon = "resubmit"
    menu_label = _("Routing rules")
    add_item_label = _("Add a routing rule")
    no_results_message = _("No routing rule to show.")
    url_prefix = "routing-rules"
    # An empty priority or territory matches any: the list says so.
    list_display = [
        Column("priority", label=_("Priority"), accessor=or_any("priority", _("Any priority"))),
        Column("territory", label=_("Territory"), accessor=or_any("territory", _("Any territory"))),
        Column("body", label=_("Expert body")),
        Column("active", label=_("Active"), accessor=yes_or_no("active")),
    ]
    filterset_class = RoutingRuleFilterSet
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return RoutingRuleForm


class DeskViewSetGroup(ViewSetGroup):
    menu_label = _("Request desk")
    menu_icon = "help"
    menu_order = 150
    items = (HowToRequestViewSet, RoutingRuleViewSet)
