"""Side effects of the request desk's steps, hung on its signal, and of its Q&A pages'
publication, hung on Wagtail's."""

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from knowledge.models import QuestionAnswerPage
from projects.signals import project_event_recorded
from web.signals import worker_housekeeping

from . import citations, publication, tasks
from .models.events import Action
from .notifications import queue_notifications, queue_project_notifications
from .signals import request_event_recorded


@receiver(request_event_recorded)
def notify_people_concerned(sender, event, **kwargs):
    """Write the outbox with the step; deliver once the step is committed."""
    if not settings.DESK_NOTIFICATIONS_ENABLED:
        return
    created = queue_notifications(event)
    if created:
        transaction.on_commit(lambda: tasks.enqueue(created))


@receiver(project_event_recorded)
def notify_people_of_project_step(sender, event, **kwargs):
    """The projects' steps use the same outbox."""
    if not settings.DESK_NOTIFICATIONS_ENABLED:
        return
    created = queue_project_notifications(event)
    if created:
        transaction.on_commit(lambda: tasks.enqueue(created))


@receiver(request_event_recorded)
def draft_consented_answer(sender, event, **kwargs):
    """A consented answer accepted: its Q&A page is drafted once the acceptance is
    committed, so that drafting, whatever befalls it, never undoes the acceptance."""
    if event.action == Action.ACCEPT and event.request.consent_to_publish:
        request_id = event.request_id
        transaction.on_commit(lambda: tasks.enqueue_qa_draft(request_id))


@receiver(page_published, sender=QuestionAnswerPage)
def tell_holder_of_published_answer(sender, instance, **kwargs):
    """A Q&A page drafted from a request goes live: its holder is told, once."""
    with transaction.atomic():
        publication.announce_publication(instance)


@receiver(page_published)
def tell_of_cited_page_change(sender, instance, revision=None, **kwargs):
    """A guide or Q&A page republished: the answers citing it hear of a change in its
    content, once (`desk.citations` says what counts, who and until when), from the
    worker once the publication is committed: a much-cited page publishes as fast as
    any other, and nothing there can undo the publication."""
    cited_type = revision is not None and isinstance(instance, citations.CITABLE_TYPES)
    if cited_type and citations.is_cited(instance.pk):
        page_id, revision_id = instance.pk, revision.pk
        transaction.on_commit(lambda: tasks.enqueue_cited_page_change(page_id, revision_id))


@receiver(worker_housekeeping)
def queue_what_the_desk_missed(sender, **kwargs):
    """The worker's rounds: notifications cut off or never queued, and the next daily
    reminders run (its chain breaks if the database is down when one run ends)."""
    tasks.queue_forgotten_notifications()
    tasks.schedule_reminders()


@receiver(worker_housekeeping)
def queue_untold_citations(sender, **kwargs):
    """The worker's rounds: publications the citing answers were not told of (their task
    could not be queued, or was lost), on their own so that the rounds above failing
    never keep them untold."""
    tasks.queue_untold_citations()
