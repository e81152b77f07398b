"""Side effects of the projects' steps, hung on their signal: the showcase page is
written (or taken down) by a task once the step is committed."""

import logging

from django.db import transaction
from django.dispatch import receiver

from .models.events import ProjectAction
from .signals import project_event_recorded

logger = logging.getLogger(__name__)

# The steps that change what the showcase shows (submitting and withdrawing an
# evaluation change the project's public status).
SHOWCASE_ACTIONS = frozenset(
    {
        ProjectAction.UPDATE,
        ProjectAction.SHOWCASE,
        ProjectAction.HIDE,
        ProjectAction.SUBMIT,
        ProjectAction.WITHDRAW,
        ProjectAction.DECIDE,
    }
)


@receiver(project_event_recorded)
def refresh_showcase(sender, event, **kwargs):
    if event.action not in SHOWCASE_ACTIONS:
        return
    from .tasks import sync_showcase_task

    project_id = event.project_id

    def enqueue():
        try:
            sync_showcase_task.enqueue(project_id)
        except Exception:  # the step stands; `sync_showcase --all` catches up
            logger.exception("Could not queue the showcase of project %s", project_id)

    transaction.on_commit(enqueue)
