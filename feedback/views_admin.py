"""The admin reports of the votes: per page (filtered by month and expert body), and each
page's votes with their comments. Who reads which votes: feedback/access.py."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from web.admin_lists import CalendarDateColumn

from . import access, reports
from .models import PageVote

MONTH_FORMAT = "%Y-%m"


def month_choices(votes):
    return [
        (month.strftime(MONTH_FORMAT), date_format(month, "YEAR_MONTH_FORMAT"))
        for month in reports.months_of(votes)
    ]


def in_month(queryset, value, field="created_on"):
    year, month = (int(part) for part in value.split("-"))
    return queryset.filter(**{f"{field}__year": year, f"{field}__month": month})


class VoteFilterSet(WagtailFilterSet):
    """By month and by expert body, among those the reader may read."""

    month = django_filters.ChoiceFilter(
        label=_("Month"), method="filter_month", empty_label=_("All months")
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Expert body"),
        queryset=access.bodies_readable_by(None),
        method="filter_body",
        empty_label=_("All expert bodies"),
    )

    class Meta:
        model = PageVote
        fields = ["month", "body"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user if request is not None else None
        self.filters["month"].extra["choices"] = month_choices(access.votes_readable_by(user))
        self.filters["body"].queryset = access.bodies_readable_by(user)

    def filter_month(self, queryset, name, value):
        return in_month(queryset, value)

    def filter_body(self, queryset, name, value):
        return queryset.filter(access.of_bodies([value.pk]))


class VoteReportMixin:
    def dispatch(self, request, *args, **kwargs):
        if not access.may_read_votes(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _share_text(row):
    value = row.get("helpful_share")
    return "–" if value is None else f"{value} %"


class PageVoteReportView(VoteReportMixin, ReportView):
    page_title = _("Did the pages help?")
    header_icon = "pick"
    index_url_name = "feedback_page_votes"
    index_results_url_name = "feedback_page_votes_results"
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    filterset_class = VoteFilterSet
    export_filename = "page-votes"
    list_export = ["page__title", "yes", "no", "helpful_share", "comments", "last_vote"]
    export_headings = {
        "page__title": _("Page"),
        "yes": _("Helpful"),
        "no": _("Not helpful"),
        "helpful_share": _("Share helpful (%)"),
        "comments": _("Comments"),
        "last_vote": _("Last vote"),
    }
    columns = [
        TitleColumn(
            "page__title",
            label=_("Page"),
            get_url=lambda row: reverse("feedback_page_vote_detail", args=[row["page_id"]]),
        ),
        Column("yes", label=_("Helpful")),
        Column("no", label=_("Not helpful")),
        Column("helpful_share", label=_("Share helpful"), accessor=_share_text),
        Column("comments", label=_("Comments")),
        CalendarDateColumn("last_vote", label=_("Last vote")),
    ]

    def get_queryset(self):
        return access.votes_readable_by(self.request.user)

    def get_filtered_queryset(self):
        # Filter the votes, then count them per page.
        return reports.per_page(self.filter_queryset(self.get_queryset()))

    def decorate_paginated_queryset(self, object_list):
        return [reports.with_share(row) for row in object_list]


def _helpful_text(vote):
    return _("Yes") if vote.helpful else _("No")


class PageVoteDetailView(VoteReportMixin, ReportView):
    """One page's votes, newest first, with their comments: what readers found missing."""

    header_icon = "pick"
    index_url_name = "feedback_page_vote_detail"
    index_results_url_name = "feedback_page_vote_detail_results"
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    export_filename = "page-vote-comments"
    list_export = ["created_on", "helpful", "comment"]
    export_headings = {"created_on": _("Day"), "helpful": _("Helpful"), "comment": _("Comment")}
    columns = [
        CalendarDateColumn("created_on", label=_("Day")),
        Column("helpful", label=_("Helpful"), accessor=_helpful_text),
        Column("comment", label=_("Comment")),
    ]

    def setup(self, request, *args, page_id, **kwargs):
        super().setup(request, *args, page_id=page_id, **kwargs)
        self.page_id = page_id

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.page_id])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.page_id])

    def get_queryset(self):
        votes = access.votes_readable_by(self.request.user).filter(page_id=self.page_id)
        page = Page.objects.filter(pk=self.page_id).first()
        # Another body's page, or a page nobody voted on: no such report.
        if page is None or not votes.exists():
            raise Http404
        self.voted_page = page
        return votes.order_by("-created_on", "-pk")

    def get_page_title(self):
        return _("Votes on “%(title)s”") % {"title": self.voted_page.title}

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("feedback_page_votes"), "label": PageVoteReportView.page_title},
            {"url": "", "label": self.get_page_title()},
        ]
