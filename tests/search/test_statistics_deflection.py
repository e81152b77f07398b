"""Deflection is counted from the request form's own events: shown and opened by its beacons,
filed by its own submission (the hidden inputs static/js/suggest.js sets); "left" is derived."""

import datetime

import pytest
from django.urls import reverse

from search import statistics
from search.models import SearchStatistic, StatisticKind
from tests.desk.conftest import priority, territory  # noqa: F401
from tests.desk.test_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_buffer():
    statistics.discard()
    yield
    statistics.discard()


def figure(kind):
    return sum(SearchStatistic.objects.filter(kind=kind).values_list("count", flat=True))


def test_the_form_carries_its_events_and_the_desk_counts_the_filing(
    client,
    holder,
    priority,  # noqa: F811
    territory,  # noqa: F811
    coordinator,  # noqa: F811
):
    client.force_login(holder)
    html = client.get(reverse("desk:create")).content.decode()
    assert 'data-event-url="/recherche/evenement"' in html
    assert '<input type="hidden" name="suggestions_shown" value="" data-suggestions-shown>' in html

    # Three visits show suggestions; in one a suggestion is opened; two are filed anyway.
    for _ in range(3):
        client.post(reverse("search:event"), {"event": "form_shown"})
    client.post(reverse("search:event"), {"event": "form_opened"})
    url = reverse("desk:create")
    shown_opened = {"suggestions_shown": "1", "suggestion_opened": "1"}
    assert client.post(url, form_data(priority, territory, **shown_opened)).status_code == 302
    assert (
        client.post(url, form_data(priority, territory, suggestions_shown="1")).status_code == 302
    )
    # A form that showed nothing: filed, not deflection's business.
    assert client.post(url, form_data(priority, territory)).status_code == 302
    statistics.flush()

    assert figure(StatisticKind.FORM_SHOWN) == 3
    assert figure(StatisticKind.FORM_OPENED) == 1
    assert figure(StatisticKind.FILED) == 3
    assert figure(StatisticKind.FILED_SHOWN) == 2
    assert figure(StatisticKind.FILED_OPENED) == 1
    month = statistics_report_month()
    assert (month.shown, month.opened, month.filed, month.left) == (3, 1, 2, 1)
    assert month.rate == pytest.approx(1 / 3)


def statistics_report_month():
    from search.reports import deflection_by_month

    (month,) = deflection_by_month()
    assert month.month == datetime.date.today().replace(day=1)
    return month


def test_a_form_back_with_errors_keeps_what_its_visit_showed(
    client,
    holder,
    priority,  # noqa: F811
    territory,  # noqa: F811
):
    client.force_login(holder)
    response = client.post(
        reverse("desk:create"),
        form_data(priority, territory, title="", suggestions_shown="1", suggestion_opened="1"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'name="suggestions_shown" value="1"' in html
    assert 'name="suggestion_opened" value="1"' in html
    assert "Comment financer dix bornes ?" in html  # what was typed is kept
    assert statistics.pending() == {}  # nothing filed, nothing counted


def test_a_refused_filing_counts_nothing(
    client,
    holder,
    priority,  # noqa: F811
    territory,  # noqa: F811
):
    from tests.limits import tiny

    client.force_login(holder)
    with tiny(request_submit="0/h"):
        response = client.post(
            reverse("desk:create"), form_data(priority, territory, suggestions_shown="1")
        )
    assert response.status_code == 429
    assert statistics.pending() == {}
