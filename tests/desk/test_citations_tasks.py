"""Citation alerts run in the worker, after the publication's commit, and the worker's
housekeeping catches up on what was never queued (`desk.citations`, `desk.tasks`)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from desk import citations, steps, tasks
from desk.models import AnswerCitation, Notification, RequestEvent
from desk.models.events import Action
from knowledge.models import GuideIndexPage, GuidePage
from tests.desk.citing import alerts, republish
from tests.factories import add_page
from web.signals import worker_housekeeping

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def guide(home):
    guides = add_page(home, GuideIndexPage, title="Modes d'emploi", slug="modes-d-emploi")
    return add_page(guides, GuidePage, title="Le guide cité", audience="Les communes.")


@pytest.fixture
def answered(holder, request_data, coordinator, expert, body, guide, committed):
    with committed():
        request_obj = steps.file_request(holder, request_data())
        steps.route(request_obj, coordinator, [body])
        steps.claim(request_obj, expert)
        steps.write_answer(request_obj, expert, "Voyez le guide.", citations=[guide])
    request_obj.refresh_from_db()
    return request_obj


class RefusingQueue:
    """A task whose queue cannot take it (the database queue away, say)."""

    module_path = tasks.tell_of_cited_page_change.module_path

    def enqueue(self, *args, **kwargs):
        raise RuntimeError("queue refused")


def test_the_publication_only_queues_the_alerts_after_its_commit(
    answered, guide, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            republish(guide, audience="Changé.")
        # Published, committed for the page: nobody compared anything in the request.
        assert not alerts(answered).exists()
    for callback in callbacks:  # the commit
        callback()
    assert alerts(answered).count() == 1


def test_a_page_nobody_cites_queues_nothing(answered, guide, home, settings, committed):
    settings.TASKS = DATABASE_QUEUE
    uncited = add_page(guide.get_parent(), GuidePage, title="Guide que nul ne cite")
    results = DBTaskResult.objects.filter(task_path=tasks.tell_of_cited_page_change.module_path)
    with committed():
        republish(uncited, audience="Changé.")
    assert not results.exists()
    with committed():
        revision = republish(guide, audience="Changé.")
    [queued] = results
    assert queued.args_kwargs["args"] == [guide.pk, revision.pk]


def test_a_task_run_twice_tells_once(answered, guide, holder, expert, committed):
    mail.outbox.clear()
    with committed():
        revision = republish(guide, audience="Changé une fois.")
    assert alerts(answered).count() == 1
    sent = len(mail.outbox)
    assert sent == 2  # the holder and the expert
    # The worker runs it again (a worker stopped after it, the queue delivered twice).
    with committed():
        assert tasks.tell_of_cited_page_change.call(guide.pk, revision.pk) == 0
    assert alerts(answered).count() == 1
    assert Notification.objects.filter(event__action=Action.CITED_PAGE_CHANGED).count() == 2
    assert len(mail.outbox) == sent


def test_the_task_of_a_page_since_republished_or_deleted_does_nothing(
    answered, guide, django_capture_on_commit_callbacks, committed
):
    with django_capture_on_commit_callbacks() as first_callbacks:
        first = republish(guide, audience="Premier.")
    with committed():
        republish(guide, audience="Second.")
    assert alerts(answered).count() == 1  # the second's own task told of it
    [event] = alerts(answered)
    for callback in first_callbacks:  # the first's task, run late
        callback()
    assert citations.tell_of_publication(guide.pk, first.pk) == []
    assert list(alerts(answered)) == [event]
    # A revision of another page, a page gone: nothing.
    assert citations.tell_of_publication(guide.pk + 999, first.pk) == []
    guide.delete()
    assert citations.tell_of_publication(guide.pk, event.details["new_revision"]) == []


def test_a_queue_that_refuses_the_task_never_undoes_the_publication_and_is_caught_up(
    answered, guide, monkeypatch, committed, caplog
):
    with monkeypatch.context() as patched:
        patched.setattr(tasks, "tell_of_cited_page_change", RefusingQueue())
        with committed():
            revision = republish(guide, audience="Publié sans file.")
    guide.refresh_from_db()
    assert guide.live_revision_id == revision.pk
    assert not alerts(answered).exists()
    assert "Could not queue the alerts of cited page" in caplog.text
    assert citations.untold_publications() == [(guide.pk, revision.pk)]

    # The worker's next round queues it (run at once by the tests' queue), once.
    with committed():
        worker_housekeeping.send(sender=None)
    assert alerts(answered).count() == 1
    assert citations.untold_publications() == []
    with committed():
        assert tasks.queue_untold_citations() == 0
    assert alerts(answered).count() == 1


def test_a_republication_without_change_leaves_nothing_to_catch_up(answered, guide, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(tasks, "tell_of_cited_page_change", RefusingQueue())
        revision = republish(guide, seo_title="Pour le SEO seulement")
    assert citations.untold_publications() == [(guide.pk, revision.pk)]
    assert tasks.queue_untold_citations() == 1
    assert not alerts(answered).exists()
    assert AnswerCitation.objects.get().told_revision_id == revision.pk
    assert citations.untold_publications() == []


def test_the_catch_up_leaves_out_pages_no_longer_public_and_closed_windows(
    answered, holder, guide, monkeypatch, committed
):
    with monkeypatch.context() as patched:
        patched.setattr(tasks, "tell_of_cited_page_change", RefusingQueue())
        republish(guide, audience="Changé.")
    restriction = PageViewRestriction.objects.create(
        page=guide, restriction_type=PageViewRestriction.LOGIN
    )
    assert citations.untold_publications() == []
    restriction.delete()
    assert len(citations.untold_publications()) == 1
    # Accepted, and the answer older than the window: nobody is owed anything.
    with committed():
        steps.accept_answer(answered, holder, "Merci")
    RequestEvent.objects.filter(request=answered, action=Action.ANSWER).update(
        created_at=timezone.now() - timedelta(days=7 * 31)
    )
    assert citations.untold_publications() == []


def test_the_catch_up_skips_what_waits_in_the_queue_or_failed(
    answered, guide, monkeypatch, settings
):
    with monkeypatch.context() as patched:
        patched.setattr(tasks, "tell_of_cited_page_change", RefusingQueue())
        revision = republish(guide, audience="Changé.")
    settings.TASKS = DATABASE_QUEUE
    results = DBTaskResult.objects.filter(task_path=tasks.tell_of_cited_page_change.module_path)
    assert tasks.queue_untold_citations() == 1
    [queued] = results
    assert queued.args_kwargs["args"] == [guide.pk, revision.pk]
    assert tasks.queue_untold_citations() == 0  # waiting: not queued twice
    results.update(status="FAILED")
    assert tasks.queue_untold_citations() == 0  # failed for this revision: its traceback says why
    assert results.count() == 1
    assert not alerts(answered).exists()


def test_the_catch_up_costs_one_query_when_all_is_told(
    answered, guide, committed, django_assert_max_num_queries
):
    with committed():
        republish(guide, audience="Changé.")
    with django_assert_max_num_queries(2):  # the view restrictions, the citations
        assert tasks.queue_untold_citations() == 0
