"""Refreshing the backlog from its evidence: one function, safe to run again and again.

Each candidate of `gaps.sources` finds its item by kind and key (a group of requests
also by its requests, when its shared terms moved: the item whose requests are mostly
the same is the same gap), then:

- no item yet: one is made, open, unless a page already covers it;
- open: its evidence is updated; a page covering it now closes it (a publication the
  receiver missed, say), and so does a rated page republished with a changed text;
- closed: its evidence is updated, and it opens again on evidence newer than its
  closing that no page covers (`gaps.models`);
- dismissed: its evidence is updated; it stays dismissed.

Run by the worker (`gaps.receivers`, at most every GAPS_REFRESH_SECONDS) and by
`manage.py refresh_gap_queue`. A second run with the same evidence changes nothing.
"""

import logging

from django.db import transaction

from . import actions, coverage
from .models import GapItem, Kind, State
from .sources import all_candidates

logger = logging.getLogger(__name__)

SAME_GROUP = 0.5  # share of requests in common (Jaccard) that makes a group the same gap
UPDATED_FIELDS = ("title", "evidence", "weight", "evidence_at", "body_id", "page_fingerprint")


def _same_group(item, candidate):
    before = set(item.evidence.get("request_ids", []))
    union = before | candidate.request_ids
    return bool(union) and len(before & candidate.request_ids) / len(union) >= SAME_GROUP


def _find(candidate, items, groups):
    item = items.get((candidate.kind, candidate.key))
    if item is None and candidate.kind == Kind.REQUESTS:
        item = next((group for group in groups if _same_group(group, candidate)), None)
    return item


def _update(item, candidate):
    """Copy the candidate's evidence into the item; whether anything changed."""
    values = {
        "title": candidate.title[:255],
        "evidence": {**candidate.evidence, "terms": candidate.terms},
        "weight": candidate.weight,
        "evidence_at": candidate.evidence_at,
        "body_id": candidate.body_id,
        "page_fingerprint": candidate.page_fingerprint,
    }
    changed = [name for name, value in values.items() if getattr(item, name) != value]
    for name in changed:
        setattr(item, name, values[name])
    return changed


def _covering_page(candidate, pages):
    if candidate.kind == Kind.UNHELPFUL:
        return None
    return coverage.first_covering(pages, candidate.kind, candidate.terms)


def _rewritten(item, fingerprint_before, candidate):
    """A rated page republished with another text since its votes were last read."""
    return (
        item.kind == Kind.UNHELPFUL
        and bool(fingerprint_before)
        and fingerprint_before != candidate.page_fingerprint
    )


def _newer(candidate, item):
    return bool(item.state_changed_at) and candidate.evidence_at > item.state_changed_at


@transaction.atomic
def refresh():
    """Bring the backlog in line with the evidence; returns {"created", "updated",
    "closed", "reopened"} counts."""
    counts = dict.fromkeys(("created", "updated", "closed", "reopened"), 0)
    items = {(item.kind, item.key): item for item in GapItem.objects.select_for_update()}
    groups = [item for item in items.values() if item.kind == Kind.REQUESTS]
    pages = coverage.indexed_pages()
    seen = set()
    for candidate in all_candidates():
        item = _find(candidate, items, groups)
        if item is not None and item.pk in seen:
            continue  # two groups drifted onto one item: the first keeps it
        covering = _covering_page(candidate, pages)
        if item is None:
            if covering is None:
                item = GapItem(kind=candidate.kind, key=candidate.key, page_id=candidate.page_id)
                _update(item, candidate)
                item.save()
                items[(item.kind, item.key)] = item
                if item.kind == Kind.REQUESTS:
                    groups.append(item)
                seen.add(item.pk)
                counts["created"] += 1
            continue
        seen.add(item.pk)
        fingerprint_before = item.page_fingerprint
        changed = _update(item, candidate)
        if changed:
            item.save(update_fields=[*changed, "updated_at"])
            counts["updated"] += 1
        if item.state == State.OPEN:
            if _rewritten(item, fingerprint_before, candidate):
                covering = item.page_id
            if covering is not None:
                actions.close(item, covering)
                counts["closed"] += 1
        elif item.state == State.CLOSED and covering is None and _newer(candidate, item):
            actions.reopen(item)
            counts["reopened"] += 1
    logger.info("Guidance gaps refreshed: %s", counts)
    return counts
