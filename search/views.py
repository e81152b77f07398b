from django import forms
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from web import ratelimit

from . import statistics
from .forms import SearchForm
from .query import MAX_QUERY_LENGTH
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
        {
            "form": form,
            "search_query": query,
            "query": query.text,
            "results": results,
            # The rank of a page's first hit is this plus one (the click-through beacon).
            "rank_offset": (query.page - 1) * query.page_size,
            # The words the beacon counts a result opened for, signed (search.statistics).
            "beacon": {
                "query": statistics.normalise_query(query.text),
                "signature": statistics.sign_query(query.text),
            },
        },
        # What was not understood (a page number past the last one we serve...) was
        # left out, and said on the page.
        status=400 if form.errors else 200,
    )


RESULT_OPENED = "result"
EVENTS = {
    RESULT_OPENED: statistics.record_result_opened,
    "header_suggestion": statistics.record_header_suggestion_opened,
    "form_shown": statistics.record_form_suggestions_shown,
    "form_opened": statistics.record_form_suggestion_opened,
}
MAX_BODY = 1024  # bytes: an event is a few short fields


class SearchEventForm(forms.Form):
    event = forms.ChoiceField(choices=[(name, name) for name in EVENTS])
    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH, strip=True)
    sig = forms.CharField(required=False, max_length=100)
    rank = forms.IntegerField(required=False, min_value=1, max_value=statistics.MAX_RANK)

    def clean(self):
        data = super().clean()
        if data.get("event") == RESULT_OPENED:
            if not data.get("q"):
                self.add_error("q", gettext_lazy("The search's words are required."))
            elif "q" not in self.errors and not statistics.signed(data["q"], data.get("sig")):
                # Only words the search page showed results for count (search.statistics).
                self.add_error("sig", gettext_lazy("These words were not searched here."))
            if data.get("rank") is None and "rank" not in self.errors:
                self.add_error("rank", gettext_lazy("The rank opened is required."))
        return data


def _refused(status, detail, errors=None, refusal=None):
    body = {"detail": detail} | ({"errors": errors} if errors else {})
    response = JsonResponse(body, status=status)
    return ratelimit.set_retry_after(response, refusal) if refusal else response


# Exempt from CSRF: navigator.sendBeacon cannot send the token, and the header's
# suggestions are opened from cached pages, which carry none. A forged event can only add
# one to an anonymous count (a result opened needs the search page's signature of its
# words); a browser's cross-site POST is refused on Sec-Fetch-Site, and the rate limit
# bounds the rest.
@csrf_exempt
@require_POST
def event(request):
    """One event of the search page or the request form's suggestions (a beacon): 204.

    Counted in `search.statistics`, linked to nobody; bad input answers 400 in JSON."""
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return _refused(403, _("Events are accepted from this site's pages only."))
    refusal = ratelimit.consume(request, "search_event")
    if refusal is not None:
        return _refused(429, _("Too many events."), refusal=refusal)
    try:
        length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        return _refused(400, _("Invalid event."))
    if length > MAX_BODY:
        return _refused(413, _("An event is a few short fields."))
    form = SearchEventForm(request.POST)
    if not form.is_valid():
        return _refused(400, _("Invalid event."), errors=form.errors.get_json_data())
    data = form.cleaned_data
    if data["event"] == RESULT_OPENED:
        statistics.record_result_opened(data["q"], data["rank"])
    else:
        EVENTS[data["event"]]()
    return HttpResponse(status=204)
