"""Projects in the Wagtail admin: the projects' own audit log and its actions;
Commission 15's menu (projects to evaluate, the evaluation grid) and dashboard panel;
showcase pages kept out of the page editor."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from knowledge.models import ProjectPage

from . import permissions
from .admin_views import GridPermissionPolicy, queue
from .models import EvaluationGrid, Project, ProjectLogEntry
from .models.events import ProjectAction
from .portfolio.viewset import PortfolioViewSet
from .viewsets import CommissionViewSetGroup


@hooks.register("register_log_actions")
def register_project_log_actions(actions):
    # Projects are logged apart, visible only to whoever sees the portfolio.
    actions.register_model(Project, ProjectLogEntry)
    for action in ProjectAction:
        actions.register_action(f"projects.{action.value}", action.label, action.label)


register_permission_policy(EvaluationGrid, GridPermissionPolicy(EvaluationGrid))


@hooks.register("register_admin_viewset")
def register_commission_viewsets():
    return CommissionViewSetGroup()


class CommissionPanel(Component):
    """The dashboard's Commission 15 panel: the projects awaiting this evaluator's
    scores, and those still needing evaluators."""

    name = "commission_15"
    order = 60
    template_name = "projects/admin/dashboard_panel.html"
    LISTED = 5

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        mine = queue(self.user, "mine") if permissions.is_evaluator(self.user) else None
        unstaffed = queue(self.user, "unstaffed")
        return {
            "mine": list(mine[: self.LISTED]) if mine is not None else None,
            "mine_count": mine.count() if mine is not None else 0,
            "unstaffed": list(unstaffed[: self.LISTED]),
            "unstaffed_count": unstaffed.count(),
        }


@hooks.register("construct_homepage_panels")
def add_commission_panel(request, panels):
    if permissions.sees_portfolio(request.user):
        panels.append(CommissionPanel(request.user))


@hooks.register("register_admin_viewset")
def register_portfolio_viewset():
    return PortfolioViewSet()


def _written_from_the_project(request, page):
    """A showcase page is written from its project (`projects/showcase.py`): an edit in
    the page editor would be overwritten by the next step, and a deleted page made again.
    The editor is sent to what to change instead."""
    project = Project.objects.filter(showcase_page=page.pk).first()
    if project is None:
        return None  # a page its project no longer writes (deleted): an ordinary page
    messages.warning(
        request,
        _(
            "This page is written from its project, by the programme: its team edits the "
            "project in “My projects”, and takes it off the showcase there."
        ),
    )
    if permissions.portfolio_projects(request.user).filter(pk=project.pk).exists():
        return redirect("projects_admin:detail", project.pk)
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("before_edit_page")
def project_pages_are_not_edited_by_hand(request, page):
    if page.specific_class is ProjectPage:
        return _written_from_the_project(request, page)
    return None


@hooks.register("before_delete_page")
def project_pages_are_not_deleted_by_hand(request, page):
    if page.specific_class is ProjectPage:
        return _written_from_the_project(request, page)
    return None
