"""A consented, accepted answer drafts its Q&A page by itself; the holder hears once it is live.

The draft is made after the acceptance's commit (`desk.receivers`, `desk.tasks`), through
the coordinator's drafting code, and sent to the editorial review; the coordinators are
told, with a link to edit it. A failure never undoes the acceptance: the coordinators are
told to draft by hand, and the manual step stays open. Publishing the page (Wagtail's
`page_published`) tells the holder once, with the page's public address.
"""

import logging

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from desk import notifications, steps, tasks
from desk import publication as desk_publication
from desk.models import HowToRequest, Notification
from desk.models.events import Action
from desk.states import Status
from knowledge.models import QuestionAnswerPage, QuestionIndexPage
from tests.factories import add_page
from web.public_address import public_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings, client):
    """The UI's msgids: pages, the admin and emails in English (the catalogue is French)."""
    settings.LANGUAGE_CODE = "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


LONG_TITLE = (
    "Rénovation énergétique d'un lycée avec des logements de fonction pour les agents de la région"
)


@pytest.fixture
def questions(home, staff_roles):
    return add_page(home, QuestionIndexPage, title="Questions-réponses", slug="qr")


@pytest.fixture
def answered(holder, coordinator, expert, body, request_data, committed):
    """A request answered, ready for the holder to accept (with consent, by default)."""

    def make(**overrides):
        with committed():
            how_to_request = steps.file_request(holder, request_data(**overrides))
            steps.route(how_to_request, coordinator, [body], "")
            steps.claim(how_to_request, expert)
            steps.write_answer(how_to_request, expert, "Le programme ADVENIR finance ces bornes.")
        return how_to_request

    return make


def accept(how_to_request, holder, committed):
    mail.outbox.clear()
    with committed():
        steps.accept_answer(how_to_request, holder, "Merci")
    how_to_request.refresh_from_db()
    return how_to_request


def events_of(how_to_request, action):
    return list(how_to_request.events.filter(action=action))


def publish(page):
    """The editorial review's last approval publishes the latest revision like this."""
    page.refresh_from_db()
    page.get_latest_revision().publish(skip_permission_checks=True)
    page.refresh_from_db()
    return page


# --------------------------------------------------------------------------------------
# Drafted by itself, once
# --------------------------------------------------------------------------------------


def test_an_accepted_consented_answer_drafts_its_page_in_review(
    questions, answered, holder, coordinator, committed
):
    how_to_request = accept(answered(), holder, committed)
    assert how_to_request.status == Status.ACCEPTED
    page = QuestionAnswerPage.objects.child_of(questions).get()
    assert how_to_request.qa_page_id == page.pk
    assert not page.live
    assert "ADVENIR" in page.answer
    # Sent to the editorial review, as a coordinator's draft is.
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    (drafted,) = events_of(how_to_request, Action.QA_DRAFTED)
    assert drafted.actor is None and drafted.details == {"page": page.pk}
    # The manual step is closed: the page exists.
    assert not steps.publish_as_qa.is_open(how_to_request, coordinator)


def test_the_draft_is_made_once_however_often_the_task_runs(questions, answered, holder, committed):
    how_to_request = accept(answered(), holder, committed)
    assert steps.draft_accepted_answer(how_to_request.pk) is None
    with committed():
        tasks.draft_qa_page.enqueue(how_to_request.pk)  # the task again (a retry, say)
    with pytest.raises(steps.TransitionError):
        steps.accept_answer(how_to_request, holder, "Encore merci")  # accepted already
    assert QuestionAnswerPage.objects.child_of(questions).count() == 1
    assert len(events_of(how_to_request, Action.QA_DRAFTED)) == 1


def test_without_consent_nothing_is_drafted(questions, answered, holder, committed):
    how_to_request = accept(answered(consent_to_publish=False), holder, committed)
    assert how_to_request.status == Status.ACCEPTED
    assert how_to_request.qa_page_id is None
    assert not QuestionAnswerPage.objects.exists()
    assert how_to_request.events.filter(action__startswith="qa_").count() == 0
    assert steps.draft_accepted_answer(how_to_request.pk) is None  # and never by a retry
    assert not QuestionAnswerPage.objects.exists()


def test_only_the_desk_takes_its_drafting_step(questions, answered, holder, coordinator):
    how_to_request = answered()
    steps.accept_answer(how_to_request, holder, "")  # not committed: nothing drafted yet
    assert steps.draft_qa_page.is_open(how_to_request, None)
    for person in (coordinator, holder):
        assert not steps.draft_qa_page.is_open(how_to_request, person)
    assert steps.draft_qa_page not in steps.CATALOGUE  # offered by no page nor the API
    assert "draft_qa" not in steps.BY_NAME


# --------------------------------------------------------------------------------------
# The coordinators are told, with a link to edit the draft
# --------------------------------------------------------------------------------------


def test_the_coordinators_are_told_a_draft_waits_with_a_link_to_edit_it(
    client, questions, answered, holder, coordinator, committed
):
    how_to_request = accept(answered(), holder, committed)
    (drafted,) = events_of(how_to_request, Action.QA_DRAFTED)
    told = Notification.objects.filter(event=drafted)
    assert [n.recipient for n in told] == [coordinator]  # not the holder: it is a draft
    edit_path = reverse("wagtailadmin_pages:edit", args=[how_to_request.qa_page_id])
    (email,) = [m for m in mail.outbox if "Q&A page drafted, waiting for review" in m.subject]
    assert email.to == [coordinator.email]
    assert f"Review and edit the draft: {public_url(edit_path)}" in email.body
    # The link works for them: coordinators edit the questions section's drafts.
    client.force_login(coordinator)
    assert client.get(edit_path).status_code == 200


def test_other_staff_do_not_edit_the_draft(
    client, questions, answered, holder, expert, editor, committed
):
    how_to_request = accept(answered(), holder, committed)
    edit_path = reverse("wagtailadmin_pages:edit", args=[how_to_request.qa_page_id])
    client.force_login(expert)
    assert client.get(edit_path).status_code in (302, 403)
    client.force_login(editor)  # the editorial review: editors edit every page
    assert client.get(edit_path).status_code == 200


# --------------------------------------------------------------------------------------
# A failure leaves the acceptance
# --------------------------------------------------------------------------------------


def test_without_a_questions_section_the_acceptance_stands(
    home, staff_roles, answered, holder, coordinator, committed, caplog
):
    with caplog.at_level(logging.ERROR, logger="desk.steps.publication"):
        how_to_request = accept(answered(), holder, committed)
    assert how_to_request.status == Status.ACCEPTED
    assert how_to_request.qa_page_id is None
    assert "Could not draft the Q&A page" in caplog.text
    (failed,) = events_of(how_to_request, Action.QA_DRAFT_FAILED)
    assert failed.internal  # the holder never reads it
    assert "questions" in failed.comment  # why: no questions section (in French, first)
    assert [n.recipient for n in Notification.objects.filter(event=failed)] == [coordinator]
    # A coordinator may still draft by hand, once the section exists.
    assert steps.publish_as_qa.is_open(how_to_request, coordinator)
    # A second run tells nobody again.
    assert steps.draft_accepted_answer(how_to_request.pk) is None
    assert len(events_of(how_to_request, Action.QA_DRAFT_FAILED)) == 1
    add_page(home, QuestionIndexPage, title="Questions-réponses", slug="qr")
    steps.publish_as_qa(
        how_to_request, coordinator, **desk_publication.draft_defaults(how_to_request)
    )
    assert how_to_request.qa_page_id is not None


def test_an_unexpected_error_in_drafting_leaves_the_acceptance(
    questions, answered, holder, committed, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("workflow engine down")

    monkeypatch.setattr("desk.steps.publication.create_draft_page", broken)
    how_to_request = accept(answered(), holder, committed)
    assert how_to_request.status == Status.ACCEPTED
    assert how_to_request.qa_page_id is None
    assert not QuestionAnswerPage.objects.exists()
    assert len(events_of(how_to_request, Action.QA_DRAFT_FAILED)) == 1


# --------------------------------------------------------------------------------------
# Published: the holder is told, once
# --------------------------------------------------------------------------------------


def test_publishing_tells_the_holder_once_with_the_public_link(
    client, questions, answered, holder, committed
):
    how_to_request = accept(answered(), holder, committed)
    page = how_to_request.qa_page.specific
    mail.outbox.clear()
    with committed():
        publish(page)
    (published,) = events_of(how_to_request, Action.QA_PUBLISHED)
    assert not published.internal and published.actor is None
    assert published.details == {"page": page.pk}  # no address: it may hold the title's words
    (email,) = mail.outbox
    assert email.to == [holder.email]
    # In the holder's language (their profile's: French here).
    with translation.override("fr"):
        read = str(_("Read the published page:"))
    assert f"{read} {page.full_url}" in email.body
    # On the holder's timeline, with the link.
    client.force_login(holder)
    detail = client.get(how_to_request.get_absolute_url()).content.decode()
    assert "Q&amp;A page published" in detail
    assert f'<a href="{page.url}">Read the published page</a>' in detail

    # Republished after an edit: nobody is told again.
    mail.outbox.clear()
    page.title = "Financer des bornes de recharge"
    page.save_revision()
    with committed():
        publish(page)
    assert len(events_of(how_to_request, Action.QA_PUBLISHED)) == 1
    assert mail.outbox == []


def test_a_page_drafted_by_hand_tells_the_holder_too(
    questions, answered, holder, coordinator, committed
):
    # Accepted before the desk drafted by itself (no commit seen): the coordinator drafts.
    how_to_request = answered()
    steps.accept_answer(how_to_request, holder, "")
    steps.publish_as_qa(
        how_to_request, coordinator, **desk_publication.draft_defaults(how_to_request)
    )
    mail.outbox.clear()
    with committed():
        publish(how_to_request.qa_page.specific)
    assert len(events_of(how_to_request, Action.QA_PUBLISHED)) == 1
    assert [m.to for m in mail.outbox] == [[holder.email]]


def test_a_page_drafted_from_no_request_tells_nobody(questions, committed):
    page = add_page(
        questions,
        QuestionAnswerPage,
        title="Une question",
        slug="une-question",
        question="<p>Q</p>",
        answer="<p>R</p>",
    )
    mail.outbox.clear()
    with committed():
        publish(page)
    assert mail.outbox == []
    assert not Notification.objects.exists()


# --------------------------------------------------------------------------------------
# The page's address
# --------------------------------------------------------------------------------------


def test_the_slug_keeps_elisions_apart_and_whole_words(questions, answered, holder, committed):
    first = accept(answered(title=LONG_TITLE), holder, committed)
    # Cut at the last whole word under 80 characters, "d'un" as "d-un" (not "dun").
    assert first.qa_page.slug == (
        "renovation-energetique-d-un-lycee-avec-des-logements-de-fonction-pour-les-agents"
    )
    # The same title again: a second address, still of whole words.
    second = accept(answered(title=LONG_TITLE), holder, committed)
    assert second.qa_page.slug == (
        "renovation-energetique-d-un-lycee-avec-des-logements-de-fonction-pour-les-2"
    )


def test_the_email_names_the_page_only_to_whom_it_is_for(
    questions, answered, holder, coordinator, committed
):
    how_to_request = accept(answered(), holder, committed)
    (drafted,) = events_of(how_to_request, Action.QA_DRAFTED)
    assert notifications._page_link(drafted, for_holder=True) is None
    assert notifications._page_link(drafted, for_holder=False).endswith(
        reverse("wagtailadmin_pages:edit", args=[how_to_request.qa_page_id])
    )
    assert HowToRequest.objects.get(pk=how_to_request.pk).qa_page_id
