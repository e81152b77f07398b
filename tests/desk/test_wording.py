"""The desk's admin and forms say what they mean: routing rules' "any" and "yes/no", list
texts French can say, and selects whose empty choice names what to choose (issue #14).

The admin speaks French; each text is expected as the catalogue translates its msgid
(`fr`), so these tests hold before and after the French of new msgids is merged.
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format

from desk.admin_views import RequestFilterSet
from desk.forms import EditRequestForm, HowToRequestForm
from desk.models import HowToRequest, RoutingRule
from desk.project_forms import ProjectForm

pytestmark = pytest.mark.django_db

DASHES = "---------"


def cells(html):
    """The texts of a page's table cells, spaces collapsed."""
    return [" ".join(cell.split()) for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


def fr(text):
    with translation.override("fr"):
        return translation.gettext(text)


def test_routing_rules_list_says_any_and_yes_or_no(client, coordinator, priority, body):
    RoutingRule.objects.create(priority=priority, territory=None, body=body, active=True)
    RoutingRule.objects.create(priority=None, territory=None, body=body, active=False)
    client.force_login(coordinator)

    html = client.get(reverse("routingrule:index")).content.decode()

    assert fr("Any territory") in html
    assert fr("Any priority") in html
    shown = cells(html)
    assert fr("Yes") in shown and fr("No") in shown
    assert "True" not in shown and "False" not in shown
    assert fr("Add a routing rule") in html
    assert DASHES not in html


def test_routing_rule_form_names_its_empty_choices(client, coordinator, priority, body):
    client.force_login(coordinator)

    html = client.get(reverse("routingrule:add")).content.decode()

    assert (
        fr("Any priority") in html and fr("Any territory") in html and fr("Choose a body") in html
    )
    assert DASHES not in html


def test_routing_rule_form_still_saves_an_any_territory_rule(client, coordinator, priority, body):
    client.force_login(coordinator)

    response = client.post(
        reverse("routingrule:add"),
        {"priority": priority.pk, "territory": "", "body": body.pk, "active": "on"},
    )

    assert response.status_code == 302
    rule = RoutingRule.objects.get()
    assert rule.territory is None and rule.active


def test_routing_rules_filter_by_activity(client, coordinator, priority, body):
    RoutingRule.objects.create(priority=priority, body=body, active=True)
    RoutingRule.objects.create(priority=None, body=body, active=False)
    client.force_login(coordinator)
    index = reverse("routingrule:index")

    inactive = client.get(index, {"active": "False"}).content.decode()

    assert fr("Any priority") in cells(inactive)
    assert priority.name not in cells(inactive)


def test_an_empty_queue_says_so_in_a_sentence(client, coordinator):
    client.force_login(coordinator)

    html = client.get(reverse("desk_admin:index"), {"status": "answered"}).content.decode()

    assert fr("No request to show.") in html
    assert "Aucun(e)" not in html


def test_the_queue_shows_dates_not_times_ago(client, coordinator, holder, request_data):
    from desk import steps

    steps.file_request(holder, request_data())
    client.force_login(coordinator)

    html = client.get(reverse("desk_admin:index")).content.decode()

    assert "Il y a" not in html and fr("just now") not in html
    assert '<time datetime="' in html


def test_queue_filters_name_their_empty_choice():
    with translation.override("fr"):
        html = str(RequestFilterSet(data={}, queryset=HowToRequest.objects.none()).form)

    for label in ("All statuses", "All expert bodies", "All territories", "All priorities"):
        assert fr(label) in html
    assert DASHES not in html


def test_the_request_form_names_what_to_choose(holder):
    with translation.override("fr"):
        html = str(HowToRequestForm(holder=holder))

    assert fr("Choose a territory") in html and fr("Choose a stage") in html
    assert DASHES not in html


def test_the_project_form_names_what_to_choose():
    with translation.override("fr"):
        html = str(ProjectForm())

    assert fr("Choose a territory") in html and fr("Choose a stage") in html
    assert DASHES not in html


def test_the_edit_form_names_what_to_choose(holder, request_data):
    from desk import steps

    how_to_request = steps.file_request(holder, request_data())
    with translation.override("fr"):
        html = str(EditRequestForm(instance=how_to_request, how_to_request=how_to_request))

    assert fr("Choose a territory") in html and fr("Choose a stage") in html
    assert DASHES not in html


def test_the_admin_timeline_dates_read_as_the_holders(client, coordinator, holder, request_data):
    """One format for a moment, in the admin as on the holder's page: "1 décembre 2026,
    14:32" (DATE_FORMAT, TIME_FORMAT), never the date alone in another format."""
    from desk import steps

    how_to_request = steps.file_request(holder, request_data())
    event = how_to_request.events.order_by("pk").first()
    client.force_login(coordinator)

    html = client.get(reverse("desk_admin:inspect", args=[how_to_request.pk])).content.decode()

    moment = timezone.localtime(event.created_at)
    with translation.override("fr"):
        shown = f"{date_format(moment, 'DATE_FORMAT')}, {time_format(moment, 'TIME_FORMAT')}"
    assert shown in html
