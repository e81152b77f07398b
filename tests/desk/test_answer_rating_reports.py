"""The report by expert body and month: the votes on each body's pages and the ratings of
its answers, counted right, read in full by coordinators and editors, by an expert for
their own bodies only."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from desk import steps
from desk.models import RequestEvent
from desk.models.events import Action
from feedback.models import PageVote
from knowledge.models import GuideIndexPage, GuidePage
from tests.factories import add_page

pytestmark = pytest.mark.django_db

REPORT = "desk_body_month_report"
NOVEMBER = datetime.date(2026, 11, 10)
DECEMBER = datetime.date(2026, 12, 1)


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def rated(holder, request_data, coordinator, body, rating, day, title="Demande notée"):
    """A request routed to `body` whose answer was accepted on `day` with `rating`."""
    request_obj = steps.file_request(holder, request_data(title=title))
    steps.route(request_obj, coordinator, [body])
    return RequestEvent.objects.create(
        request=request_obj,
        action=Action.ACCEPT,
        details={"rating": rating},
        created_at=at(day),
    )


@pytest.fixture
def guides(home):
    return add_page(home, GuideIndexPage, title="Modes d'emploi", slug="modes-d-emploi")


def guide_of(guides, body, title):
    page = add_page(guides, GuidePage, title=title)
    page.expert_bodies.set([body])
    page.save_revision().publish()
    return page


@pytest.fixture
def scene(home, guides, holder, request_data, coordinator, body, other_body):
    ours = guide_of(guides, body, "Guide du pôle")
    theirs = guide_of(guides, other_body, "Guide de l'agence")
    for helpful, day in ((True, NOVEMBER), (False, NOVEMBER), (True, DECEMBER)):
        PageVote.objects.create(page=ours, helpful=helpful, created_on=day)
    PageVote.objects.create(page=theirs, helpful=False, created_on=DECEMBER)
    rated(holder, request_data, coordinator, body, 4, NOVEMBER)
    rated(holder, request_data, coordinator, body, 2, NOVEMBER)
    rated(holder, request_data, coordinator, body, 5, DECEMBER)
    rated(holder, request_data, coordinator, other_body, 1, DECEMBER)
    # An acceptance without a rating counts for nothing.
    unrated = steps.file_request(holder, request_data())
    steps.route(unrated, coordinator, [body])
    RequestEvent.objects.create(request=unrated, action=Action.ACCEPT, created_at=at(DECEMBER))


def exported(client, **filters):
    response = client.get(reverse(REPORT), {**filters, "export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    return {(row[0], row[1]): row[2:] for row in rows[1:]}


# body, month: helpful, not helpful, share helpful, rated, mean, rated 1..5
POLE_NOVEMBER = ["1", "1", "50", "2", "3.0", "0", "1", "0", "1", "0"]
POLE_DECEMBER = ["1", "0", "100", "1", "5.0", "0", "0", "0", "0", "1"]
AGENCY_DECEMBER = ["0", "1", "0", "1", "1.0", "1", "0", "0", "0", "0"]


def test_counts_per_body_and_month(client, scene, coordinator):
    client.force_login(coordinator)
    assert exported(client) == {
        ("Pôle mobilité", "2026-11"): POLE_NOVEMBER,
        ("Agence énergie", "2026-12"): AGENCY_DECEMBER,
        ("Pôle mobilité", "2026-12"): POLE_DECEMBER,
    }


def test_filtered_by_month_and_body(client, scene, coordinator, body):
    client.force_login(coordinator)
    assert exported(client, month="2026-12", body=body.pk) == {
        ("Pôle mobilité", "2026-12"): POLE_DECEMBER
    }
    assert set(exported(client, month="2026-11")) == {("Pôle mobilité", "2026-11")}


@pytest.mark.parametrize(
    "who, bodies",
    [
        ("coordinator", {"Pôle mobilité", "Agence énergie"}),
        ("editor", {"Pôle mobilité", "Agence énergie"}),
        ("expert", {"Pôle mobilité"}),
        ("other_expert", {"Agence énergie"}),
    ],
)
def test_who_reads_which_bodies(client, scene, request, who, bodies, other_body):
    client.force_login(request.getfixturevalue(who))
    assert {name for name, _ in exported(client)} == bodies
    page = client.get(reverse(REPORT)).content.decode()
    assert ("Agence énergie" in page) == ("Agence énergie" in bodies)
    # Filtering by a body one may not read shows none of it.
    assert {name for name, _ in exported(client, body=other_body.pk)} <= bodies


@pytest.mark.parametrize("who", ["anonymous", "holder", "other_holder", "reviewer"])
def test_others_read_no_report(client, scene, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in (reverse(REPORT), reverse(REPORT) + "?export=csv"):
        response = client.get(url)
        assert response.status_code in (302, 403), (url, response.status_code)
        assert b"Agence" not in b"".join(getattr(response, "streaming_content", [b""]))


def test_the_menu_shows_it_to_experts_not_to_reviewers(client, scene, expert, reviewer):
    client.force_login(expert)
    assert reverse(REPORT) in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(reviewer)
    assert reverse(REPORT) not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("count", [2, 12])
def test_the_report_s_queries_do_not_grow(
    client,
    home,
    holder,
    request_data,
    coordinator,
    body,
    other_body,
    count,
    django_assert_max_num_queries,
):
    guides = add_page(home, GuideIndexPage, title="Guides", slug="guides")
    for number in range(count):
        page = guide_of(guides, body if number % 2 else other_body, f"Guide {number}")
        PageVote.objects.create(page=page, helpful=True, created_on=NOVEMBER)
        rated(holder, request_data, coordinator, body, number % 5 + 1, DECEMBER)
    # 17 queries measured (the admin's own, the month choices, the bodies, the votes of
    # guides, of Q&A pages, the ratings): a body, a page or a rating that queries on its
    # own fails it.
    client.force_login(coordinator)
    client.get(reverse(REPORT))  # warm caches (site, permissions)
    with django_assert_max_num_queries(19):
        assert client.get(reverse(REPORT)).status_code == 200


def test_the_report_exports_as_a_spreadsheet_too(client, scene, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse(REPORT), {"export": "xlsx"})
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]


def test_a_request_routed_to_two_bodies_counts_once_for_each(
    holder, request_data, coordinator, body, other_body
):
    from desk.ratings import ratings, ratings_per_body_and_month

    request_obj = steps.file_request(holder, request_data(title="Deux organismes"))
    steps.route(request_obj, coordinator, [body, other_body])
    RequestEvent.objects.create(
        request=request_obj, action=Action.ACCEPT, details={"rating": 3}, created_at=at(DECEMBER)
    )
    counted = ratings_per_body_and_month(ratings(), [body.pk, other_body.pk])
    month = DECEMBER.replace(day=1)
    assert counted[(body.pk, month)]["count"] == 1
    assert counted[(other_body.pk, month)]["count"] == 1
    assert counted[(body.pk, month)]["total"] == 3
