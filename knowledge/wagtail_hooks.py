"""Admin screens for the reference data shared by pages and requests."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import PageViewRestriction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from web import pagecache
from web.admin_lists import ListWordingMixin

from .models import ExpertBody, Priority, Territory
from .models.roadmap_actions import ActionStatus, RoadmapAction


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
