"""What a reviewer is told after acting on a page in a publication workflow.

Wagtail's workflow action view (the dashboard's "Approve" and "Request changes", with or
without a comment) redirects without a message, so an approved page just disappeared
from the reviewer's dashboard. Wagtail has no hook after that view, hence a middleware:
around a POST to it, it reads the task's state again and says what happened, as a
message the next admin page shows. A refused or invalid action changes nothing and says
nothing more than Wagtail does.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState

WORKFLOW_ACTION_VIEWS = {"wagtailadmin_pages:workflow_action"}


def outcome_message(task_state):
    """What happened to the page of `task_state`, once acted on (None: nothing did)."""
    title = task_state.revision.object_str or str(task_state.workflow_state.content_object)
    workflow_state = task_state.workflow_state
    if task_state.status == TaskState.STATUS_APPROVED:
        if workflow_state.status == WorkflowState.STATUS_APPROVED:
            # The last task's approval publishes (workflows/publishing.py).
            return _("“%(title)s” is approved and published.") % {"title": title}
        next_task = workflow_state.current_task_state
        return _("“%(title)s” is approved; it goes on to the next review: %(task)s.") % {
            "title": title,
            "task": next_task.task.name if next_task else "",
        }
    if task_state.status == TaskState.STATUS_REJECTED:
        return _("Changes requested on “%(title)s”: it goes back to its author.") % {"title": title}
    return None


class WorkflowActionFeedbackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        task_state = getattr(request, "_workflow_task_state", None)
        if task_state is not None:
            task_state.refresh_from_db()
            message = outcome_message(task_state)
            if message:
                messages.success(request, message)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Before the workflow action view: the task it acts on, if still in progress."""
        match = request.resolver_match
        if request.method != "POST" or match is None:
            return
        if match.view_name not in WORKFLOW_ACTION_VIEWS:
            return
        task_state = TaskState.objects.filter(pk=view_kwargs.get("task_state_id")).first()
        if task_state is not None and task_state.status == TaskState.STATUS_IN_PROGRESS:
            request._workflow_task_state = task_state
