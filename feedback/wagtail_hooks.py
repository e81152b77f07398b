from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import access
from .views_admin import PageVoteDetailView, PageVoteReportView


class VoteReportMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_read_votes(request.user)


@hooks.register("register_admin_urls")
def register_vote_reports():
    return [
        path("reports/page-votes/", PageVoteReportView.as_view(), name="feedback_page_votes"),
        path(
            "reports/page-votes/results/",
            PageVoteReportView.as_view(results_only=True),
            name="feedback_page_votes_results",
        ),
        path(
            "reports/page-votes/<int:page_id>/",
            PageVoteDetailView.as_view(),
            name="feedback_page_vote_detail",
        ),
        path(
            "reports/page-votes/<int:page_id>/results/",
            PageVoteDetailView.as_view(results_only=True),
            name="feedback_page_vote_detail_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_vote_report_menu_item():
    return VoteReportMenuItem(
        _("Did the pages help?"), reverse("feedback_page_votes"), icon_name="pick", order=710
    )
