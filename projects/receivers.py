"""Side effects of the projects' steps, hung on their signal: the showcase page is
written (or taken down) by a task once the step is committed."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Project
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


@receiver(post_delete, sender=Project)
def take_down_deleted_project(sender, instance, **kwargs):
    """A deleted project leaves nothing on the showcase: no task could find it later."""
    if instance.showcase_page_id:
        from .showcase import take_down_page

        take_down_page(instance.showcase_page_id)
