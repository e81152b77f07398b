"""The report of searches without results titles its column "Search term", not the
button's verb "Search" (French "Rechercher")."""

import pytest
from django.urls import reverse
from django.utils import translation

from search.views_admin import ZeroResultReportView
from tests.factories import searched_without_results

pytestmark = pytest.mark.django_db


def test_the_report_column_is_the_search_term():
    with translation.override("en"):
        labels = [str(column.label) for column in ZeroResultReportView.columns]
        assert labels[0] == "Search term"
        assert ZeroResultReportView.export_headings["query"] == "Search term"


def test_the_report_page_shows_it(client, make_user, staff_roles):
    searched_without_results("hydrogène vert")
    client.force_login(make_user(username="admin", is_superuser=True, is_staff=True))

    html = client.get(reverse("search_zero_results")).content.decode()

    with translation.override("fr"):
        assert translation.gettext("Search term") in html
    assert "hydrogène vert" in html
