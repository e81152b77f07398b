from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from web.admin_reports import report_urls

from . import access
from .views_admin import PageVoteDetailView, PageVoteReportView


class VoteReportMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_read_votes(request.user)


@hooks.register("register_admin_urls")
def register_vote_reports():
    return [
        *report_urls("reports/page-votes/", PageVoteReportView),
        *report_urls("reports/page-votes/<int:page_id>/", PageVoteDetailView),
    ]


@hooks.register("register_reports_menu_item")
def register_vote_report_menu_item():
    return VoteReportMenuItem(
        _("Did the pages help?"), reverse("feedback_page_votes"), icon_name="pick", order=710
    )
