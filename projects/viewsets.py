"""Commission 15's admin menu: the projects to evaluate (a project's page and its steps)
and the evaluation grid's versions, registered in `wagtail_hooks`.

URL names: `projects_admin:queue`, `projects_admin:detail` (args [project.pk]),
`projects_admin:step` (args [project.pk, step name]); `projects_grids:*` (Wagtail's
model views), `projects_grids:new_version` and `projects_grids:put_in_force` (POST,
args [grid.pk]).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from web.admin_lists import CalendarDateColumn, ListWordingMixin, yes_or_no

from . import admin_views, permissions
from .models import EvaluationGrid


class CommissionMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.sees_portfolio(request.user)


class CommissionViewSet(ViewSet):
    name = "projects_admin"
    url_prefix = "commission-15/projects"
    icon = "clipboard-list"
    menu_label = _("Projects to evaluate")
    menu_name = "projects-to-evaluate"

    @property
    def menu_item_class(self):
        return CommissionMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.QueueView.as_view(), name="queue"),
            path("<int:pk>/", admin_views.ProjectView.as_view(), name="detail"),
            path(
                "<int:pk>/<str:step_name>/",
                admin_views.ProjectStepView.as_view(),
                name="step",
            ),
        ]


class EvaluationGridViewSet(ListWordingMixin, ModelViewSet):
    model = EvaluationGrid
    name = "projects_grids"
    url_prefix = "commission-15/grids"
    icon = "list-ol"
    menu_label = _("Evaluation grid")
    add_item_label = _("Add an evaluation grid")
    no_results_message = _("No evaluation grid to show.")
    menu_name = "evaluation-grid"
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_view_class = admin_views.GridEditView
    delete_view_class = admin_views.GridDeleteView
    inspect_view_class = admin_views.GridInspectView
    inspect_template_name = "projects/admin/grid_inspect.html"
    inspect_view_fields = ["version", "title", "introduction", "created_at", "in_force_since"]
    search_fields = None
    ordering = ["-version"]
    list_display = [
        TitleColumn("title", label=_("Title"), url_name="projects_grids:inspect"),
        Column("version", label=_("Version")),
        Column("status_label", label=_("Status")),
        Column("in_use", label=_("Used by an evaluation"), accessor=yes_or_no("in_use")),
        CalendarDateColumn("created_at", label=_("Created")),
    ]
    panels = [
        FieldPanel("title"),
        FieldPanel("introduction"),
        InlinePanel(
            "criteria",
            label=_("Criteria"),
            min_num=1,
            panels=[FieldPanel("name"), FieldPanel("guiding_questions"), FieldPanel("scale")],
        ),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "new-version/<str:pk>/",
                admin_views.GridNewVersionView.as_view(),
                name="new_version",
            ),
            path(
                "put-in-force/<str:pk>/",
                admin_views.GridPutInForceView.as_view(),
                name="put_in_force",
            ),
        ]


class CommissionViewSetGroup(ViewSetGroup):
    menu_label = _("Commission 15")
    menu_icon = "clipboard-list"
    menu_name = "commission-15"
    menu_order = 160
    items = (CommissionViewSet, EvaluationGridViewSet)
