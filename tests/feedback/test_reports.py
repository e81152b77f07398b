"""The reports of the votes: counted right per page and month, filtered by body, read by
editors and coordinators in full and by an expert for their own bodies' pages only."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from feedback.models import PageVote
from knowledge.models import GuidePage
from tests.factories import add_page

pytestmark = pytest.mark.django_db

NOVEMBER = datetime.date(2026, 11, 10)
DECEMBER = datetime.date(2026, 12, 1)
CANARY_OURS = "CANARY-VOTE-OURS-31f"
CANARY_THEIRS = "CANARY-VOTE-THEIRS-8c2"
REPORT = "feedback_page_votes"


def vote(page, helpful, day, comment=""):
    return PageVote.objects.create(page=page, helpful=helpful, created_on=day, comment=comment)


@pytest.fixture
def scene(guides, qa_page, body, other_body):
    ours = add_page(guides, GuidePage, title="Guide du pôle mobilité")
    ours.expert_bodies.set([body])
    ours.save_revision().publish()
    theirs = add_page(guides, GuidePage, title="Guide de l'agence énergie")
    theirs.expert_bodies.set([other_body])
    theirs.save_revision().publish()
    qa_page.expert_bodies.set([body])
    qa_page.save_revision().publish()
    vote(ours, True, NOVEMBER)
    vote(ours, True, NOVEMBER)
    vote(ours, False, DECEMBER, CANARY_OURS)
    vote(theirs, False, DECEMBER, CANARY_THEIRS)
    vote(qa_page, True, DECEMBER)
    return ours, theirs, qa_page


def exported(client, **filters):
    response = client.get(reverse(REPORT), {**filters, "export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    return {row[0]: row[1:] for row in rows[1:]}


def test_counts_per_page(client, scene, coordinator):
    client.force_login(coordinator)
    rows = exported(client)
    assert rows == {
        "Guide du pôle mobilité": ["2", "1", "67", "1", "2026-12-01"],
        "Guide de l'agence énergie": ["0", "1", "0", "1", "2026-12-01"],
        "Financer des bornes": ["1", "0", "100", "0", "2026-12-01"],
    }


def test_counts_per_month(client, scene, coordinator):
    client.force_login(coordinator)
    assert exported(client, month="2026-11") == {
        "Guide du pôle mobilité": ["2", "0", "100", "0", "2026-11-10"]
    }
    assert set(exported(client, month="2026-12")) == {
        "Guide du pôle mobilité",
        "Guide de l'agence énergie",
        "Financer des bornes",
    }


def test_filtered_by_expert_body(client, scene, coordinator, other_body):
    client.force_login(coordinator)
    assert set(exported(client, body=other_body.pk)) == {"Guide de l'agence énergie"}


@pytest.mark.parametrize(
    "who, pages",
    [
        (
            "coordinator",
            {"Guide du pôle mobilité", "Guide de l'agence énergie", "Financer des bornes"},
        ),
        ("editor", {"Guide du pôle mobilité", "Guide de l'agence énergie", "Financer des bornes"}),
        ("expert", {"Guide du pôle mobilité", "Financer des bornes"}),
        ("other_expert", {"Guide de l'agence énergie"}),
    ],
)
def test_who_reads_which_pages(client, scene, request, who, pages):
    client.force_login(request.getfixturevalue(who))
    assert set(exported(client)) == pages
    page = client.get(reverse(REPORT)).content.decode()
    for title in {"Guide du pôle mobilité", "Guide de l'agence énergie", "Financer des bornes"}:
        assert (title.replace("'", "&#x27;") in page) == (title in pages), title


def test_an_expert_cannot_filter_their_way_to_another_body(client, scene, expert, other_body):
    client.force_login(expert)
    assert "Guide de l'agence énergie" not in exported(client, body=other_body.pk)


@pytest.mark.parametrize("who", ["anonymous", "holder", "reviewer"])
def test_others_read_no_report(client, scene, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    ours = scene[0]
    for url in (
        reverse(REPORT),
        reverse(REPORT) + "?export=csv",
        reverse("feedback_page_vote_detail", args=[ours.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), (url, response.status_code)
        assert CANARY_OURS not in response.content.decode()


def test_the_menu_shows_the_report_to_those_who_read_it(client, scene, expert, reviewer):
    client.force_login(expert)
    assert reverse(REPORT) in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(reviewer)
    assert reverse(REPORT) not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_page_s_comments_are_readable_by_its_readers_only(
    client, scene, expert, other_expert, coordinator
):
    ours, theirs, _ = scene
    url = reverse("feedback_page_vote_detail", args=[ours.pk])
    client.force_login(expert)
    page = client.get(url)
    assert page.status_code == 200
    assert CANARY_OURS in page.content.decode()
    assert CANARY_THEIRS not in page.content.decode()
    assert client.get(reverse("feedback_page_vote_detail", args=[theirs.pk])).status_code == 404
    client.force_login(other_expert)
    response = client.get(url)
    assert response.status_code == 404
    assert CANARY_OURS not in response.content.decode()
    client.force_login(coordinator)
    assert (
        CANARY_THEIRS
        in client.get(reverse("feedback_page_vote_detail", args=[theirs.pk])).content.decode()
    )


def test_a_page_without_votes_has_no_comments_page(client, scene, coordinator, guides):
    client.force_login(coordinator)
    assert client.get(reverse("feedback_page_vote_detail", args=[guides.pk])).status_code == 404


def _many(guides, count):
    for number in range(count):
        page = add_page(guides, GuidePage, title=f"Guide {number}")
        vote(page, True, NOVEMBER)
        vote(page, False, DECEMBER, "Commentaire")


@pytest.mark.parametrize("count", [3, 30])
def test_the_report_s_queries_do_not_grow_with_the_pages(
    client, guides, coordinator, count, django_assert_max_num_queries
):
    """14 queries measured (the admin's own, the reader's bodies, the month choices, the
    counts per page in one): a page or a vote that queries on its own fails it."""
    _many(guides, count)
    client.force_login(coordinator)
    client.get(reverse(REPORT))  # warm caches (site, permissions)
    with django_assert_max_num_queries(16):
        assert client.get(reverse(REPORT)).status_code == 200
    with django_assert_max_num_queries(16):
        assert len(exported(client)) == count


@pytest.mark.parametrize("count", [3, 30])
def test_the_comments_page_s_queries_do_not_grow(
    client, guides, coordinator, count, django_assert_max_num_queries
):
    page = add_page(guides, GuidePage, title="Guide commenté")
    for number in range(count):
        vote(page, number % 2 == 0, NOVEMBER, f"Commentaire {number}")
    client.force_login(coordinator)
    url = reverse("feedback_page_vote_detail", args=[page.pk])
    client.get(url)
    # 14 measured.
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_the_report_exports_as_a_spreadsheet_too(client, scene, coordinator):
    client.force_login(coordinator)
    for url in (reverse(REPORT), reverse("feedback_page_vote_detail", args=[scene[0].pk])):
        response = client.get(url, {"export": "xlsx"})
        assert response.status_code == 200
        assert "spreadsheetml" in response["Content-Type"]
