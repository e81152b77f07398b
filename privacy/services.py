"""Personal data: what the site holds about a person, the export, the erasure, retention.

Every rule about personal data lives here; views and the retention command call
`export_user_data`, `delete_account` and `anonymise_inactive`.

Where personal data lives, and what erasing an account does to it:

=============================  ============================  ==================================
table (model)                  what it holds                 on erasure
=============================  ============================  ==================================
auth_user                      username, names, email,       row deleted
                               password hash, dates
account_emailaddress (+        every address, verified or    deleted (cascade)
account_emailconfirmation)     not
wagtailusers_userprofile       language, time zone           deleted (cascade)
django_session                 the login (user id, encoded)  their sessions deleted (decoded
                                                             one by one to find the user id)
desk_howtorequest              holder FK; title, question,   kept for the experts' work:
                               project, partners, funding    holder -> NULL (the admin shows
                               typed by the holder; the      "Anonymised"); the holder's
                               expert's answer               names, username and email, and
                                                             any email or phone number, are
                                                             redacted from the holder's text;
                                                             the holder's names, username and
                                                             email from the answer
desk_requestevent              actor FK; comments (the       actor -> NULL (the timeline
                               holder's replies, the         still says "the project holder",
                               experts' questions)           see HOLDER_ACTIONS); comments
                                                             redacted as above; one internal
                                                             "personal data erased" event
desk_attachment + files under  the holder's documents        files and rows deleted (they are
PRIVATE_MEDIA_ROOT                                           the holder's papers, often full
                                                             of personal data); the count is
                                                             kept on the erasure event
desk_notification              outbox: recipient FK, email,  rows to them deleted (cascade);
                               last error                    emails to staff are rendered at
                                                             sending time, so they say
                                                             "Anonymised" from now on
wagtailcore_modellogentry /    audit log: user id (no        user -> NULL; labels and data of
pagelogentry                   database constraint, so it    entries by them, about their
                               would dangle), label, data    account, their requests and
                                                             their Q&A pages redacted
wagtailcore_revision           user FK; content JSON of      user -> NULL (cascade rule);
                               Q&A pages built from their    content and object_str of their
                               requests (already anonymised  Q&A pages' revisions redacted
                               by desk.publication)
knowledge_questionanswerpage   the published Q&A             text fields redacted in place (a
                                                             new revision would restart a
                                                             running review workflow)
taskstate, comment,            reviewers' comments on those  redacted
commentreply                   Q&A pages
search_searchdocument, FTS,    Q&A pages only (public,       re-indexed after commit (our
the engine index,              anonymised)                   index and the engine through
wagtailsearch_indexentry                                     update_page_task; Wagtail's own
                                                             admin index at once); the page
                                                             cache is purged
django_tasks_database_         task arguments: notification  nothing: ids only
dbtaskresult                   and page ids
search_zeroresultquery         search words, not linked to   nothing: no link to anyone
                               anyone
wagtail comments, page         holders have no admin access  deleted (cascade) if any
subscriptions, editing
sessions, API tokens
=============================  ============================  ==================================

Staff accounts (staff flag, superuser, or any group) are never erased here: an
administrator handles them, because their names sign published work and reviews.
"""

import json
import logging
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import (
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    Revision,
    TaskState,
)
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published
from wagtail.users.models import UserProfile

from desk.models import Attachment, HowToRequest, Notification, RequestEvent
from desk.models.events import Action
from desk.redaction import identifiers_of, redact

logger = logging.getLogger(__name__)

# Fields of a request that the holder typed: their identifiers, and any email or phone
# number, are redacted. In what staff wrote (answer, questions), their identifiers only.
HOLDER_TEXT_FIELDS = ("title", "question", "project_description", "partners", "funding_sought")
QA_TEXT_FIELDS = (
    "title",
    "draft_title",
    "seo_title",
    "search_description",
    "introduction",
    "question",
    "answer",
)


class AccountDeletionRefused(Exception):
    """This account may not be erased this way (a staff account)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# Who is who ---------------------------------------------------------------------------


def is_staff_account(user):
    """Staff: the admin flag, a superuser, or any group (coordinators, experts, editors)."""
    return user.is_staff or user.is_superuser or user.groups.exists()


def holders():
    """Accounts that are project holders only: never staff."""
    User = get_user_model()
    in_a_group = User.groups.through.objects.filter(user_id=OuterRef("pk"))
    return User.objects.filter(is_staff=False, is_superuser=False).exclude(Exists(in_a_group))


# Redaction ---------------------------------------------------------------------------


def _redact_json(value, words):
    """Every string in a JSON value redacted (keys kept)."""
    if isinstance(value, str):
        return redact(value, words)
    if isinstance(value, list):
        return [_redact_json(item, words) for item in value]
    if isinstance(value, dict):
        return {key: _redact_json(item, words) for key, item in value.items()}
    return value


def _redact_rows(queryset, words, fields):
    """Save, field by field, the rows whose text or JSON changed; return how many."""
    changed = 0
    for row in queryset:
        updates = []
        for name in fields:
            value = getattr(row, name)
            new = redact(value, words) if isinstance(value, str) else _redact_json(value, words)
            if new != value:
                setattr(row, name, new)
                updates.append(name)
        if updates:
            row.save(update_fields=updates)
            changed += 1
    return changed


# Export -------------------------------------------------------------------------------


def _actor(event, user):
    """As the holder sees it on the request page: themselves, or a staff first name."""
    if event.actor_id is None:
        return None
    if event.actor_id == user.pk:
        return _("You")
    return event.actor.first_name or _("The TRI team")


def _request_data(request_obj, user):
    events = [e for e in request_obj.events.all() if not e.internal]  # never internal notes
    show_answer = request_obj.holder_may_read_answer
    return {
        "reference": request_obj.reference,
        "id": str(request_obj.public_id),
        "title": request_obj.title,
        "question": request_obj.question,
        "project_description": request_obj.project_description,
        "priorities": [str(p) for p in request_obj.priorities.all()],
        "territory": str(request_obj.territory),
        "stage": str(request_obj.get_stage_display()),
        "partners": request_obj.partners,
        "funding_sought": request_obj.funding_sought,
        "consent_to_publish": request_obj.consent_to_publish,
        "language": request_obj.language,
        "status": str(request_obj.get_status_display()),
        "expert_bodies": [str(b) for b in request_obj.bodies.all()],
        "answer": request_obj.answer if show_answer else None,
        "filed_at": request_obj.created_at,
        "closed_at": request_obj.closed_at,
        "timeline": [
            {
                "at": e.created_at,
                "step": str(e.get_action_display()),
                "by": _actor(e, user),
                "comment": e.comment,
            }
            for e in events
        ],
        "attachments": [
            {
                "file_name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "uploaded_at": a.created_at,
            }
            for a in request_obj.attachments.all()
        ],
    }


def _log_entries_about(user):
    """Audit-log entries by this person, or about their account."""
    user_type = ContentType.objects.get_for_model(user)
    by_or_about = Q(user_id=user.pk) | Q(content_type=user_type, object_id=str(user.pk))
    return list(ModelLogEntry.objects.filter(by_or_about)) + list(
        PageLogEntry.objects.filter(user_id=user.pk)
    )


def export_user_data(user):
    """Everything the site holds about `user`, as a JSON-ready dict (dates as datetimes)."""
    profile = UserProfile.objects.filter(user=user).first()
    requests = (
        HowToRequest.objects.filter(holder=user)
        .select_related("territory")
        .prefetch_related("priorities", "bodies", "events__actor", "attachments")
        .order_by("created_at", "pk")
    )
    notifications = (
        Notification.objects.filter(recipient=user)
        .select_related("event__request")
        .order_by("created_at", "pk")
    )
    return {
        "generated_at": timezone.now(),
        "site": settings.WAGTAIL_SITE_NAME,
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "active": user.is_active,
            "preferred_language": profile.preferred_language if profile else "",
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "requests": [_request_data(r, user) for r in requests],
        "notifications": [
            {
                "to": n.email,
                "about": n.event.request.reference,
                "step": str(n.event.get_action_display()),
                "language": n.language,
                "state": str(n.get_state_display()),
                "written_at": n.created_at,
                "sent_at": n.sent_at,
            }
            for n in notifications
        ],
        "log_entries": [
            {
                "at": entry.timestamp,
                "action": entry.action,
                "message": str(entry.message),
                "object": entry.label,
            }
            for entry in sorted(_log_entries_about(user), key=lambda e: e.timestamp)
        ],
    }


def export_json(user):
    """The export as the JSON text of the download."""
    from django.core.serializers.json import DjangoJSONEncoder

    return json.dumps(export_user_data(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


# Erasure ------------------------------------------------------------------------------


@dataclass
class Erasure:
    """What one erasure touched, for the caller's message and the tests."""

    requests: int = 0
    attachments: int = 0
    pages: int = 0


def _delete_sessions(user):
    # Sessions are signed blobs: the only way to find someone's is to decode them.
    mine = [
        session.pk
        for session in Session.objects.iterator()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    Session.objects.filter(pk__in=mine).delete()


def _erase_attachments(requests):
    """Delete the files joined to their requests (only holders attach files); return
    how many each request lost."""
    attachments = list(Attachment.objects.filter(request__in=requests))
    names = [a.file.name for a in attachments if a.file]
    storage = Attachment._meta.get_field("file").storage
    Attachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()

    def remove_files():  # only once the rows are gone for good
        for name in names:
            try:
                storage.delete(name)
            except OSError:
                logger.exception("Could not delete attachment file %s", name)

    transaction.on_commit(remove_files)
    counts = {}
    for a in attachments:
        counts[a.request_id] = counts.get(a.request_id, 0) + 1
    return counts


def _slug_without(page, words):
    """The page's slug without the slug forms of `words`; unique among its siblings."""
    banned = {token for word in words for token in slugify(word).split("-") if len(token) >= 3}
    kept = [token for token in page.slug.split("-") if token not in banned]
    if len(kept) == len(page.slug.split("-")):
        return page.slug
    slug = "-".join(kept) or "question"
    if Page.objects.sibling_of(page).exclude(pk=page.pk).filter(slug=slug).exists():
        slug = f"{slug}-{page.pk}"
    return slug


def _erase_from_pages(pages, words):
    """Redact Q&A pages built from their requests: row, revisions, reviews, comments.

    In place: saving a new revision would restart a review in progress, and a slug
    change through `Page.save` would leave a redirect holding the old (named) path."""
    for page in pages:
        specific_model = page.specific_class
        specific = specific_model.objects.get(pk=page.pk)
        updates = {}
        for name in QA_TEXT_FIELDS:
            value = getattr(specific, name, None)
            if isinstance(value, str) and (new := redact(value, words)) != value:
                updates[name] = new
        slug = _slug_without(specific, words)
        if slug != specific.slug:
            old_url_path = specific.url_path
            specific.slug = slug
            specific.set_url_path(specific.get_parent())
            updates.update(slug=slug, url_path=specific.url_path)
            specific._update_descendant_url_paths(old_url_path, specific.url_path)
        if updates:
            specific_model.objects.filter(pk=page.pk).update(**updates)
        for revision in Revision.objects.for_instance(page):
            content = _redact_json(revision.content, words)
            # Revisions keep the page's address as it is now, not a redacted slug.
            content.update({k: updates[k] for k in ("slug", "url_path") if k in updates})
            object_str = redact(revision.object_str, words)
            if (content, object_str) != (revision.content, revision.object_str):
                revision.content, revision.object_str = content, object_str
                revision.save(update_fields=["content", "object_str"])
        _redact_rows(PageLogEntry.objects.filter(page=page), words, ("label", "data"))
        reviews = TaskState.objects.filter(workflow_state__object_id=str(page.pk))
        _redact_rows(reviews, words, ("comment",))
        comments = Comment.objects.filter(page=page)
        _redact_rows(comments, words, ("text",))
        _redact_rows(CommentReply.objects.filter(comment__in=comments), words, ("text",))
        specific.refresh_from_db()
        insert_or_update_object(specific)  # Wagtail's own (admin) search index
        if specific.live:
            # The live content changed: the receivers of a publication re-index the page
            # (our index and the engine) and purge the page cache, after commit. A real
            # publication would cancel a review in progress.
            page_published.send(
                sender=specific_model, instance=specific, revision=specific.live_revision
            )


@transaction.atomic
def _erase(user, *, reason, by=None):
    words = identifiers_of(user)
    requests = list(HowToRequest.objects.filter(holder=user).select_related("qa_page"))
    erasure = Erasure(requests=len(requests))
    removed = _erase_attachments(requests)
    erasure.attachments = sum(removed.values())
    request_type = ContentType.objects.get_for_model(HowToRequest)
    for request_obj in requests:
        for name in HOLDER_TEXT_FIELDS:
            setattr(request_obj, name, redact(getattr(request_obj, name), words, contacts=True))
        request_obj.answer = redact(request_obj.answer, words)
        request_obj.holder = None
        request_obj.save()
        for event in request_obj.events.all():
            own = event.actor_id == user.pk
            comment = redact(event.comment, words, contacts=own)
            if comment != event.comment:
                event.comment = comment
                event.save(update_fields=["comment"])
        event = RequestEvent.objects.create(
            request=request_obj,
            action=Action.ANONYMISED,
            from_status=request_obj.status,
            to_status=request_obj.status,
            internal=True,
            details={"reason": reason, "attachments_removed": removed.get(request_obj.pk, 0)},
        )
        log(
            instance=request_obj,
            action=f"desk.{Action.ANONYMISED.value}",
            user=by,
            data={"event": event.pk, "reason": reason},
        )
    _redact_rows(
        ModelLogEntry.objects.filter(
            content_type=request_type, object_id__in=[str(r.pk) for r in requests]
        ),
        words,
        ("label", "data"),
    )
    pages = [r.qa_page for r in requests if r.qa_page_id]
    _erase_from_pages(pages, words)
    erasure.pages = len(pages)
    # Entries by them or about their account: no dangling user id, no name left.
    user_type = ContentType.objects.get_for_model(user)
    about = ModelLogEntry.objects.filter(
        Q(user_id=user.pk) | Q(content_type=user_type, object_id=str(user.pk))
    )
    _redact_rows(about, words, ("label", "data"))
    ModelLogEntry.objects.filter(user_id=user.pk).update(user=None)
    page_entries = PageLogEntry.objects.filter(user_id=user.pk)
    _redact_rows(page_entries, words, ("label", "data"))
    page_entries.update(user=None)
    _delete_sessions(user)
    user.delete()  # cascades: email addresses, profile, outbox rows to them
    return erasure


def delete_account(user, *, by):
    """Erase `user`'s account and personal data; their requests stay, anonymised.

    `by` is who asks: the person themselves (the "My data" page) or an administrator.
    Staff accounts are refused unless an administrator (superuser) asks."""
    if is_staff_account(user) and not (by is not None and by.is_superuser and by.pk != user.pk):
        raise AccountDeletionRefused(
            _(
                "Staff accounts cannot be deleted here: ask an administrator, who will "
                "hand over your work first."
            )
        )
    reason = "holder" if by is not None and by.pk == user.pk else "administrator"
    return _erase(user, reason=reason, by=None if reason == "holder" else by)


# Retention ----------------------------------------------------------------------------


def retention_period():
    """The retention period for display: whole years when it is, days otherwise."""
    years, rest = divmod(settings.TRIHUB_RETENTION_DAYS, 365)
    if years and not rest:
        return {"retention_years": years, "retention_days": None}
    return {"retention_years": None, "retention_days": settings.TRIHUB_RETENTION_DAYS}


def retention_cutoff(now=None, days=None):
    days = settings.TRIHUB_RETENTION_DAYS if days is None else days
    return (now or timezone.now()) - timedelta(days=days)


def inactive_holders(cutoff):
    """Holders with no login and no request activity since `cutoff`.

    Activity: their last login (or sign-up, if they never logged in), and the last
    change to any of their requests or on its timeline, by anyone: a request an
    expert is still working on keeps its holder's account."""
    return (
        holders()
        .annotate(
            last_request=Max("howto_requests__updated_at"),
            last_event=Max("howto_requests__events__created_at"),
        )
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .filter(Q(last_request__isnull=True) | Q(last_request__lt=cutoff))
        .filter(Q(last_event__isnull=True) | Q(last_event__lt=cutoff))
        .order_by("pk")
    )


def anonymise_inactive(cutoff, *, dry_run=False):
    """Erase every holder inactive since `cutoff`, each in their own transaction.

    Returns (erased, failed): the accounts erased (or that would be, with `dry_run`)
    and those whose erasure failed (logged; the next run tries again). Safe to run
    daily: an erased account is gone, so a second run finds nobody."""
    found = list(inactive_holders(cutoff))
    if dry_run:
        return found, []
    erased, failed = [], []
    for user in found:
        try:
            _erase(user, reason="retention")
        except Exception:
            logger.exception("Could not erase inactive account #%s", user.pk)
            failed.append(user)
        else:
            erased.append(user)
    return erased, failed
