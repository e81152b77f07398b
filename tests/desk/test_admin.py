"""The staff side: queues with overdue flags, the dashboard panel, the request page."""

import datetime

import pytest
from django.urls import reverse

from desk import steps
from desk.models import HowToRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests(holder, coordinator, body, expert, request_data):
    late = steps.file_request(holder, request_data(title="Demande en retard"))
    HowToRequest.objects.filter(pk=late.pk).update(
        due_date=datetime.date.today() - datetime.timedelta(days=3)
    )
    routed = steps.file_request(holder, request_data(title="Demande orientée"))
    steps.route(routed, coordinator, [body])
    mine = steps.file_request(holder, request_data(title="Demande prise"))
    steps.route(mine, coordinator, [body])
    steps.claim(mine, expert)
    return late, routed, mine


def titles(response):
    html = response.content.decode()
    return {t for t in ("Demande en retard", "Demande orientée", "Demande prise") if t in html}


def test_queues_for_coordinators_and_experts(client, requests, coordinator, expert):
    index = reverse("desk_admin:index")
    client.force_login(coordinator)
    assert titles(client.get(index)) == {"Demande en retard", "Demande orientée", "Demande prise"}
    overdue = client.get(index + "?queue=overdue")
    assert titles(overdue) == {"Demande en retard"}
    assert "En retard" in overdue.content.decode() or "Overdue" in overdue.content.decode()

    client.force_login(expert)
    assert titles(client.get(index)) == {"Demande orientée", "Demande prise"}
    assert titles(client.get(index + "?queue=unassigned")) == {"Demande orientée"}
    assert titles(client.get(index + "?queue=mine")) == {"Demande prise"}


def test_dashboard_panel_counts(client, requests, expert, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="desk-queues-heading"' in html
    assert "?queue=overdue" in html


def test_a_step_with_errors_keeps_what_was_typed(client, requests, expert):
    _, _, mine = requests
    client.force_login(expert)
    response = client.post(
        reverse("desk_admin:step", args=[mine.pk, "hand_over"]),
        {"hand_over-comment": "Raison conservée", "hand_over-body": ""},
    )
    assert response.status_code == 200
    assert "Raison conservée" in response.content.decode()
    mine.refresh_from_db()
    assert mine.assignee == expert


def test_request_page_queries_do_not_grow_with_the_steps_offered(
    client, requests, expert, django_assert_max_num_queries
):
    """A ceiling on the request page's queries (17 measured, 19 since the page shows the
    request's project: its priorities and pillars): a step, a permission check or a
    timeline entry that queries on its own makes it fail."""
    _, _, mine = requests
    client.force_login(expert)
    url = reverse("desk_admin:inspect", args=[mine.pk])
    client.get(url)  # warm caches (site, permissions)
    with django_assert_max_num_queries(19):
        assert client.get(url).status_code == 200
