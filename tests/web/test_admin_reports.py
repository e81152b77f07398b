"""A report's two URLs come from the names its view holds: the page and its results."""

import pytest
from django.urls import resolve, reverse

from desk.report_views import BodyMonthReportView
from feedback.views_admin import PageVoteDetailView, PageVoteReportView
from knowledge.review_views import ContentReviewReportView

ADDRESSES = [
    (BodyMonthReportView, "/admin/reports/expert-bodies-by-month/", []),
    (ContentReviewReportView, "/admin/reports/content-to-review/", []),
    (PageVoteReportView, "/admin/reports/page-votes/", []),
    (PageVoteDetailView, "/admin/reports/page-votes/7/", [7]),
]


@pytest.mark.parametrize(("view_class", "address", "args"), ADDRESSES)
def test_the_page_and_its_results(view_class, address, args):
    assert reverse(view_class.index_url_name, args=args) == address
    assert reverse(view_class.index_results_url_name, args=args) == f"{address}results/"
    page, results = resolve(address), resolve(f"{address}results/")
    assert page.func.view_class is results.func.view_class is view_class
    assert not page.func.view_initkwargs and results.func.view_initkwargs == {"results_only": True}
