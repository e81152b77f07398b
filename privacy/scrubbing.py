"""Taking a person's words out of rows and pages in place, for the erasure.

In what a person typed (a request's fields, their steps' comments) their identifiers
and any email or phone number are redacted; in what others wrote (answers, questions,
notes, reviews, opinions, log labels) their identifiers, which include the contacts
they gave (`desk.redaction.identifiers_of`). Rows are updated, never saved: a save
would bump dates, send signals, or (a page) start a new revision.
"""

import logging

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Comment, CommentReply, Page, PageLogEntry, Revision, TaskState
from wagtail.search.index import insert_or_update_object

from desk.redaction import PHONE, phone_key, redact

from .tasks import reindex_erased_pages_task

logger = logging.getLogger(__name__)

# The text fields of the pages built from a person's data: a Q&A page
# (`knowledge.QuestionAnswerPage`) or a project's showcase page (`knowledge.ProjectPage`);
# a page type has only some of them.
PAGE_TEXT_FIELDS = (
    "title",
    "draft_title",
    "seo_title",
    "search_description",
    "introduction",
    "question",
    "answer",
    "organisations",
    "partners",
    "expected_effects",
    "decision_justification",
)


def redact_json(value, words):
    """Every string in a JSON value redacted (keys kept)."""
    if isinstance(value, str):
        return redact(value, words)
    if isinstance(value, list):
        return [redact_json(item, words) for item in value]
    if isinstance(value, dict):
        return {key: redact_json(item, words) for key, item in value.items()}
    return value


def redact_rows(queryset, words, fields):
    """Update, field by field, the rows whose text or JSON changed; return how many.

    By `update`, not `save`: Wagtail's `Comment.save` cannot take `update_fields`."""
    changed = 0
    for row in queryset:
        updates = {}
        for name in fields:
            value = getattr(row, name)
            new = redact(value, words) if isinstance(value, str) else redact_json(value, words)
            if new != value:
                updates[name] = new
        if updates:
            queryset.model._base_manager.filter(pk=row.pk).update(**updates)
            changed += 1
    return changed


def _without_phones(tokens, phones):
    """A slug's tokens without the runs of digits that spell one of `phones`
    ("33-6-12-34-56-78" or "0612345678")."""
    kept, start = [], 0
    while start < len(tokens):
        end = start
        while end < len(tokens) and tokens[end].isdigit():
            end += 1
        if end == start:
            kept.append(tokens[start])
            start += 1
            continue
        digits = "".join(tokens[start:end])
        if not (len(digits) >= 9 and phone_key(digits) in phones):
            kept.extend(tokens[start:end])
        start = end
    return kept


def slug_without(page, words):
    """The page's slug without the slug forms of `words` (a phone number in any form
    too); unique among its siblings."""
    banned = {token for word in words for token in slugify(word).split("-") if len(token) >= 3}
    phones = {phone_key(word) for word in words if PHONE.fullmatch(word.strip())}
    tokens = page.slug.split("-")
    kept = _without_phones([token for token in tokens if token not in banned], phones)
    if len(kept) == len(tokens):
        return page.slug
    slug = "-".join(kept) or "page"
    if Page.objects.sibling_of(page).exclude(pk=page.pk).filter(slug=slug).exists():
        slug = f"{slug}-{page.pk}"
    return slug


def reindex_after_commit(page_ids):
    """Once committed: the pages re-indexed, then the full-text tables compacted."""

    def enqueue():
        try:
            reindex_erased_pages_task.enqueue(list(page_ids))
        except Exception:  # the erasure stands; `rebuild_search_index` catches up
            logger.exception("Could not queue the re-indexing of pages %s", page_ids)

    transaction.on_commit(enqueue)


def erase_from_pages(pages, words):
    """Redact pages built from a person's data: row, revisions, reviews, comments.

    In place: saving a new revision would restart a review in progress, and a slug
    change through `Page.save` would leave a redirect holding the old (named) path.
    Once committed, the live pages are re-indexed and the full-text tables compacted
    (`reindex_after_commit`). Returns how many of the pages are live."""
    live = []
    for page in pages:
        specific_model = page.specific_class
        specific = specific_model.objects.get(pk=page.pk)
        updates = {}
        for name in PAGE_TEXT_FIELDS:
            value = getattr(specific, name, None)
            if isinstance(value, str) and (new := redact(value, words)) != value:
                updates[name] = new
        slug = slug_without(specific, words)
        if slug != specific.slug:
            old_url_path = specific.url_path
            specific.slug = slug
            specific.set_url_path(specific.get_parent())
            updates.update(slug=slug, url_path=specific.url_path)
            specific._update_descendant_url_paths(old_url_path, specific.url_path)
        if updates:
            specific_model.objects.filter(pk=page.pk).update(**updates)
        for revision in Revision.objects.for_instance(page):
            content = redact_json(revision.content, words)
            # Revisions keep the page's address as it is now, not a redacted slug.
            content.update({k: updates[k] for k in ("slug", "url_path") if k in updates})
            object_str = redact(revision.object_str, words)
            if (content, object_str) != (revision.content, revision.object_str):
                revision.content, revision.object_str = content, object_str
                revision.save(update_fields=["content", "object_str"])
        redact_rows(PageLogEntry.objects.filter(page=page), words, ("label", "data"))
        reviews = TaskState.objects.filter(workflow_state__object_id=str(page.pk))
        redact_rows(reviews, words, ("comment",))
        comments = Comment.objects.filter(page=page)
        redact_rows(comments, words, ("text",))
        redact_rows(CommentReply.objects.filter(comment__in=comments), words, ("text",))
        specific.refresh_from_db()
        insert_or_update_object(specific)  # Wagtail's own (admin) search index
        if specific.live:
            live.append(specific.pk)  # our index and the engine, once committed
    if pages:
        reindex_after_commit(live)
    return len(live)
