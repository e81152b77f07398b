from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Search the live, public knowledge pages with Wagtail's configured backend."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().filter(depth__gt=1).specific().search(query)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {"query": query, "results": page, "paginator": page.paginator},
    )
