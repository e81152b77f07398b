"""Projects in the Wagtail admin: the projects' own audit log and its actions."""

from wagtail import hooks

from .models import Project, ProjectLogEntry
from .models.events import ProjectAction


@hooks.register("register_log_actions")
def register_project_log_actions(actions):
    # Projects are logged apart, visible only to whoever sees the portfolio.
    actions.register_model(Project, ProjectLogEntry)
    for action in ProjectAction:
        actions.register_action(f"projects.{action.value}", action.label, action.label)
