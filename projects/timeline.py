"""Writing a project's history: the one way anything is recorded on a project.

Like the desk's (`desk/timeline.py`): `record_project_event` adds the timeline event,
writes the project's audit log and sends `project_event_recorded` (on which the desk's
outbox queues the emails, in the same transaction). Every step of `projects.steps`
calls it, and so does personal-data erasure.
"""

from wagtail.log_actions import log

from .models import ProjectEvent
from .signals import project_event_recorded


def record_project_event(
    project,
    actor,
    action,
    *,
    evaluation=None,
    comment="",
    internal=False,
    details=None,
    log_user=None,
    log_data=None,
):
    event = ProjectEvent.objects.create(
        project=project,
        evaluation=evaluation,
        actor=actor,
        action=action,
        comment=comment,
        internal=internal,
        details=details or {},
    )
    log(
        instance=project,
        action=f"projects.{action}",
        user=log_user or actor,
        data={
            "event": event.pk,
            **({"evaluation": evaluation.pk} if evaluation is not None else {}),
            **(log_data or {}),
        },
    )
    project_event_recorded.send(sender=ProjectEvent, event=event)
    return event
