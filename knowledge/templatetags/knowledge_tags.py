"""Template tags of the public site: navigation, breadcrumbs and small safe helpers."""

from django import template
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import prefetch_related_objects
from django.utils.text import slugify
from wagtail.models import Page

from web.pagecache import page_cache
from web.sites import find_site

register = template.Library()

_ROOT_CACHE = "_knowledge_site_root"


def _request(context):
    return context.get("request")


def get_site_root(context):
    """The root page of the current site, looked up once per request (or None)."""
    request = _request(context)
    if request is None:
        return None
    if not hasattr(request, _ROOT_CACHE):
        site = find_site(request)
        setattr(request, _ROOT_CACHE, site.root_page if site else None)
    return getattr(request, _ROOT_CACHE)


def _current_page(context):
    page = context.get("page") or context.get("self")
    return page if isinstance(page, Page) else None


@register.simple_tag(takes_context=True)
def site_root(context):
    """`{% site_root as root %}`: the current site's root (home) page."""
    return get_site_root(context)


@register.simple_tag(takes_context=True)
def site_name(context):
    """The current site's name, falling back to WAGTAIL_SITE_NAME."""
    request = _request(context)
    site = find_site(request) if request is not None else None
    if site and site.site_name:
        return site.site_name
    return getattr(settings, "WAGTAIL_SITE_NAME", "")


def _menu_links(context, name, pages):
    """Title, URL and tree path of the menu's pages, kept in the page cache.

    Every page of the site shows both menus, and the page cache is cleared whenever a
    page is published, unpublished or moved, so the menus stay true without their
    queries on every request (signed-in pages and searches included)."""
    request = _request(context)
    root = get_site_root(context)
    if root is None:
        return []
    key = f"menu:{name}:{root.pk}:{request.get_host() if request else ''}"
    cache = page_cache()
    links = cache.get(key)
    if links is None:
        links = [
            {"pk": page.pk, "path": page.path, "title": page.title, "url": page.get_url(request)}
            for page in pages(root)
        ]
        cache.set(key, links)
    return links


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live, in-menu children of the site root; marks the current section."""
    current = _current_page(context)
    items = []
    for link in _menu_links(context, "main", lambda root: root.get_children().live().in_menu()):
        state = ""
        if current is not None:
            if current.pk == link["pk"]:
                state = "page"
            elif current.path.startswith(link["path"]):
                state = "true"
        items.append({**link, "current": state})
    return {"items": items, "request": _request(context)}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Ancestors of the current page from the site root down; nothing on the root."""
    root = get_site_root(context)
    current = _current_page(context)
    ancestors = []
    if (
        root is not None
        and current is not None
        and current.pk != root.pk
        and current.path.startswith(root.path)
    ):
        ancestors = list(
            Page.objects.ancestor_of(current, inclusive=True)
            .filter(depth__gte=root.depth)
            .order_by("depth")
        )
    return {"ancestors": ancestors, "request": _request(context)}


@register.inclusion_tag("includes/footer_menu.html", takes_context=True)
def footer_menu(context):
    """Links to the standard pages (legal notice, accessibility, privacy) under home."""
    from ..models import StandardPage

    def pages(root):
        return StandardPage.objects.child_of(root).live().public()

    return {"pages": _menu_links(context, "footer", pages), "request": _request(context)}


@register.filter
def verbose_name(value):
    """The verbose name of a model, model instance or page (``_meta`` is off-limits)."""
    meta = getattr(value, "_meta", None)
    return meta.verbose_name if meta is not None else ""


@register.filter
def section_anchor(value):
    """The id of a section block: its anchor, or its title, slugified."""
    if not value:
        return ""
    anchor = value.get("anchor") if hasattr(value, "get") else None
    title = value.get("title") if hasattr(value, "get") else None
    return slugify(anchor or title or "")


@register.filter
def live_page(obj, attname="page"):
    """The live page on a reverse one-to-one (e.g. ``body|live_page``), else None.

    A missing reverse one-to-one raises in templates' eyes only as an empty string;
    this filter makes the absent and the unpublished cases explicit and safe.
    """
    if obj is None:
        return None
    try:
        page = getattr(obj, attname)
    except (ObjectDoesNotExist, AttributeError):
        return None
    if page is None or not getattr(page, "live", False):
        return None
    return page


@register.filter
def with_pages(items, attname="page"):
    """The items (priorities, expert bodies) with their reverse one-to-one page fetched
    in one query for all, so that ``live_page`` does not query once per item."""
    items = list(items)
    prefetch_related_objects(items, attname)
    return items


@register.simple_tag
def elided_pages(page_obj, on_each_side=2, on_ends=1):
    """Page numbers around the current one, with the paginator's ellipsis in gaps."""
    paginator = page_obj.paginator
    return list(
        paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=on_ends)
    )
