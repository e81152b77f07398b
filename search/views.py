from django.shortcuts import render

from web import ratelimit

from .forms import SearchForm
from .service import search as run_search


@ratelimit.limit("search_page", per="ip", methods=("GET",))
def search(request):
    """The public search page: live, public guidance only, with facets."""
    form = SearchForm(request.GET)
    query = form.to_query()
    results = run_search(query) if query.text else None
    return render(
        request,
        "search/search.html",
        {"form": form, "search_query": query, "query": query.text, "results": results},
        # What was not understood (a page number past the last one we serve...) was
        # left out, and said on the page.
        status=400 if form.errors else 200,
    )
