"""The demo content: built from the seed, idempotent, and every page renders."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, Revision, WorkflowPage

from demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from knowledge.models import (
    ExpertBody,
    GuidePage,
    HomePage,
    Priority,
    RoadmapUpdatePage,
    Territory,
)
from workflows import roles

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "priorities": Priority.objects.count(),
        "territories": Territory.objects.count(),
        "bodies": ExpertBody.objects.count(),
        "groups": Group.objects.count(),
        "users": get_user_model().objects.count(),
        "workflow links": WorkflowPage.objects.count(),
        "latest revision": Revision.objects.order_by("-pk").values_list("pk").first(),
    }


def test_demo_command_is_idempotent(demo):
    before = _snapshot()
    call_command("load_demo", verbosity=0)
    assert _snapshot() == before


def test_demo_keeps_editors_changes(demo):
    guide = GuidePage.objects.order_by("pk").first()
    guide.title = "Titre modifié par un éditeur"
    guide.save_revision().publish()
    call_command("load_demo", verbosity=0)
    guide.refresh_from_db()
    assert guide.title == "Titre modifié par un éditeur"


def test_demo_tells_the_seed_story(demo):
    home = HomePage.objects.get()
    text = str(home.body)
    assert "37" in text and "165" in text  # employment targets
    assert Priority.objects.count() == 3
    assert set(ExpertBody.objects.values_list("kind", flat=True)) >= {
        "agency",
        "cluster",
        "rifkin",
    }
    plenary = RoadmapUpdatePage.objects.order_by("date").first()
    assert "113" in f"{plenary.introduction} {plenary.body}"
    assert GuidePage.objects.live().count() >= 8


def test_demo_accounts_cover_every_role(demo):
    User = get_user_model()
    assert User.objects.filter(is_superuser=True, username="admin").exists()
    for group_name in (roles.EDITORS, roles.REVIEWERS, roles.COORDINATORS):
        assert User.objects.filter(groups__name=group_name).exists(), group_name
    for body in ExpertBody.objects.select_related("group"):
        assert body.group.user_set.exists(), body
    holder = User.objects.get(username="porteur")
    assert not holder.is_staff and not holder.groups.exists()
    assert User.objects.count() == len(DEMO_ACCOUNTS)


def test_demo_holder_signs_in_on_the_public_site_with_their_email(client, demo):
    # As the README says: <account>@example.org, straight to "My requests", no
    # "confirm your email" stop.
    response = client.post(
        reverse("account_login"),
        {"login": "porteur@example.org", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("desk:my_requests")


def test_demo_refuses_public_passwords_outside_development(settings):
    settings.TRIHUB_DEMO_ACCOUNTS_ALLOWED = False
    call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.exists()
    assert GuidePage.objects.exists()


def test_every_demo_page_renders(client, demo):
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    assert len(pages) > 40
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert html.count("<h1") == 1, page.url
        assert '<main id="main"' in html, page.url


def test_demo_routes_render(client, demo):
    from knowledge.models import EventIndexPage, EventPage, RoadmapIndexPage

    roadmap = RoadmapIndexPage.objects.get()
    events = EventIndexPage.objects.get()
    event = EventPage.objects.live().first()
    for url in (
        roadmap.url + roadmap.reverse_subpage("rss"),
        roadmap.url + roadmap.reverse_subpage("atom"),
        events.url + events.reverse_subpage("ical"),
        event.url + event.reverse_subpage("ical"),
        "/sitemap.xml",
    ):
        assert client.get(url).status_code == 200, url


def test_demo_has_requests_in_every_state(demo):
    from desk.models import HowToRequest
    from desk.states import Status

    assert set(HowToRequest.objects.values_list("status", flat=True)) == set(Status)
