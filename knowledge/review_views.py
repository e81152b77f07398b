"""The admin's "Content to review" report and its "mark reviewed" action. The rules are
in `knowledge/review/service.py`; these views only ask and call it."""

import datetime

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from web.admin_lists import CalendarDateColumn

from .models import ContentReview, ExpertBody
from .review import service

EDITORS_CHOICE = "editors"
DUE_CHOICES = (
    ("overdue", gettext_lazy("Overdue")),
    ("30", gettext_lazy("Due within 30 days")),
    ("90", gettext_lazy("Due within 90 days")),
)


class ContentReviewFilterSet(WagtailFilterSet):
    owner = django_filters.ChoiceFilter(
        label=pgettext_lazy("review", "Owner"),
        empty_label=gettext_lazy("All owners"),
        method="filter_owner",
    )
    due = django_filters.ChoiceFilter(
        label=gettext_lazy("Due"),
        choices=DUE_CHOICES,
        empty_label=gettext_lazy("Any date"),
        method="filter_due",
    )

    class Meta:
        model = ContentReview
        fields = ["owner", "due"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner"].extra["choices"] = [(EDITORS_CHOICE, _("The editors"))] + [
            (str(body.pk), str(body)) for body in ExpertBody.objects.order_by("name")
        ]

    def filter_owner(self, queryset, name, value):
        if value == EDITORS_CHOICE:
            return queryset.filter(owner__isnull=True)
        return queryset.filter(owner_id=value)

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(review_by__lt=today)
        return queryset.filter(review_by__lte=today + datetime.timedelta(days=int(value)))


def _edit_url(review):
    return reverse("wagtailadmin_pages:edit", args=[review.page_id])


class MarkReviewedColumn(Column):
    """The row's "mark reviewed" link (to its confirmation), for whoever may."""

    cell_template_name = "knowledge/review/mark_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        if service.can_mark_reviewed(request.user, instance.page, instance):
            context["mark_url"] = mark_reviewed_url(instance.page_id, request.get_full_path())
        return context


def mark_reviewed_url(page_id, next_url=None):
    url = reverse("knowledge_mark_reviewed", args=[page_id])
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return url


class ContentReviewReportView(ReportView):
    """Guides and Q&A pages with their owner and dates, overdue first then the soonest
    due; an expert sees their bodies' pages only (`service.reviews_for`)."""

    page_title = gettext_lazy("Content to review")
    header_icon = "time"
    index_url_name = "knowledge_content_review"
    index_results_url_name = "knowledge_content_review_results"
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    filterset_class = ContentReviewFilterSet
    list_export = ["page.title", "page_type", "owner_name", "reviewed_at", "review_by", "status"]
    export_headings = {
        "page.title": gettext_lazy("Page"),
        "page_type": gettext_lazy("Type"),
        "owner_name": pgettext_lazy("review", "Owner"),
        "reviewed_at": gettext_lazy("Last reviewed"),
        "review_by": gettext_lazy("Review by"),
        "status": gettext_lazy("Status"),
    }
    columns = [
        TitleColumn("title", label=gettext_lazy("Page"), accessor="page.title", get_url=_edit_url),
        Column("page_type", label=gettext_lazy("Type")),
        Column("owner_name", label=pgettext_lazy("review", "Owner")),
        CalendarDateColumn("reviewed_at", label=gettext_lazy("Last reviewed")),
        CalendarDateColumn("review_by", label=gettext_lazy("Review by")),
        Column("status", label=gettext_lazy("Status")),
        MarkReviewedColumn("mark", label=gettext_lazy("Actions")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not service.may_see_reviews(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return service.reviews_for(self.request.user)


class MarkReviewedView(WagtailAdminTemplateMixin, TemplateView):
    """Asks to confirm (GET), then marks the page reviewed (POST, with CSRF).

    A page the person may not see in the report answers 404; one they see but may not
    mark (a coordinator before an expert body's guide) 403."""

    template_name = "knowledge/review/confirm.html"
    page_title = gettext_lazy("Mark reviewed")
    header_icon = "time"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        self.review = ContentReview.objects.filter(page_id=self.page.pk).first()

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not service.is_reviewed_page(self.page) or self.review is None:
            raise Http404
        if not service.can_mark_reviewed(user, self.page, self.review):
            if service.may_see_reviews(user) and (
                service.reviews_for(user).filter(page_id=self.page.pk).exists()
            ):
                raise PermissionDenied
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def next_url(self):
        url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url and url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return url
        return reverse("knowledge_content_review")

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("knowledge_content_review"), "label": _("Content to review")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.page,
            review=self.review,
            next_url=self.next_url(),
            new_review_by=service.review_by_after(timezone.now()),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            review = service.mark_reviewed(self.page, request.user)
        except PermissionDenied:
            raise Http404 from None  # lost the right meanwhile
        messages.success(
            request,
            _("“%(title)s” marked reviewed; next review by %(date)s.")
            % {
                "title": self.page.get_admin_display_title(),
                "date": date_format(review.review_by, "DATE_FORMAT"),
            },
        )
        return redirect(self.next_url())
