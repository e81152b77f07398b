"""What a staff member is told once a step is taken in the admin, and where they land;
the words of the step forms' buttons; the hand-over's choices and its record; how the
holder is told who acts (an expert's body, the TRI team) and that their answer is ready."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from desk import steps
from desk.models import HowToRequest, RequestEvent
from desk.states import Status
from knowledge.models import RoadmapAction

pytestmark = pytest.mark.django_db


def inspect_url(how_to_request):
    return reverse("desk_admin:inspect", args=[how_to_request.pk])


def step_url(how_to_request, name):
    return reverse("desk_admin:step", args=[how_to_request.pk, name])


@pytest.fixture(autouse=True)
def english(client, settings):
    """The UI in English (the admin's follows the person's profile, the site a cookie):
    the assertions read the English texts, whatever the French translation says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def login(client, user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)


def told(response):
    return [str(message.message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def routed(filed, coordinator, body):
    steps.route(filed, coordinator, [body])
    return filed


@pytest.fixture
def in_progress(routed, expert):
    steps.claim(routed, expert)
    return routed


@pytest.fixture
def in_review(in_progress, expert):
    steps.write_answer(in_progress, expert, "Une réponse à relire.", review=True)
    return in_progress


@pytest.fixture
def earlier(holder, request_data):
    return steps.file_request(holder, request_data(title="Une demande plus ancienne"))


@pytest.fixture
def roadmap_action(db):
    return RoadmapAction.objects.create(title="Réseaux de chaleur", commitment="…", sort_order=1)


# (fixture of the request, who takes the step, step, form data, message told)
STEPS_TAKEN = [
    ("filed", "coordinator", "route", lambda c: {"route-bodies": [c["body"].pk]}, "Routed to PM."),
    (
        "filed",
        "coordinator",
        "ask_clarification",
        lambda c: {"ask_clarification-comment": "Quel territoire ?"},
        "Question sent to the holder.",
    ),
    (
        "filed",
        "coordinator",
        "common_law",
        lambda c: {"common_law-comment": "Le dispositif régional X."},
        "Answer sent to the holder; the request is closed.",
    ),
    (
        "filed",
        "coordinator",
        "duplicate",
        lambda c: {"duplicate-original": c["earlier"].reference},
        "Merged into {earlier}; both holders are told.",
    ),
    ("routed", "expert", "claim", lambda c: {}, "You are in charge of the request."),
    (
        "in_progress",
        "expert",
        "answer",
        lambda c: {"answer-comment": "Voici la réponse."},
        "Answer sent to the holder.",
    ),
    (
        "in_progress",
        "expert",
        "ask_holder",
        lambda c: {"ask_holder-comment": "Combien de bornes ?"},
        "Question sent to the holder.",
    ),
    (
        "routed",
        "coordinator",
        "hand_over",
        lambda c: {"hand_over-body": c["other_body"].pk, "hand_over-comment": "Énergie"},
        "Handed over to AE.",
    ),
    (
        "in_review",
        "coordinator",
        "approve_answer",
        lambda c: {},
        "Answer approved and sent to the holder.",
    ),
    (
        "in_review",
        "coordinator",
        "return_answer",
        lambda c: {"return_answer-comment": "Citez la source."},
        "Answer sent back to the expert.",
    ),
    ("in_progress", "expert", "note", lambda c: {"note-comment": "À voir."}, "Note added."),
    (
        "routed",
        "coordinator",
        "link_roadmap_actions",
        lambda c: {"link_roadmap_actions-roadmap_actions": [c["roadmap_action"].pk]},
        "Roadmap actions saved.",
    ),
]


@pytest.mark.parametrize(
    "state, taker, name, data, message", STEPS_TAKEN, ids=[row[2] for row in STEPS_TAKEN]
)
def test_each_step_redirects_to_the_request_page_saying_what_happened(
    client, request, state, taker, name, data, message, other_body, earlier, roadmap_action
):
    how_to_request = request.getfixturevalue(state)
    values = {
        "body": request.getfixturevalue("body"),
        "other_body": other_body,
        "earlier": earlier,
        "roadmap_action": roadmap_action,
    }
    login(client, request.getfixturevalue(taker))
    response = client.post(step_url(how_to_request, name), data(values))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response.url == inspect_url(how_to_request)  # not the step's own address
    assert told(response) == [message.format(earlier=earlier.reference)]
    page = client.get(response.url)
    assert page.status_code == 200 and 'lang="en"' in page.content.decode()
    assert message.format(earlier=earlier.reference) in page.content.decode()


def test_an_answer_under_review_says_where_it_went(client, in_progress, expert, settings):
    settings.DESK_REVIEW_ANSWERS = True
    login(client, expert)
    response = client.post(step_url(in_progress, "answer"), {"answer-comment": "Relisez-moi."})
    assert response.url == inspect_url(in_progress)
    assert told(response) == ["Answer sent to the coordinators for review."]


def test_no_step_says_done_with_its_name():
    for declared in steps.STAFF_STEPS:
        event = RequestEvent(action=declared.action, details={"reference": "D-1"})
        how_to_request = HowToRequest(status=Status.ANSWERED)
        if declared.name == "route":
            continue  # names the bodies routed to: covered above
        text = str(declared.done_text(how_to_request, event))
        assert text and "Done" not in text and str(declared.label) not in text, declared.name


def test_the_expert_who_hands_over_lands_on_their_queue_with_the_message(
    client, routed, expert, other_body
):
    login(client, expert)
    response = client.post(
        step_url(routed, "hand_over"),
        {"hand_over-body": other_body.pk, "hand_over-comment": "Relève de l'énergie"},
    )
    assert response.status_code == 302
    assert response.url == reverse("desk_admin:index")  # they no longer see the request
    assert told(response) == ["Handed over to AE. The request has left your queue."]
    landing = client.get(response.url)
    assert landing.status_code == 200
    assert "Handed over to AE. The request has left your queue." in landing.content.decode()
    assert client.get(inspect_url(routed)).status_code == 404  # indeed gone from their sight


def test_a_refused_step_keeps_what_was_typed(client, routed, expert):
    login(client, expert)
    # Own body: not offered, and refused if sent all the same.
    response = client.post(
        step_url(routed, "hand_over"),
        {"hand_over-body": routed.bodies.get().pk, "hand_over-comment": "Raison gardée"},
    )
    assert response.status_code == 400
    assert "Raison gardée" in response.content.decode()
    routed.refresh_from_db()
    assert routed.status == Status.ROUTED and list(routed.bodies.all())


# --------------------------------------------------------------------------------------
# Buttons name the act
# --------------------------------------------------------------------------------------


def test_buttons_say_what_they_do(client, in_progress, expert):
    login(client, expert)
    html = client.get(inspect_url(in_progress)).content.decode()
    assert ">Send the answer</button>" in html
    assert ">Write the answer</button>" not in html
    assert ">Send the question</button>" in html
    assert ">Hand over</button>" in html and ">Add the note</button>" in html


# --------------------------------------------------------------------------------------
# Hand-over: to another body, recorded with its name
# --------------------------------------------------------------------------------------


def body_options(form):
    return set(form.fields["body"].queryset)


def test_the_hand_over_does_not_offer_the_experts_own_body(
    routed, expert, coordinator, body, other_body
):
    third = type(body).objects.create(name="Troisième pôle", slug="troisieme", kind="other")
    assert body_options(steps.hand_over.form(routed, user=expert)) == {other_body, third}
    # A coordinator: not the request's only body either (it is already there)...
    assert body_options(steps.hand_over.form(routed, user=coordinator)) == {other_body, third}
    # ...but of two bodies, one may take it alone.
    routed.bodies.set([body, other_body])
    assert body_options(steps.hand_over.form(routed, user=coordinator)) == {
        body,
        other_body,
        third,
    }
    # The step itself refuses it, whatever sends it (the API, a stale page).
    with pytest.raises(steps.TransitionError):
        steps.hand_over(routed, expert, body, "À moi-même")


def test_the_timeline_says_to_which_body(client, routed, expert, holder, other_body):
    steps.hand_over(routed, expert, other_body, "Relève de l'énergie")
    event = routed.events.get(action="hand_over")
    assert event.details["to_body"] == other_body.pk and event.details["to_body_name"] == "AE"
    assert event.headline == "Handed over to AE"
    login(client, holder)
    assert "Handed over to AE" in client.get(routed.get_absolute_url()).content.decode()


def test_the_admin_timeline_says_to_which_body(client, routed, expert, coordinator, other_body):
    steps.hand_over(routed, expert, other_body, "Relève de l'énergie")
    login(client, coordinator)
    assert "Handed over to AE" in client.get(inspect_url(routed)).content.decode()


# --------------------------------------------------------------------------------------
# The holder is told who acts: an expert's body, a coordinator's TRI team
# --------------------------------------------------------------------------------------


def holder_page(client, holder, how_to_request):
    login(client, holder)
    return client.get(how_to_request.get_absolute_url()).content.decode()


def test_the_holder_sees_the_experts_body(client, routed, holder, expert, coordinator):
    type(expert).objects.filter(pk=expert.pk).update(first_name="Claire", last_name="Durand")
    type(coordinator).objects.filter(pk=coordinator.pk).update(first_name="Camille")
    expert.refresh_from_db()
    steps.claim(routed, expert)
    html = holder_page(client, holder, routed)
    assert 'lang="en"' in html
    assert "Claire, PM" in html
    assert "Camille, TRI team" in html  # the coordinator routed it
    assert "Durand" not in html and "Claire, TRI team" not in html

    response = client.get(f"/api/v1/requests/{routed.public_id}")
    actors = {event["action"]: event["actor"] for event in response.json()["events"]}
    assert actors["claim"] == "Claire, PM" and actors["route"] == "Camille, TRI team"


def test_an_expert_without_a_first_name_is_their_body(client, routed, holder, expert):
    steps.claim(routed, expert)
    assert "· PM</p>" in holder_page(client, holder, routed)


def test_naming_the_actors_does_not_query_per_event(client, in_progress, holder, expert):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        client.get(in_progress.get_absolute_url())  # warm caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(in_progress.get_absolute_url()).status_code == 200
        return len(captured)

    login(client, holder)
    few = count()
    for turn in range(3):
        steps.ask_holder(in_progress, expert, f"Question {turn}")
        steps.reply(in_progress, holder, f"Réponse {turn}")
    assert count() == few


# --------------------------------------------------------------------------------------
# The holder's email when the answer arrives
# --------------------------------------------------------------------------------------


@pytest.fixture
def holder_in_english(holder):
    profile = UserProfile.get_for_user(holder)
    profile.preferred_language = "en"
    profile.save()
    return holder


def holder_mail(holder):
    return [message for message in mail.outbox if message.to == [holder.email]]


def test_the_answer_email_invites_to_accept_or_follow_up(
    in_progress, holder_in_english, expert, committed
):
    type(expert).objects.filter(pk=expert.pk).update(first_name="Claire")
    expert.refresh_from_db()
    mail.outbox.clear()
    with committed():
        steps.write_answer(in_progress, expert, "ANSWER-TEXT", review=False)
    (message,) = holder_mail(holder_in_english)
    assert "Your answer is ready" in message.subject and "Answer written" not in message.subject
    assert "Your answer is ready. (Claire, PM)" in message.body
    assert "ANSWER-TEXT" in message.body
    assert (
        "then accept it, or ask one follow-up question if something is missing: http"
        in message.body
    )
    assert in_progress.get_absolute_url() in message.body
    assert "Answer written" not in message.body


def test_after_a_review_and_a_follow_up_the_email_says_accept(
    in_review, holder_in_english, coordinator, committed
):
    HowToRequest.objects.filter(pk=in_review.pk).update(follow_up_used=True)
    in_review.refresh_from_db()
    mail.outbox.clear()
    with committed():
        steps.approve_answer(in_review, coordinator)
    (message,) = holder_mail(holder_in_english)
    assert "Your answer is ready" in message.subject
    assert "Read it on the request's page and accept it: http" in message.body
    assert "follow-up" not in message.body
    assert "(The TRI team)" in message.body


def test_the_staff_name_is_in_the_holders_language_whatever_the_senders(
    in_review, holder_in_english, coordinator, committed
):
    """The email is rendered in the recipient's language, the name of who acted too: a
    coordinator working in French approves, the English holder reads "The TRI team"."""
    mail.outbox.clear()
    with translation.override("fr"), committed():
        steps.approve_answer(in_review, coordinator)
    (message,) = holder_mail(holder_in_english)
    assert "(The TRI team)" in message.body and "équipe" not in message.body
