"""What is kept of the words searched (search/query_privacy.py): an email address or a long
number is counted without its words; a query shows once searched a few times; the rare
ones are folded away after a while."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from search import query_privacy, statistics
from search.models import SearchStatistic, StatisticKind, ZeroResultQuery
from search.query import SearchQuery
from search.service import record_zero_result
from search.service import search as run_search

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_buffer(settings):
    settings.SEARCH_URL = ""
    statistics.discard()
    yield
    statistics.discard()


def counts(kind):
    """{key: count over all days}."""
    totals = {}
    for row in SearchStatistic.objects.filter(kind=kind):
        totals[row.key] = totals.get(row.key, 0) + row.count
    return totals


@pytest.mark.parametrize(
    "typed",
    [
        "marie.dupont@example.org",
        "contact @ mairie",  # an @ between spaces is no address: kept
        "siret 12345678901234",
        "SIREN 123 456 789",
        "06 12 34 56 78",
        "+33 6.12.34.56.78",
        "FR76 3000 6000 0112 3456 7890 189",
        "1 85 05 78 006 084 36",
        "06 - 12 - 34 - 56 - 78",
        "06/12/34/56/78",
        "(06) 12 34 56 78",
        "06_12_34_56_78",
        "marie.dupont @example.org",
        "marie.dupont @ example.org",
        "2025 2030 123456789",  # a SIREN beside years
    ],
)
def test_emails_and_long_numbers_are_not_kept(typed):
    expected = typed == "contact @ mairie"
    assert query_privacy.may_keep(typed) is expected


@pytest.mark.parametrize(
    "typed",
    [
        "feuille de route 2025 2030",
        "feuille de route 2025 2030 2050",
        "2020 2025 2030",
        "59000 lille",
        "59000 62000 lille",
        "aides 2026",
        "département 62",
        "contact@",  # an @ with nothing after: no address
    ],
)
def test_years_postcodes_and_short_numbers_are_kept(typed):
    assert query_privacy.may_keep(typed)


def test_a_search_holding_personal_data_is_counted_without_its_words():
    run_search(SearchQuery("dossier de marie.dupont@example.org"))
    run_search(SearchQuery("siret 123 456 789 00012"))
    statistics.flush()
    assert counts(StatisticKind.SEARCH) == {query_privacy.WITHHELD: 2}
    assert counts(StatisticKind.ZERO) == {query_privacy.WITHHELD: 2}  # the month's totals
    assert not ZeroResultQuery.objects.exists()
    stored = " ".join(SearchStatistic.objects.values_list("key", flat=True))
    assert "dupont" not in stored and "123" not in stored


def test_a_withheld_query_never_shows_in_the_click_through_report(client, editor):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for key in ("bornes recharge", "paul durand"):  # searched yesterday too
        SearchStatistic.objects.create(day=yesterday, kind=StatisticKind.SEARCH, key=key, count=1)
    for _ in range(5):
        run_search(SearchQuery("marie.dupont@example.org"))
        run_search(SearchQuery("bornes recharge"))
        run_search(SearchQuery("jean martin"))  # five times, but in one day: not shown
    run_search(SearchQuery("paul durand"))  # on two days, but twice: not shown
    signature = statistics.sign_query("marie.dupont@example.org")
    response = client.post(
        reverse("search:event"),
        {"event": "result", "q": "marie.dupont@example.org", "sig": signature, "rank": "1"},
    )
    assert response.status_code == 204
    client.force_login(editor)
    html = client.get("/admin/reports/search-click-through/").content.decode()
    assert "bornes recharge" in html
    assert "dupont" not in html and "jean martin" not in html and "paul durand" not in html
    assert "une fois recherché 3 fois, sur deux jours différents au moins" in html  # why
    csv = client.get("/admin/reports/search-click-through/?export=csv").content.decode()
    assert "bornes recharge" in csv
    assert "dupont" not in csv and "jean martin" not in csv and "paul durand" not in csv
    assert counts(StatisticKind.CLICK) == {query_privacy.WITHHELD: 1}


def test_one_sittings_repeats_show_where_two_days_are_not_asked(client, editor, settings):
    settings.SEARCH_STATISTICS_TWO_DAYS = False
    for _ in range(3):
        run_search(SearchQuery("bornes recharge"))
    client.force_login(editor)
    html = client.get("/admin/reports/search-click-through/").content.decode()
    assert "bornes recharge" in html and "deux jours" not in html


def test_searches_without_results_show_from_three_on_two_days(client, editor, settings):
    for _ in range(3):
        record_zero_result("jean martin")
    client.force_login(editor)
    assert "jean martin" not in client.get(reverse("search_zero_results")).content.decode()
    record = ZeroResultQuery.objects.get()
    ZeroResultQuery.objects.update(first_seen=record.first_seen - datetime.timedelta(days=1))
    assert "jean martin" in client.get(reverse("search_zero_results")).content.decode()
    ZeroResultQuery.objects.update(count=2)  # two days, but twice
    assert "jean martin" not in client.get(reverse("search_zero_results")).content.decode()
    settings.SEARCH_STATISTICS_TWO_DAYS = False
    ZeroResultQuery.objects.update(count=3, first_seen=record.last_seen)
    assert "jean martin" in client.get(reverse("search_zero_results")).content.decode()


def test_rare_queries_are_folded_away_with_their_totals_kept():
    today = timezone.localdate()
    old = today - datetime.timedelta(days=query_privacy.rare_days() + 1)
    older = old - datetime.timedelta(days=1)
    recent = today - datetime.timedelta(days=2)
    rows = [
        (old, StatisticKind.SEARCH, "jean martin", 2),  # rare and old: folded
        (old, StatisticKind.RESULTS, "jean martin", 0),
        (old, StatisticKind.ZERO, "jean martin", 2),
        (old, StatisticKind.SEARCH, "un seul jour", 5),  # often, but one day: folded
        (older, StatisticKind.SEARCH, "bornes recharge", 1),  # shown: kept
        (old, StatisticKind.SEARCH, "bornes recharge", 3),
        (old, StatisticKind.SEARCH, "vélo cargo", 1),  # searched since: kept
        (recent, StatisticKind.SEARCH, "vélo cargo", 1),
        (old, StatisticKind.SEARCH, query_privacy.WITHHELD, 3),  # added to
        (old, StatisticKind.RANK, "1", 1),  # not a query
    ]
    for day, kind, key, count in rows:
        SearchStatistic.objects.create(day=day, kind=kind, key=key, count=count)
    moment = timezone.now() - datetime.timedelta(days=query_privacy.rare_days() + 1)
    ZeroResultQuery.objects.create(
        query="jean martin", count=2, first_seen=moment, last_seen=moment
    )
    ZeroResultQuery.objects.create(  # often, but in one day: forgotten too
        query="un seul jour", count=5, first_seen=moment, last_seen=moment
    )
    ZeroResultQuery.objects.create(
        query="hydrolienne",
        count=5,
        first_seen=moment - datetime.timedelta(days=3),
        last_seen=moment,
    )
    ZeroResultQuery.objects.create(query="vélo cargo", count=1)  # recent

    assert statistics.fold_rare_queries(today) == (4, 2)

    assert counts(StatisticKind.SEARCH) == {
        "bornes recharge": 4,
        "vélo cargo": 2,
        query_privacy.WITHHELD: 10,
    }
    assert counts(StatisticKind.ZERO) == {query_privacy.WITHHELD: 2}
    assert counts(StatisticKind.RANK) == {"1": 1}
    assert set(ZeroResultQuery.objects.values_list("query", flat=True)) == {
        "hydrolienne",
        "vélo cargo",
    }
    assert statistics.fold_rare_queries(today) == (0, 0)  # idempotent


def test_the_retention_command_folds(capsys):
    old = timezone.localdate() - datetime.timedelta(days=query_privacy.rare_days() + 1)
    SearchStatistic.objects.create(day=old, kind=StatisticKind.SEARCH, key="jean martin", count=1)
    call_command("fold_rare_search_queries")
    assert "1 statistic rows folded" in capsys.readouterr().out
    assert counts(StatisticKind.SEARCH) == {query_privacy.WITHHELD: 1}
