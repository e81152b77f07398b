"""The vote's views: a plain POST from the page, then a thanks page (post/redirect/get).

No CSRF token: the form sits in guide and Q&A pages that the anonymous page cache
serves byte for byte to everyone (web/pagecache.py), and a token is personal to a
visitor (it would also set a cookie, which keeps the page out of the cache). So the
views are `csrf_exempt`. A forged vote is what CSRF would let a hostile site cast in a
visitor's name, and a vote has no name: it is the same as anyone voting. What stands
in its stead against abuse: the honeypot field (web/honeypot.py), a limit per client
address (TRIHUB_RATE_LIMITS["feedback_vote"], web/ratelimit.py), live public guides
and Q&A pages only (feedback/votes.py), and a bounded comment.

Bad input answers 400 with the form again, as typed, on a page of its own; over the
limit, the same with 429. Without JavaScript, all of it works.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from web import ratelimit

from . import votes
from .forms import CommentForm, VoteForm, vote_id_from_token, vote_token
from .models import PageVote

RATE_SCOPE = "feedback_vote"
TOKEN_PARAMETER = "vote"


def _page_or_404(page_id):
    page = votes.votable_page(page_id)
    if page is None:
        raise Http404
    return page.specific


def _thanks_url(page, vote=None, commented=False):
    url = reverse("feedback:thanks", args=[page.pk])
    if vote is not None:
        return f"{url}?{urlencode({TOKEN_PARAMETER: vote_token(vote)})}"
    if commented:
        return f"{url}?{urlencode({'commented': 1})}"
    return url


def _form_again(request, template, context, status, refusal=None):
    if refusal is not None:
        minutes = refusal.retry_after_minutes
        context["form"].add_error(
            None,
            ngettext(
                "Many opinions were sent from your connection in a short time. Please "
                "send this one again in %(count)d minute: what you typed is kept below.",
                "Many opinions were sent from your connection in a short time. Please "
                "send this one again in %(count)d minutes: what you typed is kept below.",
                minutes,
            )
            % {"count": minutes},
        )
    response = render(request, template, context, status=status)
    if refusal is not None:
        return ratelimit.set_retry_after(response, refusal)
    add_never_cache_headers(response)
    return response


@csrf_exempt  # see the module's docstring: why, and what stands in for it
@require_POST
def vote(request, page_id):
    page = _page_or_404(page_id)
    form = VoteForm(request.POST, prefix="vote")
    if form.caught_by_honeypot():
        # A robot is told what a person would be, and nothing is stored.
        return redirect(_thanks_url(page))
    context = {"page": page, "form": form}
    if not form.is_valid():
        return _form_again(request, "feedback/vote_again.html", context, 400)
    refusal = ratelimit.consume(request, RATE_SCOPE, per="ip")
    if refusal is not None:
        return _form_again(request, "feedback/vote_again.html", context, 429, refusal)
    cast = votes.cast_vote(page, **form.vote_arguments())
    return redirect(_thanks_url(page, None if cast.comment else cast))


def _vote_offered(page, token):
    """The vote a token offers to comment: this page's, still without a comment."""
    vote_id = vote_id_from_token(token or "")
    if vote_id is None:
        return None
    return PageVote.objects.filter(pk=vote_id, page_id=page.pk, comment="").first()


@require_GET
def thanks(request, page_id):
    page = _page_or_404(page_id)
    token = request.GET.get(TOKEN_PARAMETER)
    offered = _vote_offered(page, token)
    context = {
        "page": page,
        "form": CommentForm(initial={"token": token}) if offered else None,
        "commented": bool(request.GET.get("commented")),
    }
    response = render(request, "feedback/thanks.html", context)
    add_never_cache_headers(response)
    return response


@csrf_exempt  # as the vote's form, which it completes: see the module's docstring
@require_POST
def comment(request, page_id):
    page = _page_or_404(page_id)
    form = CommentForm(request.POST)
    if form.caught_by_honeypot():
        return redirect(_thanks_url(page, commented=True))
    context = {"page": page, "form": form, "commented": False}
    if not form.is_valid():
        return _form_again(request, "feedback/thanks.html", context, 400)
    offered = _vote_offered(page, form.cleaned_data["token"])
    if offered is None:
        form.add_error(
            None,
            _("This link to comment your vote is out of date. Thank you all the same."),
        )
        return _form_again(request, "feedback/thanks.html", context, 400)
    refusal = ratelimit.consume(request, RATE_SCOPE, per="ip")
    if refusal is not None:
        return _form_again(request, "feedback/thanks.html", context, 429, refusal)
    votes.add_comment(offered, form.cleaned_data["comment"])
    return redirect(_thanks_url(page, commented=True))
