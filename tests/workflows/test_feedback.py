"""A reviewer's approval or request for changes says what it did (workflows/feedback.py)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from knowledge.models import RoadmapIndexPage, RoadmapUpdatePage
from tests.factories import PASSWORD, add_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings, client):
    """The UI's msgids: pages, the admin and emails in English (the catalogue is French)."""
    settings.LANGUAGE_CODE = "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def submitted_update(home, editor, staff_roles):
    """A roadmap update the editor submitted to Commission 15's review."""
    roadmap = add_page(home, RoadmapIndexPage, title="Feuille de route", slug="feuille")
    update = add_page(
        roadmap, RoadmapUpdatePage, title="Mise à jour", date="2014-01-15", publish=False
    )
    update.get_workflow().start(update, editor)
    return update


def _act(client, user, page, action, comment="OK"):
    assert client.login(email=user.email, password=PASSWORD)
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment, "next": reverse("wagtailadmin_home")})


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_approval_says_the_page_is_published(client, reviewer, submitted_update):
    response = _act(client, reviewer, submitted_update, "approve")

    submitted_update.refresh_from_db()
    assert submitted_update.live
    assert _messages(response) == ["“Mise à jour” is approved and published."]


def test_request_for_changes_says_the_page_goes_back(client, reviewer, submitted_update):
    response = _act(client, reviewer, submitted_update, "reject", comment="Préciser.")

    assert _messages(response) == [
        "Changes requested on “Mise à jour”: it goes back to its author."
    ]


def test_a_refused_action_says_nothing_more(client, editor, submitted_update):
    # The editor may not approve their own submission: Wagtail refuses, nothing happened.
    response = _act(client, editor, submitted_update, "approve")

    submitted_update.refresh_from_db()
    assert not submitted_update.live
    assert not any("approved" in text for text in _messages(response))


def test_the_dashboard_shows_the_message_after_approval(client, reviewer, submitted_update):
    _act(client, reviewer, submitted_update, "approve")

    dashboard = client.get(reverse("wagtailadmin_home"))
    assert "“Mise à jour” is approved and published." in dashboard.content.decode()
