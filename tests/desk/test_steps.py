"""The request's life, step by step, through the steps of `desk.steps`."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from desk import steps
from desk.deadlines import add_working_days
from desk.models import Notification, RequestEvent, RequestLogEntry
from desk.states import Status

pytestmark = pytest.mark.django_db


def test_filing_starts_the_qualification_clock_and_tells_coordinators(filed, holder):
    assert filed.status == Status.SUBMITTED
    assert filed.holder == holder
    assert filed.due_date == add_working_days(datetime.date.today(), 5)
    assert [e.action for e in filed.events.all()] == ["submit"]
    assert RequestLogEntry.objects.filter(action="desk.submit", user=holder).exists()
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {"coordinator@example.org"}  # not the holder: it was their step


def test_whole_journey(filed, holder, coordinator, expert, body, rule, settings):
    assert list(steps.proposed_bodies(filed)) == [body]
    steps.route(filed, coordinator, [body], "Pour le pôle mobilité")
    assert filed.status == Status.ROUTED
    assert filed.due_date == add_working_days(datetime.date.today(), 15)

    steps.claim(filed, expert)
    assert filed.assignee == expert and filed.status == Status.IN_PROGRESS

    steps.ask_holder(filed, expert, "Combien de bornes exactement ?")
    assert filed.status == Status.AWAITING_HOLDER
    assert filed.due_date is None and filed.days_left_when_paused == 15

    steps.reply(filed, holder, "Dix bornes.")
    assert filed.status == Status.IN_PROGRESS
    assert filed.due_date == add_working_days(datetime.date.today(), 15)

    steps.add_note(filed, expert, "Voir le programme ADVENIR.")
    steps.write_answer(filed, expert, "Le programme ADVENIR finance ces bornes.")
    assert filed.status == Status.ANSWERED and filed.due_date is None

    steps.accept_answer(filed, holder)
    assert filed.status == Status.ACCEPTED and filed.closed_at

    actions = list(filed.events.values_list("action", flat=True))
    assert actions == [
        "submit",
        "route",
        "claim",
        "ask_holder",
        "holder_reply",
        "note",
        "answer",
        "accept",
    ]


def test_internal_notes_are_never_mailed_to_the_holder(
    filed, holder, coordinator, expert, body, committed
):
    steps.route(filed, coordinator, [body])
    steps.claim(filed, expert)
    mail.outbox.clear()
    with committed():
        steps.add_note(filed, expert, "SECRET-NOTE")
    assert mail.outbox == []


def test_steps_are_guarded_by_role(filed, holder, other_holder, expert, other_expert, body):
    with pytest.raises(PermissionDenied):
        steps.route(filed, expert, [body])
    with pytest.raises(PermissionDenied):
        steps.reply(filed, other_holder, "Je ne suis pas le porteur.")
    with pytest.raises(PermissionDenied):
        steps.claim(filed, other_expert)


def test_steps_are_guarded_by_state(filed, holder, coordinator):
    with pytest.raises(steps.TransitionError):
        steps.accept_answer(filed, holder)
    steps.answer_by_common_law(filed, coordinator, "Voir le dispositif régional X.")
    assert filed.status == Status.COMMON_LAW and filed.is_closed
    with pytest.raises(steps.TransitionError):
        steps.ask_clarification(filed, coordinator, "Trop tard")


def test_clarification_pauses_the_qualification_deadline(filed, holder, coordinator):
    steps.ask_clarification(filed, coordinator, "Quel territoire exactement ?")
    assert filed.status == Status.CLARIFICATION and filed.due_date is None
    steps.reply(filed, holder, "Le Bassin minier.")
    assert filed.status == Status.SUBMITTED
    assert filed.due_date == add_working_days(datetime.date.today(), 5)


def test_duplicate_keeps_both_holders_informed(
    filed, holder, other_holder, coordinator, request_data, committed
):
    later = steps.file_request(other_holder, request_data(title="La même question"))
    mail.outbox.clear()
    with committed():
        steps.mark_duplicate(later, coordinator, filed, "Déjà posée")
    assert later.status == Status.DUPLICATE and later.duplicate_of == filed
    # The duplicate's own step first, then the original hears of it.
    merge_events = RequestEvent.objects.filter(
        action__in=["duplicate", "duplicate_received"]
    ).order_by("pk")
    assert [(e.request_id, e.action) for e in merge_events] == [
        (later.pk, "duplicate"),
        (filed.pk, "duplicate_received"),
    ]
    assert {m.to[0] for m in mail.outbox} == {holder.email, other_holder.email}
    with pytest.raises(steps.TransitionError):
        steps.mark_duplicate(filed, coordinator, later)


def test_hand_over_to_another_body(filed, coordinator, expert, other_expert, body, other_body):
    steps.route(filed, coordinator, [body])
    steps.claim(filed, expert)
    with pytest.raises(steps.TransitionError):
        steps.hand_over(filed, expert, other_body, "  ")
    steps.hand_over(filed, expert, other_body, "Relève de l'énergie")
    assert filed.status == Status.ROUTED and filed.assignee is None
    assert list(filed.bodies.all()) == [other_body]
    steps.claim(filed, other_expert)
    assert filed.assignee == other_expert


def test_one_follow_up_back_to_the_same_expert(filed, holder, coordinator, expert, body):
    steps.route(filed, coordinator, [body])
    steps.claim(filed, expert)
    steps.write_answer(filed, expert, "Première réponse")
    steps.follow_up(filed, holder, "Et pour les communes de moins de 500 habitants ?")
    assert filed.status == Status.IN_PROGRESS and filed.assignee == expert
    steps.write_answer(filed, expert, "Deuxième réponse")
    with pytest.raises(steps.TransitionError):
        steps.follow_up(filed, holder, "Encore une ?")


def test_answer_review_when_configured(
    filed, holder, coordinator, expert, body, settings, committed
):
    settings.DESK_REVIEW_ANSWERS = True
    steps.route(filed, coordinator, [body])
    steps.claim(filed, expert)
    mail.outbox.clear()
    with committed():
        steps.write_answer(filed, expert, "ANSWER-TEXT")
    assert filed.status == Status.ANSWER_REVIEW
    # Coordinators are told (so the mail did go), the holder is not.
    assert coordinator.email in {m.to[0] for m in mail.outbox}
    assert holder.email not in {m.to[0] for m in mail.outbox}
    steps.return_answer(filed, coordinator, "Citer la source")
    assert filed.status == Status.IN_PROGRESS
    steps.write_answer(filed, expert, "ANSWER-TEXT avec source")
    mail.outbox.clear()
    with committed():
        steps.approve_answer(filed, coordinator)
    assert filed.status == Status.ANSWERED
    holder_mail = [m for m in mail.outbox if m.to == [holder.email]]
    assert len(holder_mail) == 1 and "ANSWER-TEXT avec source" in holder_mail[0].body


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_failing_mail_keeps_the_step_and_sends_once_on_retry(
    filed, coordinator, body, expert, settings, committed
):
    settings.EMAIL_BACKEND = "tests.desk.test_steps.FailingBackend"
    with committed():
        steps.route(filed, coordinator, [body], "Pour vous")

    filed.refresh_from_db()
    assert filed.status == Status.ROUTED  # the step stands
    notification = Notification.objects.get(event__action="route", recipient=expert)
    assert notification.state == Notification.State.PENDING
    assert notification.attempts == 1 and "mail server down" in notification.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    later = notification.next_attempt_at + datetime.timedelta(seconds=1)
    from desk.tasks import retry_due_notifications

    assert retry_due_notifications(now=later) >= 1
    assert retry_due_notifications(now=later) == 0  # nothing left: sent once
    to_expert = [m for m in mail.outbox if m.to == [expert.email]]
    assert len(to_expert) == 1
    notification.refresh_from_db()
    assert notification.state == Notification.State.SENT and notification.sent_at


def test_every_step_is_on_the_timeline_with_who_and_when(filed, coordinator, body):
    steps.route(filed, coordinator, [body], "Routage")
    event = RequestEvent.objects.get(request=filed, action="route")
    assert event.actor == coordinator
    assert event.from_status == Status.SUBMITTED and event.to_status == Status.ROUTED
    assert event.comment == "Routage" and event.created_at


def test_emails_follow_each_recipients_language(
    filed, holder, coordinator, body, expert, committed
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(holder)
    profile.preferred_language = "en"
    profile.save()
    mail.outbox.clear()
    with committed():
        steps.route(filed, coordinator, [body], "Pour vous")
    to_holder = next(m for m in mail.outbox if m.to == [holder.email])
    to_expert = next(m for m in mail.outbox if m.to == [expert.email])
    assert "Follow the request" in to_holder.body
    assert filed.get_absolute_url() in to_holder.body
    assert "Suivre la demande" in to_expert.body  # French, the default
    assert f"/admin/requests/inspect/{filed.pk}/" in to_expert.body


def test_a_step_on_a_stale_copy_is_refused_not_written_back(filed, holder, coordinator, body):
    # The holder's page was loaded before a coordinator routed the request: the holder's
    # edit, checked on that old copy, would have written "submitted" back over "routed".
    stale = type(filed).objects.get(pk=filed.pk)
    steps.route(filed, coordinator, [body])
    with pytest.raises(steps.TransitionError):
        steps.edit_request(stale, holder, {"title": "Un titre corrigé trop tard"})
    filed.refresh_from_db()
    assert filed.status == Status.ROUTED and filed.title != "Un titre corrigé trop tard"
    assert stale.status == Status.ROUTED  # read again under the lock
    # A second withdrawal from a stale page is refused the same way.
    other_copy = type(filed).objects.get(pk=filed.pk)
    steps.withdraw(filed, holder, "")
    with pytest.raises(steps.TransitionError):
        steps.withdraw(other_copy, holder, "")
    assert filed.events.filter(action="withdraw").count() == 1


def test_no_merge_into_a_withdrawn_request(filed, holder, coordinator, request_data, committed):
    steps.withdraw(filed, holder, "")
    with committed():
        newer = steps.file_request(holder, request_data(title="La même question"), [])
    with pytest.raises(steps.TransitionError):
        steps.mark_duplicate(newer, coordinator, filed)
    newer.refresh_from_db()
    assert newer.status == Status.SUBMITTED and newer.duplicate_of_id is None


def test_a_coordinator_in_a_body_may_hand_over_to_it(filed, coordinator, body, other_body):
    from desk.permissions import bodies_not_handed_to

    coordinator.groups.add(body.group)
    steps.route(filed, coordinator, [body, other_body])
    assert body.pk not in bodies_not_handed_to(coordinator, filed)
