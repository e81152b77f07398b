"""The three kinds of evidence of a guidance gap, read into candidates for `gaps.refresh`.

Each source yields `Candidate`s: what an item of that kind and key would hold now. None
holds a person: searches and votes are linked to nobody already, and of requests only
their references, counts and the terms they share are kept, never their holder, their
project or their text.

- searches without results (`search.ZeroResultQuery`), grouped by their index terms
  ("Bornes de recharge" and "borne recharge" are one gap), searched at least
  GAPS_MIN_SEARCHES times in all;
- pages rated unhelpful (`feedback.PageVote`): at least GAPS_MIN_UNHELPFUL_VOTES "no"
  votes, and at least GAPS_MIN_UNHELPFUL_SHARE of the page's votes; for an item closed
  once, only the votes cast after the day it closed count;
- groups of requests (`desk.HowToRequest`, filed in the last GAPS_REQUEST_DAYS, neither
  duplicates nor withdrawn): at least GAPS_MIN_REQUESTS requests whose title and
  question share at least GAPS_MIN_SHARED_TERMS significant terms (see `_significant`),
  used in at least two projects by two holders, never the words naming a holder; a
  group inside a larger one (the same subject, more precisely put) is the larger one.
"""

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Page

from desk.models import HowToRequest
from desk.states import Status
from knowledge.models import GuideSectionPage
from search.models import ZeroResultQuery
from search.text import STOPWORDS, WORD, fold, stem, terms

from .coverage import COVERING_TYPES, fingerprint
from .models import Kind, State

# The weight of one piece of evidence, to order one backlog of three kinds: a filed
# request is a search that went as far as asking; a "no" vote is read on a page that
# exists, not guessed from a query.
WEIGHTS = {Kind.SEARCH: 1, Kind.UNHELPFUL: 2, Kind.REQUESTS: 5}
# The rarest terms of a long question are enough to group it (and bound the pairs).
MAX_TERMS_PER_REQUEST = 30
MAX_LISTED = 50  # queries or references shown per item
MIN_TERM_LENGTH = 3  # shorter stems ("eau" stays) say little of a subject
# The words of asking, in every request whatever it is about.
ASKING = frozenset(
    stem(fold(word))
    for word in (
        "bonjour merci madame monsieur question questions comment quel quelle quels quelles "
        "pourquoi combien quand peut peux pouvons pourrions faire faut possible besoin "
        "savoir souhaite souhaitons voudrions aimerions cordialement"
    ).split()
)


@dataclass
class Candidate:
    kind: str
    key: str
    title: str
    terms: list
    evidence: dict
    weight: int
    evidence_at: datetime
    body_id: int | None = None
    page_id: int | None = None
    page_fingerprint: str = ""
    request_ids: frozenset = field(default_factory=frozenset)


def all_candidates():
    yield from searches()
    yield from unhelpful_pages()
    yield from request_groups()


# Searches ---------------------------------------------------------------------------


def searches():
    grouped = defaultdict(list)
    # Only words searched often enough to be shown (search.query_privacy): the queue
    # shows them as evidence.
    for zero in ZeroResultQuery.objects.shown().order_by("-count", "query"):
        item_terms = sorted(set(terms(zero.query)))
        if item_terms:
            grouped[" ".join(item_terms)[:255]].append(zero)
    for key, queries in grouped.items():
        total = sum(query.count for query in queries)
        if total < settings.GAPS_MIN_SEARCHES:
            continue
        yield Candidate(
            kind=Kind.SEARCH,
            key=key,
            title=queries[0].query,  # the most searched way of putting it
            terms=key.split(),
            evidence={
                "searches": total,
                "queries": [
                    {"query": query.query, "count": query.count, "last": _day(query.last_seen)}
                    for query in queries[:MAX_LISTED]
                ],
            },
            weight=total * WEIGHTS[Kind.SEARCH],
            evidence_at=max(query.last_seen for query in queries),
        )


def _day(moment):
    return timezone.localdate(moment).isoformat()


# Unhelpful pages ----------------------------------------------------------------------


def unhelpful_pages():
    from feedback.models import PageVote

    from .models import GapItem

    closed_on = dict(
        GapItem.objects.filter(kind=Kind.UNHELPFUL, state=State.CLOSED).values_list(
            "page_id", "state_changed_at"
        )
    )
    closed_on = {page_id: timezone.localdate(at) for page_id, at in closed_on.items() if at}
    tallies = defaultdict(Counter)
    days = (
        PageVote.objects.values("page_id", "created_on", "helpful")
        .annotate(votes=Count("pk"), comments=Count("pk", filter=~Q(comment="")))
        .order_by()
    )
    for row in days:
        after = closed_on.get(row["page_id"])
        if after and row["created_on"] <= after:
            continue
        tally = tallies[row["page_id"]]
        tally["no" if not row["helpful"] else "yes"] += row["votes"]
        tally["comments"] += row["comments"]
        if not row["helpful"]:
            tally["last"] = max(tally["last"], row["created_on"].toordinal())
    wanted = {
        page_id
        for page_id, tally in tallies.items()
        if tally["no"] >= settings.GAPS_MIN_UNHELPFUL_VOTES
        and tally["no"] >= settings.GAPS_MIN_UNHELPFUL_SHARE * (tally["no"] + tally["yes"])
    }
    if not wanted:
        return
    pages = Page.objects.filter(pk__in=wanted).live().specific()
    for page in pages:
        if not isinstance(page, COVERING_TYPES):
            continue
        tally = tallies[page.pk]
        last_day = datetime.fromordinal(tally["last"]).date()
        yield Candidate(
            kind=Kind.UNHELPFUL,
            key=str(page.pk),
            title=page.title,
            terms=[],
            evidence={
                "no": tally["no"],
                "yes": tally["yes"],
                "comments": tally["comments"],
                "since": closed_on[page.pk].isoformat() if page.pk in closed_on else "",
            },
            weight=tally["no"] * WEIGHTS[Kind.UNHELPFUL],
            evidence_at=timezone.make_aware(datetime.combine(last_day, time.min)),
            body_id=_body_of_page(page),
            page_id=page.pk,
            page_fingerprint=fingerprint(page),
        )


def _body_of_page(page):
    body = page.expert_bodies.order_by("pk").first()
    if body is not None:
        return body.pk
    section = GuideSectionPage.objects.ancestor_of(page).filter(expert_body__isnull=False)
    return section.values_list("expert_body_id", flat=True).first()


# Groups of requests ---------------------------------------------------------------------


def _holder_words(how_to_request):
    """The terms that name the request's holder: never a subject's."""
    holder = how_to_request.holder
    if holder is None:
        return set()
    return set(terms(f"{holder.first_name} {holder.last_name} {holder.username} {holder.email}"))


def _request_terms(how_to_request, spellings):
    """The request's index terms, but its holder's names; `spellings` counts how each
    term is written."""
    own = _holder_words(how_to_request)
    found = set()
    for word in WORD.findall(f"{how_to_request.title} {how_to_request.question}".lower()):
        folded = fold(word)
        if folded in STOPWORDS or folded.isdigit():
            continue
        term = stem(folded)
        if len(term) < MIN_TERM_LENGTH or term in ASKING or term in own:
            continue
        found.add(term)
        spellings[term][word] += 1
    return found


def _significant(term_sets, authors):
    """The terms that may make a group: in at least GAPS_MIN_REQUESTS requests (a group
    needs as many) of at least two projects and two holders (a word of one project or
    one holder alone, a name, a place, is no subject to publish, and may be private),
    and not too common to
    tell a subject: in no more than GAPS_COMMON_TERM_SHARE of all requests (nor, while
    requests are few, than twice GAPS_MIN_REQUESTS: a share of a dozen tells nothing)."""
    frequency = Counter(term for found in term_sets.values() for term in found)
    projects, holders = defaultdict(set), defaultdict(set)
    for request_id, found in term_sets.items():
        project_id, holder_id = authors[request_id]
        for term in found:
            projects[term].add(project_id)
            holders[term].add(holder_id)
    ceiling = max(settings.GAPS_COMMON_TERM_SHARE * len(term_sets), 2 * settings.GAPS_MIN_REQUESTS)
    return {
        term: count
        for term, count in frequency.items()
        if settings.GAPS_MIN_REQUESTS <= count <= ceiling
        and len(projects[term]) >= 2
        and len(holders[term]) >= 2
    }


def _groups(term_sets, significant):
    """{frozenset of request ids: their shared significant terms}, the largest groups only."""
    size = settings.GAPS_MIN_SHARED_TERMS
    supporters = defaultdict(set)
    kept_terms = {}
    for request_id, found in term_sets.items():
        # The rarest first: they say most of the subject.
        kept = sorted((t for t in found if t in significant), key=lambda t: (significant[t], t))
        kept_terms[request_id] = set(kept[:MAX_TERMS_PER_REQUEST])
        for combination in itertools.combinations(sorted(kept_terms[request_id]), size):
            supporters[combination].add(request_id)
    groups = {}
    for members in supporters.values():
        if len(members) >= settings.GAPS_MIN_REQUESTS:
            members = frozenset(members)
            if members not in groups:
                groups[members] = set.intersection(*(kept_terms[pk] for pk in members))
    largest = [
        members
        for members in groups
        if not any(members < other for other in groups)  # strictly inside another
    ]
    return {members: groups[members] for members in largest}


def request_groups():
    since = timezone.now() - timedelta(days=settings.GAPS_REQUEST_DAYS)
    how_to_requests = {
        how_to_request.pk: how_to_request
        for how_to_request in HowToRequest.objects.filter(created_at__gte=since)
        .exclude(status__in=[Status.DUPLICATE, Status.WITHDRAWN])
        .select_related("holder")
        .only(
            *("pk", "title", "question", "created_at", "project_id", "holder_id"),
            *("holder__first_name", "holder__last_name", "holder__username", "holder__email"),
        )
    }
    spellings = defaultdict(Counter)
    term_sets = {pk: _request_terms(r, spellings) for pk, r in how_to_requests.items()}
    # An erased holder's requests (holder None) count as so many holders.
    authors = {pk: (r.project_id, r.holder_id or -pk) for pk, r in how_to_requests.items()}
    groups = _groups(term_sets, _significant(term_sets, authors))
    if not groups:
        return
    links = HowToRequest.bodies.through.objects.filter(
        howtorequest_id__in={pk for members in groups for pk in members}
    ).values_list("howtorequest_id", "expertbody_id")
    bodies_of = defaultdict(list)
    for request_id, body_id in links:
        bodies_of[request_id].append(body_id)
    for members, shared in groups.items():
        shared = sorted(shared)
        words = [spellings[term].most_common(1)[0][0] for term in shared]
        members_sorted = sorted(members, key=lambda pk: (how_to_requests[pk].created_at, pk))
        body_counts = Counter(body for pk in members for body in bodies_of[pk])
        top_body = min(body_counts.items(), key=lambda pair: (-pair[1], pair[0]), default=None)
        yield Candidate(
            kind=Kind.REQUESTS,
            key=" ".join(shared)[:255],
            title=" ".join(words),
            terms=shared,
            evidence={
                "requests": len(members),
                "words": words,
                "references": [how_to_requests[pk].reference for pk in members_sorted[:MAX_LISTED]],
                "request_ids": members_sorted,
            },
            weight=len(members) * WEIGHTS[Kind.REQUESTS],
            evidence_at=max(how_to_requests[pk].created_at for pk in members),
            body_id=top_body[0] if top_body else None,
            request_ids=members,
        )
