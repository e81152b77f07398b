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
    assert response.status_code == 400
    assert "Raison conservée" in response.content.decode()
    mine.refresh_from_db()
    assert mine.assignee == expert


def test_request_page_queries_do_not_grow_with_the_steps_offered(
    client, requests, expert, django_assert_max_num_queries
):
    """A ceiling on the request page's queries (17 measured, 19 since the page shows the
    request's project: its priorities and pillars, 20 with the roadmap actions it
    advances): a step, a permission check or a timeline entry that queries on its own
    makes it fail."""
    _, _, mine = requests
    client.force_login(expert)
    url = reverse("desk_admin:inspect", args=[mine.pk])
    client.get(url)  # warm caches (site, permissions)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


# --------------------------------------------------------------------------------------
# Linking a request to the roadmap's actions (coordinators only, an internal event)
# --------------------------------------------------------------------------------------


@pytest.fixture
def roadmap_actions(db):
    from knowledge.models import RoadmapAction

    return [
        RoadmapAction.objects.create(title=title, commitment="…", sort_order=order)
        for order, title in enumerate(
            ("Réseaux de chaleur ACTION-A", "Bornes de recharge ACTION-B", "Sobriété ACTION-C")
        )
    ]


def link_url(how_to_request):
    return reverse("desk_admin:step", args=[how_to_request.pk, "link_roadmap_actions"])


def test_a_coordinator_links_a_request_to_roadmap_actions(
    client, requests, coordinator, holder, roadmap_actions, committed
):
    from desk.models import Notification, RequestEvent

    _, routed, _ = requests
    heat, charging, _ = roadmap_actions
    client.force_login(coordinator)
    page = client.get(reverse("desk_admin:inspect", args=[routed.pk])).content.decode()
    assert link_url(routed) in page and "Sobriété ACTION-C" in page  # every action offered

    with committed():
        response = client.post(
            link_url(routed), {"link_roadmap_actions-roadmap_actions": [heat.pk, charging.pk]}
        )
    assert response.status_code == 302
    assert set(routed.roadmap_actions.all()) == {heat, charging}
    event = RequestEvent.objects.get(request=routed, action="link_roadmap_actions")
    assert event.internal and event.details == {"actions": sorted([heat.pk, charging.pk])}
    assert event.to_status == event.from_status == routed.status  # the state is kept
    assert not Notification.objects.filter(event=event).exists()  # nobody is told

    # The request's page shows them, and the form starts from them.
    page = client.get(reverse("desk_admin:inspect", args=[routed.pk])).content.decode()
    assert "Réseaux de chaleur ACTION-A, Bornes de recharge ACTION-B" in page
    assert f'value="{heat.pk}" id="id_link_roadmap_actions-roadmap_actions_0" checked' in page

    # The holder never sees the event: not on their page, not in what they may read.
    assert not routed.events.readable_by_holder().filter(pk=event.pk).exists()
    client.force_login(holder)
    holder_page = client.get(routed.get_absolute_url()).content.decode()
    assert "ACTION-A" not in holder_page and "Linked to roadmap actions" not in holder_page

    # Ticking none unlinks them all.
    client.force_login(coordinator)
    assert client.post(link_url(routed), {}).status_code == 302
    assert not routed.roadmap_actions.exists()


def test_only_coordinators_link_requests_to_roadmap_actions(
    client, requests, expert, other_expert, roadmap_actions
):
    _, routed, mine = requests
    data = {"link_roadmap_actions-roadmap_actions": [roadmap_actions[0].pk]}
    client.force_login(expert)  # sees the request, may not take the step
    page = client.get(reverse("desk_admin:inspect", args=[mine.pk])).content.decode()
    assert link_url(mine) not in page
    # Refused as every step not theirs to take: Wagtail's answer to PermissionDenied,
    # back to the dashboard (tests/desk/test_permissions.py).
    refused = client.post(link_url(mine), data)
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    client.force_login(other_expert)  # does not see it at all
    assert client.post(link_url(routed), data).status_code == 404
    assert not routed.roadmap_actions.exists() and not mine.roadmap_actions.exists()
    # The API says the same.
    client.force_login(expert)
    response = client.post(
        f"/api/v1/requests/{mine.public_id}/steps/link_roadmap_actions",
        {"roadmap_actions": [roadmap_actions[0].pk]},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not mine.roadmap_actions.exists()


def test_the_api_links_a_request_to_roadmap_actions(client, requests, coordinator, roadmap_actions):
    _, routed, _ = requests
    client.force_login(coordinator)
    response = client.post(
        f"/api/v1/requests/{routed.public_id}/steps/link_roadmap_actions",
        {"roadmap_actions": [roadmap_actions[2].pk]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert list(routed.roadmap_actions.all()) == [roadmap_actions[2]]
    response = client.post(
        f"/api/v1/requests/{routed.public_id}/steps/link_roadmap_actions",
        {"roadmap_actions": [999_999]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert list(routed.roadmap_actions.all()) == [roadmap_actions[2]]
    # Beyond any integer column: a 422 too, not the database's overflow (a 500).
    response = client.post(
        f"/api/v1/requests/{routed.public_id}/steps/link_roadmap_actions",
        {"roadmap_actions": [2**70]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert list(routed.roadmap_actions.all()) == [roadmap_actions[2]]
