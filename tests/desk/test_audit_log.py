"""The requests' audit log: staff read in Wagtail's site history only what they may see."""

import importlib

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from desk import steps
from desk.models import RequestLogEntry

CANARY = "CANARY-AUDIT-7f3a"

REPORT_URLS = (
    reverse("wagtailadmin_reports:site_history"),
    reverse("wagtailadmin_reports:site_history_results"),
    reverse("wagtailadmin_reports:site_history") + "?export=csv",
)


@pytest.fixture
def routed_and_unrouted(holder, request_data, coordinator, body):
    routed = steps.file_request(holder, request_data(title=f"{CANARY} routed"))
    steps.route(routed, coordinator, [body])
    unrouted = steps.file_request(holder, request_data(title=f"{CANARY} unrouted"))
    return routed, unrouted


def _history(client, user, query=""):
    client.force_login(user)
    pages = []
    for url in REPORT_URLS:
        response = client.get(url + (("&" if "?" in url else "?") + query if query else ""))
        assert response.status_code == 200, url
        pages.append(
            b"".join(response.streaming_content).decode()
            if response.streaming
            else response.content.decode()
        )
    return pages


def test_an_expert_of_another_body_reads_nothing_of_the_requests(
    client, routed_and_unrouted, other_expert
):
    routed, _ = routed_and_unrouted
    for page in _history(client, other_expert):
        assert CANARY not in page and routed.reference not in page
    # Searching for the reference finds nothing either (the page echoes the search only).
    for page in _history(client, other_expert, f"q={routed.reference}"):
        assert CANARY not in page


def test_an_expert_reads_the_steps_of_their_bodys_requests_only(
    client, routed_and_unrouted, expert
):
    routed, unrouted = routed_and_unrouted
    listing, results, export = _history(client, expert)
    for page in (results, export):
        assert f"{CANARY} routed" in page
        assert f"{CANARY} unrouted" not in page


def test_a_coordinator_reads_every_request_step(client, routed_and_unrouted, coordinator):
    _, results, export = _history(client, coordinator)
    for page in (results, export):
        assert f"{CANARY} routed" in page and f"{CANARY} unrouted" in page


def test_request_steps_are_logged_apart_from_wagtails_shared_log(routed_and_unrouted):
    routed, unrouted = routed_and_unrouted
    actions = set(RequestLogEntry.objects.for_instance(routed).values_list("action", flat=True))
    assert actions == {"desk.submit", "desk.route"}
    assert not ModelLogEntry.objects.filter(label__contains=CANARY).exists()


def test_the_migration_moves_the_entries_of_an_existing_site(routed_and_unrouted):
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    migration = importlib.import_module("desk.migrations.0004_request_log_entry")
    routed, _ = routed_and_unrouted
    RequestLogEntry.objects.all().delete()
    request_type = ContentType.objects.get_for_model(routed)
    ModelLogEntry.objects.create(
        content_type=request_type,
        object_id=str(routed.pk),
        label=f"{CANARY} before the upgrade",
        action="desk.submit",
        timestamp=timezone.now(),
    )
    migration.move_request_entries(apps, None)
    moved = RequestLogEntry.objects.get()
    assert (moved.object_id, moved.action) == (str(routed.pk), "desk.submit")
    assert not ModelLogEntry.objects.filter(content_type=request_type).exists()
