"""Admin screens for the reference data shared by pages and requests."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import PageViewRestriction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from web import pagecache

from .models import ExpertBody, Priority, Territory
from .models.roadmap_actions import RoadmapAction


class PriorityViewSet(SnippetViewSet):
    model = Priority
    icon = "pick"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class TerritoryViewSet(SnippetViewSet):
    model = Territory
    icon = "site"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ExpertBodyViewSet(SnippetViewSet):
    model = ExpertBody
    icon = "group"
    list_display = ["name", "acronym", "kind", "group"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]


class ReferenceDataGroup(SnippetViewSetGroup):
    items = (PriorityViewSet, TerritoryViewSet, ExpertBodyViewSet)
    menu_icon = "folder-open-1"
    menu_label = _("Reference data")
    menu_name = "reference-data"


register_snippet(ReferenceDataGroup)


class RoadmapActionViewSet(SnippetViewSet):
    """The roadmap's actions, kept by editors and coordinators (their groups' model
    permissions, workflows/roles.py); the accountability page lists them."""

    model = RoadmapAction
    icon = "tasks"
    menu_label = _("Roadmap actions")
    menu_name = "roadmap-actions"
    menu_order = 170
    add_to_admin_menu = True
    list_display = ["title", "priority", "status", "progress", "target_date"]
    list_filter = ["status", "priority"]
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
