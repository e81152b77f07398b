"""The pages an answer cites, and telling people when one of them changes.

The rule, in one place:

- **What may be cited**: live, public guides and Q&A pages (`citable_pages`). A page
  under a view restriction, a draft, or another page type is refused, in the form and
  in the step alike. The citation keeps the page's live revision at answer time.
- **What counts as a change**: a republication whose new revision differs from the
  revision last told of on the fields an editor writes in the page's content panels
  (title, introduction, the body's fields, its classification), compared with
  Wagtail's own comparison classes (`wagtail.admin.compare`): the promote and settings
  tabs (slug, SEO title, publication dates) and the bookkeeping Wagtail writes on
  every save (`latest_revision_created_at`, `live_revision`...) are not changes.
  Republishing without a change tells nobody.
- **Who is told**: the holder (when they could read the answer that cites it) and the
  expert who wrote that answer, through one timeline event per request, page and new
  revision, notified by the outbox (one email per event and person).
- **Until when**: while the desk still owes the answer (any state but answered and
  closed), and for `DESK_CITATION_ALERT_MONTHS` after the answer that cites the page.
  An answered request waiting for acceptance can wait for ever: from then on, only the
  months count.
- **Once per change**: each citation remembers the revision it was last told of
  (`told_revision`); moving it on is a conditional update, so two publications
  processed at once, or the signal received twice, tell once.
- **When**: in the worker, after the publication. Comparing every citing request's
  revisions is slow for a much-cited page, and was the editor's publish request's to
  wait for: the receiver queues `desk.tasks.tell_of_cited_page_change` once the
  publication is committed (page and revision ids, `tell_of_publication`; a page nobody
  cites queues nothing), and a queue that refuses it is logged without undoing the
  publication.
- **Catching up**: a task that could not be queued, or a worker's database lost while it
  ran, would leave a change untold until the page's next publication, which may never
  come. The changes still owed are in the database itself: citations whose told revision
  is not their page's live revision, of a page still citable, in their window
  (`untold_publications`). The worker's housekeeping queues their page's live revision
  (`desk.tasks.queue_untold_citations`), skipping what is already queued; running one
  twice tells once, and a republication without a change only moves the citations on,
  so the list empties by itself.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.admin import compare
from wagtail.admin.panels import ObjectList
from wagtail.models import Page, Revision, Site

from knowledge.models import GuidePage, QuestionAnswerPage

from .models import AnswerCitation, HowToRequest
from .models.events import Action
from .states import CLOSED, Status
from .timeline import record_event

CITABLE_TYPES = (GuidePage, QuestionAnswerPage)
# At most this many pages per answer: a reading list, not a bibliography.
MAX_CITATIONS = 10
# Where the desk owes nothing more: only the months after the answer count.
ANSWER_GIVEN = CLOSED | {Status.ANSWERED}

_ADMIN_PAGE = re.compile(r"/pages/([0-9]+)(?:/|$)")
# Wagtail's page ids are 32-bit integers on PostgreSQL; a longer number is no page's (and
# a too long one would overflow SQLite's integers: a 500, not a field error).
MAX_PAGE_ID = 2**31 - 1
_PAGE_NUMBER = re.compile(r"[0-9]{1,10}")


def page_id(raw):
    """The page id written as `raw` (ASCII digits, in range), else None."""
    raw = str(raw).strip()
    if _PAGE_NUMBER.fullmatch(raw) and int(raw) <= MAX_PAGE_ID:
        return int(raw)
    return None


def citable_pages():
    """Pages an answer may cite: live, public guides and Q&A pages."""
    return Page.objects.live().public().type(*CITABLE_TYPES)


def page_ids_from_text(text):
    """Page ids from what an expert typed without the search (one a line or separated
    by spaces or commas): a page's number, its public address, or its admin address.
    Returns (ids, what could not be read as a page)."""
    ids, unread = [], []
    for token in re.split(r"[\s,;]+", text or ""):
        if not token:
            continue
        try:
            path = urlsplit(token).path or ""
        except ValueError:  # "http://[": not an address
            unread.append(token)
            continue
        admin = _ADMIN_PAGE.search(path) if "/admin/" in path else None
        if _PAGE_NUMBER.fullmatch(token):
            found = page_id(token)
        elif admin:
            found = page_id(admin.group(1))
        else:
            found = _page_id_at(path)
        if found is None:
            unread.append(token)
        else:
            ids.append(found)
    return ids, unread


def _page_id_at(path):
    if not path.startswith("/"):
        return None
    path = path if path.endswith("/") else path + "/"
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    url_path = site.root_page.url_path + path.lstrip("/")
    return Page.objects.filter(url_path=url_path).values_list("pk", flat=True).first()


def cite(how_to_request, event, pages):
    """Record that the answer `event` relies on `pages` (in order), at their live
    revision now. Called by the answer step, in its transaction.

    An alias (a page Wagtail shows in a second place) is cited as the page it copies:
    its own revision never moves when the original is republished, so only the original
    can tell of a change."""
    found = citable_pages().filter(pk__in=[page.pk for page in pages])
    originals = dict(found.filter(alias_of__isnull=False).values_list("pk", "alias_of_id"))
    cited_ids = list(dict.fromkeys(originals.get(page.pk, page.pk) for page in pages))
    live = dict(citable_pages().filter(pk__in=cited_ids).values_list("pk", "live_revision_id"))
    AnswerCitation.objects.bulk_create(
        AnswerCitation(
            request=how_to_request,
            event=event,
            page_id=page_id,
            revision_id=live[page_id],
            told_revision_id=live[page_id],
            position=position,
        )
        for position, page_id in enumerate(cited_ids)
        if page_id in live
    )


def cited_by(event_ids):
    """The citations of these answer events, pages loaded, in order."""
    return (
        AnswerCitation.objects.filter(event_id__in=event_ids)
        .select_related("page")
        .order_by("event_id", "position", "pk")
    )


def latest_answer_citations(how_to_request):
    """What the answer the holder reads (the latest) cites and anyone may still read: a
    page since unpublished or restricted is left out (its title is no longer public)."""
    latest = how_to_request.events.filter(action=Action.ANSWER).aggregate(Max("pk"))["pk__max"]
    if latest is None:
        return []
    return list(cited_by([latest]).filter(page__in=citable_pages().values("pk")))


# What changed ------------------------------------------------------------------------


def _content_comparisons(page):
    """Wagtail's comparison classes for the page's content panels (what its editors
    write), as the admin's "compare revisions" builds them."""
    panel = ObjectList(type(page).content_panels).bind_to_model(type(page))
    return panel.get_bound_panel(instance=page, request=None, form=None).get_comparison()


def changed_fields(page, old_revision, new_revision):
    """The comparisons (`wagtail.admin.compare`) of the fields that differ between two
    revisions of `page`, in the order of its content panels."""
    if old_revision is None or new_revision is None:
        return []
    old_page, new_page = old_revision.as_object(), new_revision.as_object()
    changed = []
    for comparison_class in _content_comparisons(page):
        comparison = comparison_class(old_page, new_page)
        if comparison.has_changed() and _reads_differently(comparison):
            changed.append(comparison)
    return changed


_MARKED = re.compile(r'class="[^"]*\b(?:addition|deletion)\b')


def _reads_differently(comparison):
    """Whether a reader sees a difference, not only the database: saving a page in the
    admin rewrites its rich text's markup, its blocks' stored form and the order of its
    tags without changing a word. Tags and other lists compare as sets; the rest by the
    words Wagtail's diff marks as added or removed."""
    if isinstance(comparison, compare.M2MFieldComparison):
        items_a, items_b = comparison.get_items()
        return {comparison.get_item_display(item) for item in items_a} != {
            comparison.get_item_display(item) for item in items_b
        }
    if not getattr(comparison, "is_field", True):
        return True
    return bool(_MARKED.search(str(comparison.htmldiff())))


def months_ago(months, now=None):
    """`now` less this many calendar months (the 31st becomes the month's last day)."""
    now = now or timezone.now()
    month_index = now.year * 12 + now.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for day in range(now.day, 0, -1):
        try:
            return now.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return now


def in_alert_window(now=None):
    """The citations whose people still hear of changes to the page (a filter of
    AnswerCitation): while the desk owes the answer, and DESK_CITATION_ALERT_MONTHS after
    the citing answer. The one rule, for the alert and for the catch-up that queues it."""
    since = months_ago(settings.DESK_CITATION_ALERT_MONTHS, now)
    return ~Q(request__status__in=ANSWER_GIVEN) | Q(event__created_at__gte=since)


def _holder_reads(citation, approvals):
    """The holder has read (or may read) the answer that cites the page: an answer sent
    straight to them, or one a coordinator approved afterwards."""
    if not citation.event.internal:
        return True
    return any(approved_at >= citation.event.created_at for approved_at in approvals)


def tell_of_change(page, revision, now=None):
    """`page` was published at `revision`: tell of it every request whose answer cites
    it, once per request, where the content differs from what was last told and the
    window is still open. Returns the events recorded."""
    if not isinstance(page, CITABLE_TYPES) or not page.live or page.live_revision_id != revision.pk:
        return []
    if not citable_pages().filter(pk=page.pk).exists():
        return []  # no longer public: its changes are nobody's to read
    citations = (
        AnswerCitation.objects.filter(page_id=page.pk)
        .filter(in_alert_window(now))
        .exclude(told_revision_id=revision.pk)
        .select_related("request", "event", "told_revision")
        .order_by("request_id", "-event__created_at", "-pk")
    )
    by_request = {}
    for citation in citations:
        by_request.setdefault(citation.request_id, []).append(citation)
    events = []
    for citations_of_request in by_request.values():
        event = _tell_request(page, revision, citations_of_request)
        if event is not None:
            events.append(event)
    return events


def _tell_request(page, revision, citations):
    """One request's citations of the page (its latest answer's first): those whose
    told revision differs in content move on to `revision`; if any did, one event."""
    changed = []
    for citation in citations:
        if not changed_fields(page, citation.told_revision, revision):
            # Same content: nothing to tell; later changes compare with this revision.
            _move_on(citation, revision)
            continue
        if _move_on(citation, revision):
            changed.append(citation)
    if not changed:
        return None
    how_to_request = HowToRequest.objects.select_for_update().get(pk=changed[0].request_id)
    approvals = list(
        how_to_request.events.filter(action=Action.APPROVE_ANSWER).values_list(
            "created_at", flat=True
        )
    )
    told = changed[0]  # the latest answer's: what the comparison starts from
    return record_event(
        how_to_request,
        None,
        Action.CITED_PAGE_CHANGED,
        internal=not any(_holder_reads(citation, approvals) for citation in changed),
        details={
            "page": page.pk,
            "title": revision.as_object().title,
            "old_revision": told.told_revision_id,
            "new_revision": revision.pk,
            "answers": sorted({citation.event_id for citation in changed}),
        },
    )


def _move_on(citation, revision):
    """Move the citation's told revision on to `revision` unless another process did:
    True for the one that did it (and so tells)."""
    moved = AnswerCitation.objects.filter(
        pk=citation.pk, told_revision_id=citation.told_revision_id
    ).update(told_revision=revision)
    return bool(moved)


def is_cited(page_id):
    """Whether any answer cites the page: a publication of a page nobody cites queues
    nothing (loading or importing many pages would fill the queue with empty runs)."""
    return AnswerCitation.objects.filter(page_id=page_id).exists()


def tell_of_publication(page_id, revision_id, now=None):
    """The worker's entry (`desk.tasks`): reload the page and the revision published,
    and tell of the change. A page deleted since, or published again at another
    revision (whose own run tells of it), tells nothing. Returns the events recorded."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return []
    page = page.specific
    revision = Revision.page_revisions.filter(pk=revision_id, object_id=str(page_id)).first()
    if revision is None or page.live_revision_id != revision.pk:
        return []
    with transaction.atomic():
        return tell_of_change(page, revision, now)


def untold_publications(now=None):
    """(page id, live revision id) of the publications some citation in its window has
    not been told of yet (`tell_of_change` would look at it): what the housekeeping's
    catch-up queues. One query."""
    return list(
        AnswerCitation.objects.filter(page__in=citable_pages().values("pk"))
        .exclude(told_revision_id=F("page__live_revision_id"))
        .filter(in_alert_window(now))
        .values_list("page_id", "page__live_revision_id")
        .order_by("page_id")
        .distinct()
    )


# The comparison a person opens ---------------------------------------------------------


def revisions_of(event):
    """The (old, new) revisions a change alert compares; None for one purged."""
    ids = [event.details.get("old_revision"), event.details.get("new_revision")]
    found = Revision.page_revisions.in_bulk([pk for pk in ids if pk])
    return found.get(ids[0]), found.get(ids[1])


def citing_experts(event):
    """Who wrote the answers a change alert is about (still with an account)."""
    answers = event.details.get("answers") or []
    actors = event.request.events.filter(pk__in=answers, actor__isnull=False).values("actor")
    return get_user_model().objects.filter(pk__in=actors)


def comparison_path(event):
    """The request's own "what changed" page for a change alert (holder and staff)."""
    return reverse("desk:cited_page_changes", args=[event.request.public_id, event.pk])


def wagtail_comparison_url(event, user):
    """Wagtail's comparison of the alert's two revisions, for someone who may edit the
    page (Wagtail refuses the others); else None."""
    old, new = event.details.get("old_revision"), event.details.get("new_revision")
    page = Page.objects.filter(pk=event.details.get("page")).first()
    if not (old and new and page and user is not None):
        return None
    permissions = page.specific_deferred.permissions_for_user(user)
    if not (permissions.can_edit() or permissions.can_publish()):
        return None
    return reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, old, new])


# Wagtail's comparison marks changes with classed spans and divs, coloured in its admin:
# on the public site they become <ins> and <del>, with words for screen readers and a
# style that is not colour alone (static/css/site.css).
_INLINE_CHANGE = re.compile(r'<span class="(addition|deletion)">(.*?)</span>', re.DOTALL)
_BLOCK_CHANGE = re.compile(r'<div class="comparison__child-object (addition|deletion)">')


def accessible_diff(html):
    """Wagtail's `htmldiff` output with <ins>/<del> and spoken labels."""
    labels = {"addition": gettext("added:"), "deletion": gettext("removed:")}
    tags = {"addition": "ins", "deletion": "del"}

    def inline(match):
        kind, text = match.groups()
        return (
            f'<{tags[kind]}><span class="visually-hidden">[{labels[kind]} </span>{text}'
            f'<span class="visually-hidden">]</span></{tags[kind]}>'
        )

    def block(match):
        kind = match.group(1)
        label = gettext("Block added:") if kind == "addition" else gettext("Block removed:")
        return (
            f'<div class="diff-block diff-block--{kind}"><p class="diff-block__label">{label}</p>'
        )

    return mark_safe(_BLOCK_CHANGE.sub(block, _INLINE_CHANGE.sub(inline, str(html))))  # noqa: S308
