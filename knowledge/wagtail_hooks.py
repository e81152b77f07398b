"""Admin screens for the reference data shared by pages and requests."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import PageViewRestriction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from web import pagecache
from web.admin_lists import ListWordingMixin
from web.admin_reports import report_urls

from .models import ContentReview, ExpertBody, Priority, Territory
from .models.roadmap_actions import ActionStatus, RoadmapAction
from .review import service as review_service
from .review_views import ContentReviewReportView, MarkReviewedView, mark_reviewed_url


# The filters' empty choices say what they keep (never "---------").
class ExpertBodyFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ExpertBody.Kind.choices, empty_label=_("All kinds")
    )

    class Meta:
        model = ExpertBody
        fields = ["kind"]


class RoadmapActionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActionStatus.choices, empty_label=_("All statuses")
    )
    priority = django_filters.ModelChoiceFilter(
        label=_("Priority"), queryset=Priority.objects.all(), empty_label=_("All priorities")
    )

    class Meta:
        model = RoadmapAction
        fields = ["status", "priority"]


class PriorityViewSet(ListWordingMixin, SnippetViewSet):
    model = Priority
    add_item_label = _("Add a priority")
    no_results_message = _("No priority to show.")
    icon = "pick"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class TerritoryViewSet(ListWordingMixin, SnippetViewSet):
    model = Territory
    add_item_label = _("Add a territory")
    no_results_message = _("No territory to show.")
    icon = "site"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ExpertBodyViewSet(ListWordingMixin, SnippetViewSet):
    model = ExpertBody
    add_item_label = _("Add an expert body")
    no_results_message = _("No expert body to show.")
    icon = "group"
    list_display = ["name", "acronym", "kind", "group"]
    filterset_class = ExpertBodyFilterSet
    search_fields = ["name", "acronym"]


class ReferenceDataGroup(SnippetViewSetGroup):
    items = (PriorityViewSet, TerritoryViewSet, ExpertBodyViewSet)
    menu_icon = "folder-open-1"
    menu_label = _("Reference data")
    menu_name = "reference-data"


register_snippet(ReferenceDataGroup)


class RoadmapActionViewSet(ListWordingMixin, SnippetViewSet):
    """The roadmap's actions, kept by editors and coordinators (their groups' model
    permissions, workflows/roles.py); the accountability page lists them."""

    model = RoadmapAction
    add_item_label = _("Add a roadmap action")
    no_results_message = _("No roadmap action to show.")
    icon = "tasks"
    menu_label = _("Roadmap actions")
    menu_name = "roadmap-actions"
    menu_order = 170
    add_to_admin_menu = True
    list_display = ["title", "priority", "status", "progress", "target_date"]
    filterset_class = RoadmapActionFilterSet
    search_fields = ["title"]


register_snippet(RoadmapActionViewSet)


@hooks.register("before_serve_page")
def allow_page_cache(page, request, serve_args, serve_kwargs):
    """Public pages may be cached for anonymous visitors; restricted ones never."""
    if page.alias_of_id:  # aliases follow their source's restrictions
        restricted = page.get_view_restrictions().exists()
    else:  # one query on the page's own path and its ancestors' paths
        step = page.steplen
        paths = [page.path[:end] for end in range(step, len(page.path) + 1, step)]
        restricted = PageViewRestriction.objects.filter(page__path__in=paths).exists()
    if not restricted:
        pagecache.mark_cacheable(request)


# Review dates (knowledge/review/): the report, its action, and the action's audit log.


@hooks.register("register_admin_urls")
def register_content_review_urls():
    return [
        *report_urls("reports/content-to-review/", ContentReviewReportView),
        path(
            "reviews/<int:page_id>/mark/",
            MarkReviewedView.as_view(),
            name="knowledge_mark_reviewed",
        ),
    ]


class ContentReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return review_service.may_see_reviews(request.user)


@hooks.register("register_reports_menu_item")
def register_content_review_menu_item():
    return ContentReviewMenuItem(
        _("Content to review"), reverse("knowledge_content_review"), icon_name="time", order=650
    )


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(
        review_service.MARK_REVIEWED_ACTION,
        _("Mark reviewed"),
        _("Marked reviewed without changes"),
    )


class MarkReviewedButton(PageMenuItem):
    label = _("Mark reviewed")
    icon_name = "time"

    def __init__(self, *, user, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def is_shown(self, user):
        page = self.page.specific_deferred
        if not review_service.is_reviewed_page(page):
            return False
        review = ContentReview.objects.filter(page_id=page.pk).first()
        return review_service.can_mark_reviewed(user, page, review)

    @property
    def url(self):
        return mark_reviewed_url(self.page.pk, self.next_url)


# On the edit view's header only: the listing's "more" menus would ask once per row.
@hooks.register("register_page_header_buttons")
def page_header_mark_reviewed(page, user, view_name=None, next_url=None):
    yield MarkReviewedButton(page=page, user=user, next_url=next_url, priority=66)
