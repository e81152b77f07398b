"""The desk's dashboards: the coordinator's and the expert's counts, each the same
requests as the filtered queue its link opens; who sees which; the queue's order; and
queries that do not grow with the number of requests."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from desk import steps
from desk.models import HowToRequest, RequestEvent
from desk.queues import COORDINATOR_DASHBOARD, EXPERT_DASHBOARD, QUEUES, counts_for
from desk.states import WAITING_FOR_HOLDER, Status
from web.working_days import add_working_days, working_days_before, working_days_between
from workflows import roles

pytestmark = pytest.mark.django_db

# Canary titles: each names the one queue state its request is in.
SUBMITTED = "CANARY-SUBMITTED"
A_UNCLAIMED = "CANARY-A-UNCLAIMED"
A_OVERDUE = "CANARY-A-OVERDUE"
A_DUE_SOON = "CANARY-A-DUE-SOON"
A_WAITING_LONG = "CANARY-A-WAITING-LONG"
A_WAITING_NEW = "CANARY-A-WAITING-NEW"
A_REVIEW = "CANARY-A-REVIEW"
QA_DRAFT = "CANARY-QA-DRAFT"
CLOSED = "CANARY-CLOSED"
B_UNCLAIMED = "CANARY-B-UNCLAIMED"
ALL = {
    SUBMITTED,
    A_UNCLAIMED,
    A_OVERDUE,
    A_DUE_SOON,
    A_WAITING_LONG,
    A_WAITING_NEW,
    A_REVIEW,
    QA_DRAFT,
    CLOSED,
    B_UNCLAIMED,
}
OF_BODY_A = ALL - {SUBMITTED, B_UNCLAIMED}

# What each queue holds, for the coordinator and for body A's and body B's experts.
COORDINATOR_SEES = {
    "to_qualify": {SUBMITTED},
    "overdue": {A_OVERDUE},
    "due_soon": {A_DUE_SOON},
    "waiting_too_long": {A_WAITING_LONG},
    "to_review": {A_REVIEW},
    "qa_drafts": {QA_DRAFT},
}
EXPERT_SEES = {
    "unassigned": {A_UNCLAIMED, A_OVERDUE},
    "mine": {A_DUE_SOON, A_WAITING_LONG, A_WAITING_NEW, A_REVIEW},
    "due_soon": {A_DUE_SOON},
}
OTHER_EXPERT_SEES = {"unassigned": {B_UNCLAIMED}, "mine": set(), "due_soon": set()}


@pytest.fixture
def desk(settings, home, holder, coordinator, expert, other_expert, body, other_body, request_data):
    """One request in each state the dashboards count, in body A's or B's hands."""
    settings.DESK_REVIEW_ANSWERS = True
    settings.DESK_HOLDER_WAIT_DAYS = 10
    today = timezone.localdate()

    def filed(title):
        return steps.file_request(holder, request_data(title=title))

    def routed(title, to=body):
        how_to_request = filed(title)
        steps.route(how_to_request, coordinator, [to])
        return how_to_request

    def claimed(title):
        how_to_request = routed(title)
        steps.claim(how_to_request, expert)
        return how_to_request

    def set_due(how_to_request, day):
        HowToRequest.objects.filter(pk=how_to_request.pk).update(due_date=day)

    # Far enough that no deadline but the chosen ones falls within the week.
    set_due(filed(SUBMITTED), add_working_days(today, 10))
    routed(A_UNCLAIMED)
    routed(B_UNCLAIMED, to=other_body)
    set_due(routed(A_OVERDUE), today - datetime.timedelta(days=2))
    set_due(claimed(A_DUE_SOON), add_working_days(today, 2))
    long_wait = claimed(A_WAITING_LONG)
    steps.ask_holder(long_wait, expert, "Quel budget ?")
    # Asked 12 working days ago: more than DESK_HOLDER_WAIT_DAYS.
    asked = timezone.now() - datetime.timedelta(days=20)
    RequestEvent.objects.filter(request=long_wait, to_status__in=WAITING_FOR_HOLDER).update(
        created_at=asked
    )
    steps.ask_holder(claimed(A_WAITING_NEW), expert, "Quel calendrier ?")
    steps.write_answer(claimed(A_REVIEW), expert, "Voici la réponse.")
    # An accepted answer whose Q&A draft waits for the editorial review.
    draft = home.add_child(instance=Page(title="Brouillon Q&R", slug="brouillon-qr", live=False))
    drafted = routed(QA_DRAFT)
    HowToRequest.objects.filter(pk=drafted.pk).update(
        status=Status.ACCEPTED, qa_page=draft, due_date=None, assignee=expert
    )
    closed = routed(CLOSED)
    HowToRequest.objects.filter(pk=closed.pk).update(status=Status.ACCEPTED, due_date=None)
    return today


@pytest.fixture
def editor_user(staff_roles, make_user):
    return make_user(roles.EDITORS, username="editor_dash", is_staff=True)


def canaries(html):
    return {title for title in ALL if title in html}


def dashboard_links(client):
    """{queue: (count, href)} of the dashboard's desk panel."""
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        link["data-queue"]: (int(link.strong.get_text()), link["href"])
        for link in soup.select("a[data-queue]")
    }


def queue_url(key):
    return f"{reverse('desk_admin:index')}?queue={key}"


def test_the_waiting_cutoff_counts_working_days():
    monday = datetime.date(2026, 11, 30)
    assert working_days_before(monday, 0) == monday
    # The latest such day: a wait from Sunday counts Monday only.
    assert working_days_before(monday, 1) == datetime.date(2026, 11, 29)
    for days in range(0, 12):
        assert working_days_between(working_days_before(monday, days), monday) == days


@pytest.mark.parametrize(
    "who, dashboard, expected",
    [
        ("coordinator", COORDINATOR_DASHBOARD, COORDINATOR_SEES),
        ("expert", EXPERT_DASHBOARD, EXPERT_SEES),
        ("other_expert", EXPERT_DASHBOARD, OTHER_EXPERT_SEES),
    ],
)
def test_each_count_links_to_the_same_requests(client, desk, request, who, dashboard, expected):
    """The count on the dashboard, the queue its link opens, and what it should hold."""
    client.force_login(request.getfixturevalue(who))
    links = dashboard_links(client)
    assert list(links) == list(dashboard)
    for key, (count, href) in links.items():
        assert href == queue_url(key)
        listed = canaries(client.get(href).content.decode())
        assert listed == expected[key], key
        assert count == len(expected[key]), key


def test_new_requests_are_one_click_from_the_coordinators_dashboard(client, desk, coordinator):
    client.force_login(coordinator)
    count, href = dashboard_links(client)["to_qualify"]
    assert count == 1
    html = client.get(href).content.decode()
    submitted = HowToRequest.objects.get(title=SUBMITTED)
    assert reverse("desk_admin:inspect", args=[submitted.pk]) in html


def test_answers_to_review_are_counted_only_when_the_desk_reviews(settings, desk, coordinator):
    keys = lambda: [key for key, _, _ in counts_for(coordinator)]  # noqa: E731
    assert "to_review" in keys()
    settings.DESK_REVIEW_ANSWERS = False
    assert "to_review" in keys()  # one still waits from when it did
    HowToRequest.objects.filter(status=Status.ANSWER_REVIEW).update(status=Status.ANSWERED)
    assert "to_review" not in keys()


def test_waiting_too_long_follows_the_setting(settings, desk, coordinator):
    def waiting_too_long():
        return {key: count for key, _, count in counts_for(coordinator)}["waiting_too_long"]

    assert waiting_too_long() == 1
    settings.DESK_HOLDER_WAIT_DAYS = 0  # any wait is too long
    assert waiting_too_long() == 2
    settings.DESK_HOLDER_WAIT_DAYS = 40
    assert waiting_too_long() == 0


# Who reaches each queue: every role, every queue of the filter.

ROLES = ["anonymous", "holder", "editor_user", "coordinator", "expert", "other_expert"]


@pytest.mark.parametrize("key", [key for key, _ in QUEUES])
@pytest.mark.parametrize("role", ROLES)
def test_every_queue_by_role(client, desk, request, role, key):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    response = client.get(queue_url(key))
    if role in {"anonymous", "holder"}:
        # To the sign-in page: no admin access.
        assert response.status_code == 302
        return
    if role == "editor_user":
        # Admin access but no request for them: sent back to the dashboard.
        assert response.status_code == 302
        assert not canaries(client.get(response["Location"]).content.decode())
        return
    assert response.status_code == 200
    listed = canaries(response.content.decode())
    if role == "expert":
        assert listed <= OF_BODY_A
        assert B_UNCLAIMED not in listed and SUBMITTED not in listed
    if role == "other_expert":
        assert listed <= {B_UNCLAIMED}


@pytest.mark.parametrize("role", ROLES)
def test_the_dashboard_panel_by_role(client, desk, request, role):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    if role in {"anonymous", "holder"}:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert not canaries(html)  # counts, never titles
    if role == "editor_user":
        assert 'id="desk-queues-heading"' not in html
        assert counts_for(user) == []
        return
    assert 'id="desk-queues-heading"' in html
    if role == "other_expert":
        # Body A's requests are never counted for body B's expert.
        assert dashboard_links(client)["unassigned"][0] == 1


def test_the_queue_lists_open_requests_soonest_due_first_and_closed_last(client, desk, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("desk_admin:index")).content.decode()
    order = sorted(ALL, key=html.index)
    # Overdue, then the week's deadline, then the rest; the closed ones last.
    assert order[:2] == [A_OVERDUE, A_DUE_SOON]
    assert set(order[-2:]) == {CLOSED, QA_DRAFT}
    dated = HowToRequest.objects.filter(title__in=order[:-2]).exclude(due_date=None)
    due = {r.title: r.due_date for r in dated}
    listed_dates = [due[title] for title in order if title in due]
    assert listed_dates == sorted(listed_dates)
    # Those without a deadline (waiting on the holder) after every dated open one.
    assert max(order.index(t) for t in due) < min(
        order.index(t) for t in (A_WAITING_LONG, A_WAITING_NEW)
    )


def test_a_column_sort_still_applies(client, desk, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("desk_admin:index") + "?ordering=-created_at").content.decode()
    newest_first = list(
        HowToRequest.objects.order_by("-created_at", "-pk").values_list("title", flat=True)
    )
    assert sorted(ALL, key=html.index) == newest_first


# Queries: pinned and flat in the number of requests.


@pytest.fixture
def grow(holder, coordinator, expert, body, other_body, request_data):
    """Grow the desk to `n` requests, in every state the dashboards count."""
    today = timezone.localdate()

    def to(n):
        for i in range(HowToRequest.objects.count(), n):
            how_to_request = steps.file_request(holder, request_data(title=f"Demande {i:03d}"))
            if i % 5 == 0:
                continue
            steps.route(how_to_request, coordinator, [body if i % 2 else other_body])
            if i % 5 == 1:
                continue
            if i % 2 == 0:
                continue
            steps.claim(how_to_request, expert)
            if i % 5 == 2:
                steps.ask_holder(how_to_request, expert, "Quel budget ?")
            elif i % 5 == 3:
                HowToRequest.objects.filter(pk=how_to_request.pk).update(
                    due_date=today - datetime.timedelta(days=1)
                )

    return to


def dashboard_queries(client, size, grow):
    grow(size)
    url = reverse("wagtailadmin_home")
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    counts = [
        int(n)
        for n in re.findall(
            r'data-queue="[a-z_]+"><strong>(\d+)</strong>', response.content.decode()
        )
    ]
    return len(captured), counts, [query["sql"] for query in captured.captured_queries]


# A little above today's count (21, Wagtail's own panels included): a new query on the
# dashboard must be deliberate.
CEILING = 23


@pytest.mark.parametrize("who", ["coordinator", "expert"])
def test_dashboard_queries_are_flat_in_the_number_of_requests(client, request, grow, who):
    client.force_login(request.getfixturevalue(who))
    small, small_counts, small_sql = dashboard_queries(client, 3, grow)
    large, large_counts, large_sql = dashboard_queries(client, 30, grow)
    assert sum(large_counts) > sum(small_counts)  # the counts did grow
    assert small == large, "\n".join(set(large_sql) - set(small_sql))
    assert large <= CEILING, "\n".join(large_sql)
    # The desk's panel: every count in one query.
    assert len([sql for sql in large_sql if '"desk_howtorequest"' in sql]) == 1
