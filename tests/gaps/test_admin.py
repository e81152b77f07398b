"""The backlog in the admin: who reaches which view (canaries), the actions through the
views, bad input, and the list's queries at two sizes."""

import pytest
from django.test import Client
from django.urls import reverse

from gaps.models import GapItem, Kind, State
from gaps.refresh import refresh
from knowledge.models import GuidePage
from tests.factories import searched_without_results
from workflows import roles

pytestmark = pytest.mark.django_db

CANARY = "canarigap hydrogène"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def item(guides):
    searched_without_results(CANARY)
    refresh()
    return GapItem.objects.get()


@pytest.fixture
def people(holder, other_holder, expert, other_expert, coordinator, editor, make_user):
    return {
        "anonymous": None,
        "holder": holder,
        "other_holder": other_holder,
        "expert_of_the_body": expert,
        "other_expert": other_expert,
        "reviewer": make_user(roles.REVIEWERS, username="reviewer_x", is_staff=True),
        "coordinator": coordinator,
        "editor": editor,
    }


WORKERS = {"coordinator", "editor"}


def urls(item):
    return {
        "index": ("get", reverse("gaps_admin:index")),
        "detail": ("get", reverse("gaps_admin:detail", args=[item.pk])),
        "start_guide": ("post", reverse("gaps_admin:start_guide", args=[item.pk])),
        "dismiss": ("post", reverse("gaps_admin:dismiss", args=[item.pk])),
    }


@pytest.mark.parametrize(
    "person",
    [
        "anonymous",
        "holder",
        "other_holder",
        "expert_of_the_body",
        "other_expert",
        "reviewer",
        "coordinator",
        "editor",
    ],
)
def test_who_reaches_the_backlog(person, people, item):
    client = Client()
    if people[person] is not None:
        client.force_login(people[person])
    for name, (method, url) in urls(item).items():
        if method == "post" and person in WORKERS:
            continue  # the actions are tested below
        response = getattr(client, method)(url, {"reason": "Non"} if method == "post" else {})
        text = response.content.decode()
        if person in WORKERS:
            assert response.status_code == 200, name
            assert CANARY in text, name
        else:
            assert response.status_code in (302, 403), (name, response.status_code)
            assert CANARY not in text, name
    item.refresh_from_db()
    assert item.state == State.OPEN and item.draft_id is None


def test_the_menu_shows_the_backlog_to_editors_and_coordinators_only(people, item):
    client = Client()
    for person in ("editor", "coordinator", "expert_of_the_body", "reviewer"):
        client.force_login(people[person])
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        assert (reverse("gaps_admin:index") in dashboard) is (person in WORKERS), person


def test_a_missing_item_answers_404(editor, item):
    client = Client()
    client.force_login(editor)
    missing = item.pk + 100
    assert client.get(reverse("gaps_admin:detail", args=[missing])).status_code == 404
    assert client.post(reverse("gaps_admin:dismiss", args=[missing])).status_code == 404
    assert client.get(reverse("gaps_admin:start_guide", args=[item.pk])).status_code == 405


def test_an_editor_starts_a_guide_and_lands_in_its_editor(client, editor, item, guides):
    client.force_login(editor)
    detail = client.get(reverse("gaps_admin:detail", args=[item.pk])).content.decode()
    assert "Start a guide from this" in detail
    response = client.post(reverse("gaps_admin:start_guide", args=[item.pk]))
    page = GuidePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    edit = client.get(response["Location"])
    assert edit.status_code == 200
    assert f"/admin/guidance-gaps/{item.pk}/" in edit.content.decode()  # the comment
    item.refresh_from_db()
    assert item.draft_id == page.pk
    detail = client.get(reverse("gaps_admin:detail", args=[item.pk])).content.decode()
    assert "Open the guide started" in detail


def test_a_coordinator_dismisses_but_does_not_write_guides(client, coordinator, item):
    client.force_login(coordinator)
    detail = client.get(reverse("gaps_admin:detail", args=[item.pk])).content.decode()
    assert "Start a guide from this" not in detail
    refused = client.post(reverse("gaps_admin:start_guide", args=[item.pk]))
    assert refused.status_code == 403 and CANARY in refused.content.decode()
    assert not GuidePage.objects.exists()
    done = client.post(reverse("gaps_admin:dismiss", args=[item.pk]), {"reason": "Hors champ"})
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.state == State.DISMISSED and item.state_changed_by == coordinator
    page = client.get(reverse("gaps_admin:detail", args=[item.pk])).content.decode()
    assert "Hors champ" in page and "Start a guide" not in page


def test_a_dismissal_without_reason_answers_400_and_keeps_the_page(client, editor, item):
    client.force_login(editor)
    response = client.post(reverse("gaps_admin:dismiss", args=[item.pk]), {"reason": "  "})
    assert response.status_code == 400
    assert CANARY in response.content.decode()
    too_long = "x" * 1_001
    response = client.post(reverse("gaps_admin:dismiss", args=[item.pk]), {"reason": too_long})
    assert response.status_code == 400 and too_long in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.OPEN


def test_a_bad_dismissal_ties_its_error_to_the_field_and_keeps_what_was_typed(client, editor, item):
    client.force_login(editor)
    typed = "x" * 1_001 + " <canari>"
    response = client.post(reverse("gaps_admin:dismiss", args=[item.pk]), {"reason": typed})
    assert response.status_code == 400
    html = response.content.decode()
    field = html.split("<textarea", 1)[1].split("</textarea>", 1)[0]
    assert 'aria-invalid="true"' in field
    described_by = field.split('aria-describedby="', 1)[1].split('"', 1)[0]
    error = html.split(f'id="{described_by}"', 1)[1].split("</p>", 1)[0]
    assert "at most 1000 characters" in error
    assert "x" * 1_001 + " &lt;canari&gt;" in field  # kept, escaped
    fine = client.get(reverse("gaps_admin:detail", args=[item.pk])).content.decode()
    field = fine.split("<textarea", 1)[1].split("</textarea>", 1)[0]
    assert "aria-invalid" not in field and "aria-describedby" not in field


def test_acting_on_a_dismissed_item_answers_409(client, editor, item):
    client.force_login(editor)
    client.post(reverse("gaps_admin:dismiss", args=[item.pk]), {"reason": "Hors champ"})
    again = client.post(reverse("gaps_admin:dismiss", args=[item.pk]), {"reason": "Encore"})
    assert again.status_code == 409
    assert "Only an open item can be dismissed." in again.content.decode()
    start = client.post(reverse("gaps_admin:start_guide", args=[item.pk]))
    assert start.status_code == 409
    assert not GuidePage.objects.exists()


def test_the_backlog_lists_open_items_first_and_filters(client, editor, item):
    heavy = GapItem.objects.create(
        kind=Kind.SEARCH,
        key="lourd",
        title="Très cherché",
        weight=50,
        state=State.DISMISSED,
        evidence={"searches": 50, "queries": []},
    )
    client.force_login(editor)
    html = client.get(reverse("gaps_admin:index")).content.decode()
    assert html.index(CANARY) < html.index("Très cherché")  # open first, however heavy
    dismissed = client.get(reverse("gaps_admin:index"), {"state": "dismissed"}).content.decode()
    assert "Très cherché" in dismissed and CANARY not in dismissed
    requests = client.get(reverse("gaps_admin:index"), {"kind": "requests"}).content.decode()
    assert CANARY not in requests and heavy.title not in requests
    bad = client.get(reverse("gaps_admin:index"), {"kind": "nonsense"})
    assert bad.status_code == 200  # an unknown filter lists everything


def _items(count):
    GapItem.objects.bulk_create(
        GapItem(
            kind=Kind.SEARCH,
            key=f"terme {number}",
            title=f"terme {number}",
            weight=number,
            evidence={"searches": number, "queries": []},
        )
        for number in range(count)
    )


@pytest.mark.parametrize("count", [3, 40])
def test_the_list_costs_the_same_queries_at_any_size(
    client, editor, count, django_assert_max_num_queries
):
    _items(count)
    client.force_login(editor)
    client.get(reverse("gaps_admin:index"))  # warm the session and permission caches
    with django_assert_max_num_queries(13):  # measured: 13 with 3 items and with 40
        response = client.get(reverse("gaps_admin:index"))
    assert response.status_code == 200


def test_a_long_backlog_is_paged_with_its_filters(client, editor):
    _items(55)
    client.force_login(editor)
    first = client.get(reverse("gaps_admin:index"), {"state": "open"}).content.decode()
    assert "Page 1 of 2" in first and "?state=open&amp;p=2" in first
    second = client.get(reverse("gaps_admin:index"), {"state": "open", "p": 2}).content.decode()
    assert "terme 0" in second and "terme 54" not in second  # the lightest last
