"""Erasing an account: the person goes, their requests stay for the experts, anonymised,
and their projects for the programme, without them (`project_erasure.py`).

The "My data" page and the admin's user deletion call `delete_account`; retention calls
`erase`. Every other deletion of a holder's account (the admin's bulk delete,
`User.delete()`, a queryset's `delete()`) runs the same `scrub` from a pre_delete guard
(`receivers.py`), inside the deletion's transaction. The export (`export.py`) holds what
this table lists about the person, except secrets (password hash, second factors'
secrets) and what staff keep private (internal notes, an answer still under review,
Commission 15's scores and notes on their projects; an evaluator's own are theirs).
Text is redacted by the desk's anonymiser (`desk.redaction`), the one the Q&A
draft uses too; the erasure is recorded on each request by `desk.timeline.record_event`
and on each project by `projects.timeline.record_project_event`, like any step.

Where personal data lives, and what erasing an account does to it:

=============================  ============================  ==================================
table (model)                  what it holds                 on erasure
=============================  ============================  ==================================
auth_user                      username, names, email,       row deleted
                               password hash, dates
account_emailaddress (+        every address, verified or    deleted (cascade)
account_emailconfirmation)     not
wagtailusers_userprofile       language, time zone           deleted (cascade)
desk_holderprofile             the organisation they gave    cleared by the erasure, then
                               (sign-up, account page)       deleted (cascade)
mfa_authenticator              second factor: TOTP secret,   deleted (cascade)
                               recovery codes' seed, dates
socialaccount_socialaccount    single sign-on link: the      deleted (cascade)
                               provider's identifier and
                               claims (names, email)
django_session                 the login (user id, encoded)  their sessions deleted (decoded
                                                             one by one to find the user id)
desk_howtorequest              holder FK; title, question,   kept for the experts' work:
                               project, partners, funding    holder -> NULL (the admin shows
                               typed by the holder; the      "Anonymised"); the holder's
                               expert's answer               identifiers (see below), and
                                                             any email or phone number, are
                                                             redacted from the holder's text;
                                                             the holder's identifiers from
                                                             the answer
desk_requestevent              actor FK; comments (the       actor -> NULL (the timeline
                               holder's replies, the         still says "the project holder",
                               experts' questions)           see HOLDER_ACTIONS); comments
                                                             redacted as above; one internal
                                                             "personal data erased" event,
                                                             with no actor and no email
desk_attachment + files under  the holder's documents        files and rows deleted (they are
PRIVATE_MEDIA_ROOT                                           the holder's papers, often full
                                                             of personal data); the count is
                                                             kept on the erasure event
desk_accountemail              allauth's emails to them      deleted (cascade)
                               (sign-up confirmation,
                               password reset, notices):
                               template, address, date; no
                               body (its links sign in)
desk_notification              outbox: recipient FK, email,  rows to them deleted (cascade);
                               last error                    emails to staff are rendered at
                                                             sending time, so they say
                                                             "Anonymised" from now on
wagtailcore_modellogentry /    audit log: user id (no        user -> NULL; labels and data of
pagelogentry /                 database constraint, so it    entries by them, about their
desk_requestlogentry (the      would dangle), label, data    account, their requests and
requests' own log)
                                                             their Q&A pages redacted; one
                                                             entry per request for the
                                                             erasure, by the administrator
                                                             who asked (nobody otherwise)
wagtailcore_revision           user FK; content JSON of      user -> NULL (cascade rule);
                               Q&A pages built from their    content and object_str of their
                               requests (already anonymised  Q&A pages' revisions redacted
                               when drafted)
knowledge_questionanswerpage   the published Q&A             text fields redacted in place (a
                                                             new revision would restart a
                                                             running review workflow)
taskstate, comment,            reviewers' comments on those  redacted
commentreply                   Q&A pages
projects_project,              the projects they belonged    kept for the programme:
projects_projectlink           to, were invited to, acted    created_by -> NULL; their
                               on or evaluated: texts the    identifiers redacted from the
                               team typed (title, summary,   texts and links' titles; a link
                               organisations, partners,      whose address names them
                               effects, funding details)     deleted
projects_membership            user FK, role, date joined    deleted (a last owner leaves the
                                                             project ownerless, for the
                                                             coordinators)
projects_invitation            invitee's email, sender FK,   to any of their addresses:
                               who accepted                  deleted; sent by them or
                                                             accepted by them: FK -> NULL
projects_projectevent          actor FK; comments, details   actor -> NULL; comments (any
                               (a member's or evaluator's    email or phone in their own) and
                               id, an invitation's id)       details redacted, their id
                                                             cleared; one internal "personal
                                                             data erased" event per project,
                                                             no actor
projects_evaluation,           the Commission's opinion,     kept, the Commission's record:
projects_review,               public justification; each    their identifiers redacted; an
projects_score                 evaluator's private notes,    evaluator's own reviews and
                               scores and justifications     scores kept, evaluator -> NULL,
                                                             their notes deleted (also when
                                                             a staff account is deleted
                                                             otherwise: nobody else may read
                                                             them)
projects_projectlogentry       the projects' audit log:      user -> NULL; labels and data of
                               user id, label (the title)    entries by them or about their
                                                             projects redacted; one entry per
                                                             project for the erasure
knowledge_projectpage (+ its   a consented project's public  redacted in place like a Q&A
revisions, log, indexes)       page, written from it         page, then re-synced from the
                                                             project after commit
desk_notification (project     outbox: to an address (no     to any of their addresses:
steps)                         recipient for an invitee      deleted
                               without account)
search_searchdocument, FTS,    Q&A and showcase pages        live pages re-indexed after
the engine index,              (public)                      commit (our index and the engine,
wagtailsearch_indexentry                                     by reindex_erased_pages_task,
                                                             which then compacts SQLite's
                                                             full-text tables: FTS5 keeps a
                                                             deleted row's terms until a
                                                             merge; Wagtail's own admin index
                                                             at once) and the page cache
                                                             purged, called directly: no
                                                             publication signal, nothing was
                                                             published
django_tasks_database_         task arguments: notification  nothing: ids only
dbtaskresult                   and page ids
search_zeroresultquery         search words, not linked to   nothing: no link to anyone
                               anyone
wagtail comments, page         holders have no admin access  deleted (cascade) if any
subscriptions, editing
sessions, API tokens
=============================  ============================  ==================================

"Redacted" means `desk.redaction.redact` with the holder's identifiers
(`identifiers_of`): names with or without accents in any case, names in a first.last
email when the account has none, every email address, and the emails and phone numbers
they gave in their own text, in any form; in staff's text (questions, notes, answers,
reviews, comments, log labels) too, where only those contacts go, not every number.

`tests/privacy/test_scan.py` holds this table to account: after each deletion path it
reads every text, blob and JSON value of every table the database lists (the FTS tables
of both search indexes included) and the private files, and finds none of the holder's
strings (she also owns an evaluated, showcased project with a member, joined another and
is invited to a third); it also finds none on the published Q&A page before erasure,
and none of an evaluator's once an administrator erased him.

Staff accounts (staff flag, superuser, or any group) are never erased here unless an
administrator calls `delete_account`: their names sign published work and reviews.
"""

import logging
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry, PageLogEntry

from desk.models import Attachment, HolderProfile, HowToRequest, RequestLogEntry
from desk.models.events import Action
from desk.redaction import HOLDER_TEXT_FIELDS, identifiers_of, redact
from desk.timeline import record_event
from web import pagecache

from . import project_erasure
from .people import is_staff_account
from .scrubbing import erase_from_pages, redact_rows

logger = logging.getLogger(__name__)


class AccountDeletionRefused(Exception):
    """This account may not be erased this way (a staff account)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Erasure:
    """What one erasure touched, for the caller's message and the tests."""

    requests: int = 0
    attachments: int = 0
    pages: int = 0  # Q&A pages built from their requests
    projects: int = 0  # projects they were taken out of (project_erasure.py)


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


@transaction.atomic
def erase(user, *, reason, by=None):
    """Erase `user` and their personal data, whoever they are; callers decide who may.

    `reason` ("holder", "administrator", "retention", or "deletion" for an account
    deleted outside the admin, see receivers.py) is kept on each request's erasure
    event; `by` is the administrator the audit log names, if any."""
    erasure = scrub(user, reason=reason, by=by)
    user._personal_data_scrubbed = True  # the pre_delete guard (receivers.py) skips it
    user.delete()  # cascades: email addresses, profile, outbox rows to them
    return erasure


@transaction.atomic
def scrub(user, *, reason, by=None):
    """Everything `erase` does but deleting the row: their requests anonymised, their
    traces redacted or removed. Also run by the pre_delete guard, inside the deletion's
    transaction, for a holder deleted another way (bulk delete, `User.delete()`)."""
    words = identifiers_of(user)
    requests = list(HowToRequest.objects.filter(holder=user).select_related("qa_page"))
    erasure = Erasure(requests=len(requests))
    removed = _erase_attachments(requests)
    erasure.attachments = sum(removed.values())
    for request_obj in requests:
        for name in HOLDER_TEXT_FIELDS:
            setattr(request_obj, name, redact(getattr(request_obj, name), words, contacts=True))
        request_obj.answer = redact(request_obj.answer, words)
        request_obj.holder = None
        for event in request_obj.events.all():
            own = event.actor_id == user.pk
            comment = redact(event.comment, words, contacts=own)
            if comment != event.comment:
                event.comment = comment
                event.save(update_fields=["comment"])
        record_event(  # saves the request
            request_obj,
            None,
            Action.ANONYMISED,
            internal=True,
            details={"reason": reason, "attachments_removed": removed.get(request_obj.pk, 0)},
            log_user=by,
            log_data={"reason": reason},
        )
    redact_rows(RequestLogEntry.objects.for_requests(requests), words, ("label", "data"))
    pages = [r.qa_page for r in requests if r.qa_page_id]
    live = erase_from_pages(pages, words)
    erasure.pages = len(pages)
    in_projects = project_erasure.scrub_projects(user, words, reason=reason, by=by)
    erasure.projects = in_projects.projects
    if live or in_projects.live_pages:
        pagecache.purge()  # after commit
    # Entries by them or about their account: no dangling user id, no name left.
    user_type = ContentType.objects.get_for_model(user)
    about = ModelLogEntry.objects.filter(
        Q(user_id=user.pk) | Q(content_type=user_type, object_id=str(user.pk))
    )
    redact_rows(about, words, ("label", "data"))
    ModelLogEntry.objects.filter(user_id=user.pk).update(user=None)
    request_entries = RequestLogEntry.objects.filter(user_id=user.pk)
    redact_rows(request_entries, words, ("label", "data"))
    request_entries.update(user=None)
    page_entries = PageLogEntry.objects.filter(user_id=user.pk)
    redact_rows(page_entries, words, ("label", "data"))
    page_entries.update(user=None)
    # Their organisation goes with their names, even when the row is kept a moment longer
    # (the pre_delete guard scrubs before the deletion cascades).
    HolderProfile.objects.filter(user=user).delete()
    _delete_sessions(user)
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
    return erase(user, reason=reason, by=None if reason == "holder" else by)
