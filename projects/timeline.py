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


def actor_for_team(event, team_ids):
    """Who took a step, as the project's team reads it (its pages, the API, the export):
    a teammate by name, the Commission as "Commission 15", anyone else unnamed."""
    from django.utils.translation import gettext as _

    from .models.events import COMMISSION_ACTIONS

    if event.action in COMMISSION_ACTIONS:
        return _("Commission 15")
    if event.actor_id is not None and event.actor_id in team_ids:
        return event.actor.get_full_name() or _("A member of the team (no name given)")
    return _("A former member of the team") if event.actor_id is None else _("The programme")
