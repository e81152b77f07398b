"""What is done to a guidance gap, each in one transaction: check, change, save, log,
signal. The admin views, the refresh and the publication receiver all call these.

"Start a guide" drafts a how-to guide in the section of the expert body most involved
(`GapItem.body`: the requests' body, the rated page's), else under the guides index,
and links the evidence to it with a Wagtail comment on the draft's title: the editor
reads it beside the form (the comments side panel), with the address of the item.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Comment, Page

from knowledge.models import GuideIndexPage, GuidePage, GuideSectionPage
from web.public_address import public_url
from web.slugs import slug_from_title

from .models import GapItem, Kind, State
from .permissions import may_add_guide_under, works_on_gaps
from .signals import gap_item_changed


class NotNow(Exception):
    """The item is not in a state that allows this (closed, dismissed)."""


def _locked(item):
    return GapItem.objects.select_for_update().get(pk=item.pk)


def _set_state(item, state, user=None, **fields):
    item.state = state
    item.state_changed_at = timezone.now()
    item.state_changed_by = user
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()


@transaction.atomic
def close(item, page_id, user=None):
    """Close an open item: page `page_id`, just published, covers it."""
    item = _locked(item)
    if item.state != State.OPEN:
        return item
    _set_state(item, State.CLOSED, user, closed_by_id=page_id)
    log(item, "gaps.close", user=user, data={"page": page_id})
    gap_item_changed.send(sender=GapItem, item=item, action="close")
    return item


@transaction.atomic
def reopen(item):
    """A closed item met new evidence that nothing covers."""
    item = _locked(item)
    if item.state != State.CLOSED:
        return item
    _set_state(item, State.OPEN, None, closed_by=None)
    log(item, "gaps.reopen")
    gap_item_changed.send(sender=GapItem, item=item, action="reopen")
    return item


@transaction.atomic
def dismiss(item, user, reason):
    if not works_on_gaps(user):
        raise PermissionDenied
    item = _locked(item)
    if item.state != State.OPEN:
        raise NotNow(_("Only an open item can be dismissed."))
    reason = reason.strip()
    if not reason:
        raise ValueError(_("Say why this is not guidance to write."))
    _set_state(item, State.DISMISSED, user, dismissal_reason=reason)
    log(item, "gaps.dismiss", user=user, data={"reason": reason})
    gap_item_changed.send(sender=GapItem, item=item, action="dismiss")
    return item


def guide_parent(item):
    """Where the item's guide goes: its body's guide section, else the guides index."""
    if item.body_id:
        section = GuideSectionPage.objects.filter(expert_body_id=item.body_id).first()
        if section is not None:
            return section
    return GuideIndexPage.objects.order_by("path").first()


def guide_title(item):
    title = " ".join(item.title.split())
    return (title[:1].upper() + title[1:])[:255] or _("New guide")


def evidence_text(item):
    """The evidence as the draft's comment says it: counts and references, no person."""
    evidence = item.evidence
    if item.kind == Kind.SEARCH:
        queries = ", ".join(f"« {q['query']} » ({q['count']})" for q in evidence["queries"])
        found = _("Searched %(count)s times without results: %(queries)s.") % {
            "count": evidence["searches"],
            "queries": queries,
        }
    elif item.kind == Kind.UNHELPFUL:
        found = _(
            "“%(title)s” rated unhelpful %(no)s times (helpful: %(yes)s; comments: %(comments)s)."
        ) % {
            "title": item.title,
            "no": evidence["no"],
            "yes": evidence["yes"],
            "comments": evidence["comments"],
        }
    else:
        found = _("%(count)s requests without a guide share “%(words)s”: %(references)s.") % {
            "count": evidence["requests"],
            "words": ", ".join(evidence["words"]),
            "references": ", ".join(evidence["references"]),
        }
    address = public_url(item.get_absolute_url())
    return _("Guidance gap: %(evidence)s The item: %(address)s") % {
        "evidence": found,
        "address": address,
    }


@transaction.atomic
def start_guide(item, user):
    """The draft guide for the item, made now (or the one started before, if it still
    exists): a draft in the right section, titled from the evidence, the evidence in a
    comment on it, logged on the page and on the item."""
    item = _locked(item)
    if item.draft_id and Page.objects.filter(pk=item.draft_id).exists():
        return item.draft.specific
    if item.state != State.OPEN:
        raise NotNow(_("Only an open item can start a guide."))
    parent = guide_parent(item)
    if parent is None:
        raise NotNow(_("There is no guides section to write in."))
    if not may_add_guide_under(user, parent):
        raise PermissionDenied
    title = guide_title(item)
    siblings = parent.get_children().values_list("slug", flat=True)
    page = GuidePage(
        title=title,
        slug=slug_from_title(title, siblings, fallback="guide"),
        live=False,
        owner=user,
    )
    parent.add_child(instance=page)
    if item.body_id:
        page.expert_bodies.set([item.body_id])
    comment = Comment(user=user, text=evidence_text(item), contentpath="title")
    page.wagtail_admin_comments.add(comment)
    revision = page.save_revision(user=user, log_action=True)
    comment.log_create(page_revision=revision, user=user)
    log(page, "gaps.start_guide", user=user, data={"gap": item.pk, "title": item.title})
    item.draft = page
    item.save(update_fields=["draft", "updated_at"])
    log(item, "gaps.start_guide", user=user, data={"page": page.pk})
    gap_item_changed.send(sender=GapItem, item=item, action="start_guide")
    return page


@transaction.atomic
def close_covered_by(page):
    """Close the open items a published page covers (`gaps.coverage`): its own item (the
    draft it was started as), the searches and request groups its text now answers,
    its own "unhelpful" item if its text changed. Returns the items closed."""
    from .coverage import covers, fingerprint, is_covering_page, page_terms

    closed = []
    open_items = GapItem.objects.filter(state=State.OPEN)
    for item in open_items.filter(draft_id=page.pk):
        closed.append(close(item, page.pk))
    if not is_covering_page(page):
        return closed
    for item in open_items.filter(kind=Kind.UNHELPFUL, page_id=page.pk):
        if item.page_fingerprint and item.page_fingerprint != fingerprint(page):
            closed.append(close(item, page.pk))
    terms = page_terms(page)
    for item in open_items.filter(kind__in=[Kind.SEARCH, Kind.REQUESTS]).exclude(
        pk__in=[c.pk for c in closed]
    ):
        if covers(terms, item.kind, set(item.evidence.get("terms", []))):
            closed.append(close(item, page.pk))
    return closed
