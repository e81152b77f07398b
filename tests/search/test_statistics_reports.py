"""The search statistics' admin reports: who sees them; one set of figures in chart, table, CSV."""

import datetime
import re

import pytest
from django.urls import reverse

from search import statistics
from search.models import SearchStatistic, StatisticKind

pytestmark = pytest.mark.django_db

CANARY = "canary-recherche-7f3e"
REPORTS = ("search_zero_results", "search_click_through", "search_deflection")


@pytest.fixture(autouse=True)
def empty_buffer():
    statistics.discard()
    yield
    statistics.discard()


def add(kind, count, key="", day=None):
    SearchStatistic.objects.create(
        day=day or datetime.date.today(), kind=kind, key=key, count=count
    )


@pytest.fixture
def figures():
    today = datetime.date.today()
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    # Searched on two days of this month, so shown (search.query_privacy).
    other_day = today - datetime.timedelta(days=1) if today.day > 1 else today.replace(day=2)
    add(StatisticKind.SEARCH, 11, CANARY)
    add(StatisticKind.SEARCH, 1, CANARY, day=other_day)
    add(StatisticKind.RESULTS, 36, CANARY)
    add(StatisticKind.CLICK, 3, CANARY)
    add(StatisticKind.RANK_SUM, 5, CANARY)
    add(StatisticKind.SEARCH, 3, "hydrolienne")
    add(StatisticKind.SEARCH, 1, "hydrolienne", day=other_day)
    add(StatisticKind.ZERO, 4, "hydrolienne")
    add(StatisticKind.RANK, 2, "1")
    add(StatisticKind.RANK, 1, "3")
    add(StatisticKind.RANK, 7, "14")
    add(StatisticKind.HEADER_SUGGESTION, 2)
    add(StatisticKind.FORM_SHOWN, 10)
    add(StatisticKind.FORM_OPENED, 4)
    add(StatisticKind.FILED_SHOWN, 6)
    add(StatisticKind.FORM_SHOWN, 5, day=last_month)
    add(StatisticKind.FILED_SHOWN, 5, day=last_month)


@pytest.fixture
def people(editor, reviewer, coordinator, expert, other_expert, holder):
    return {
        "editor": editor,
        "coordinator": coordinator,
        "reviewer": reviewer,
        "expert": expert,
        "other_expert": other_expert,
        "holder": holder,
    }


ALLOWED = {"editor", "coordinator"}


@pytest.mark.parametrize(
    "role", ["anonymous", *sorted(ALLOWED), "reviewer", "expert", "other_expert", "holder"]
)
def test_the_reports_per_role(client, figures, people, role):
    if role != "anonymous":
        client.force_login(people[role])
    for name in REPORTS:
        response = client.get(reverse(name))
        body_text = response.content.decode()
        if role in ALLOWED:
            assert response.status_code == 200, (role, name)
        else:
            assert response.status_code == 302, (role, name)  # sign-in, or Wagtail's denial
            assert CANARY not in body_text
        csv = client.get(reverse(name), {"export": "csv"})
        if role not in ALLOWED:
            assert csv.status_code == 302 and CANARY not in csv.content.decode()
    if role in ALLOWED:
        html = client.get(reverse("search_click_through")).content.decode()
        assert CANARY in html


def numbers_of(html, element_id):
    """The figures a chart writes after its bars, and those of its table, in order."""
    section = html.split(f'id="{element_id}-chart"', 1)[1].split("</svg>", 1)[0]
    drawn = re.findall(r"<text [^>]*data-value>([^<]+)</text>", section)
    table = html.split(f'id="{element_id}-table"', 1)[1].split("</table>", 1)[0]
    listed = re.findall(r"<td>([^<]+)</td>", table)
    return drawn, listed


def test_click_through_by_query_and_rank(client, figures, editor):
    client.force_login(editor)
    html = client.get(reverse("search_click_through")).content.decode()
    table = html.split('id="click-through-table"', 1)[1].split("</table>", 1)[0]
    row = table.split(CANARY, 1)[1].split("</tr>", 1)[0]
    # 12 searches, 3 results each, 3 opened (25 %), mean rank 5/3.
    assert re.findall(r"<td>([^<]*)</td>", row) == ["12", "3,0", "3", "25 %", "1,7"]
    drawn, listed = numbers_of(html, "clicks-by-rank")
    assert drawn == listed == ["2", "1", "7"]
    assert "11 and beyond" in html or "11 et au-delà" in html
    drawn, listed = numbers_of(html, "top-queries")
    assert drawn == listed == ["12", "4"]
    opened = html.split('id="header-suggestions-opened">', 1)[1].split("</p>", 1)[0]
    assert opened.strip().startswith("2 ")


def test_deflection_by_month(client, figures, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("search_deflection")).content.decode()
    drawn, listed = numbers_of(html, "deflection-per-month")
    assert drawn == listed == ["0 %", "40 %"]  # last month 5 shown 5 filed; this month 4 left of 10
    table = html.split('id="deflection-table"', 1)[1].split("</table>", 1)[0]
    assert re.findall(r"<td>([^<]*)</td>", table)[-5:] == ["10", "4", "6", "4", "40 %"]
    csv = client.get(reverse("search_deflection"), {"export": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().splitlines()
    assert lines[-1] == f"{datetime.date.today():%Y-%m},10,4,6,4,0.400"


def test_searches_without_results_per_month(client, figures, editor):
    client.force_login(editor)
    html = client.get(reverse("search_zero_results")).content.decode()
    drawn, listed = numbers_of(html, "zero-results-per-month")
    assert drawn == listed == ["4"]


def test_empty_reports_say_no_data_yet(client, editor):
    client.force_login(editor)
    for name in REPORTS:
        html = client.get(reverse(name)).content.decode()
        assert "bar-chart__empty" in html, name
    csv = client.get(reverse("search_click_through"), {"export": "csv"}).content.decode()
    assert len(csv.splitlines()) == 1


def test_a_report_shows_what_was_just_counted(client, editor):
    statistics.record_form_suggestions_shown()
    client.force_login(editor)
    html = client.get(reverse("search_deflection")).content.decode()
    assert "100 %" in html


def test_the_reports_queries_do_not_grow_with_the_data(
    client, editor, django_assert_max_num_queries
):
    client.force_login(editor)
    for number in range(60):
        add(StatisticKind.SEARCH, number + 1, f"terme {number}")
        add(StatisticKind.CLICK, 1, f"terme {number}")
        add(
            StatisticKind.FORM_SHOWN,
            1,
            day=datetime.date.today() - datetime.timedelta(days=number * 10),
        )
    client.get(reverse("search_click_through"))
    with django_assert_max_num_queries(25):
        assert client.get(reverse("search_click_through")).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("search_deflection")).status_code == 200
