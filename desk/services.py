"""Every state change of a how-to request: check, change, save, record, log, signal.

Views, the admin, the API and commands call these functions and nothing else
changes a request's status. Each runs in one transaction; the signal it sends is
received inside that transaction (the notification outbox is written atomically
with the step) and delivery happens after commit, in the background.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from . import permissions
from .deadlines import add_working_days, working_days_between
from .models import Attachment, HowToRequest, RequestEvent, RoutingRule
from .models.events import Action
from .signals import request_event_recorded
from .states import ANSWER_STAGE, CLOSED, WAITING_FOR_HOLDER, Status


class TransitionError(Exception):
    """The request is not in a state where this step makes sense."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _today():
    return timezone.localdate()


def _require_status(request, *allowed):
    if request.status not in allowed:
        raise TransitionError(
            _("This step is not possible while the request is “%(status)s”.")
            % {"status": request.get_status_display()}
        )


def _require(condition):
    if not condition:
        raise PermissionDenied


# Transitions that start a fresh answer deadline: routing, and a follow-up question.
ANSWER_CLOCK_STARTS = {
    (Status.SUBMITTED, Status.ROUTED),
    (Status.ANSWERED, Status.IN_PROGRESS),
}


def _apply_deadline(request, new_status):
    """Start, pause, resume or stop the clock as the request changes state."""
    old_status = request.status
    if new_status in WAITING_FOR_HOLDER and old_status not in WAITING_FOR_HOLDER:
        if request.due_date is not None:
            request.days_left_when_paused = working_days_between(_today(), request.due_date)
        request.due_date = None
    elif old_status in WAITING_FOR_HOLDER and new_status not in WAITING_FOR_HOLDER:
        request.due_date = add_working_days(_today(), request.days_left_when_paused or 0)
        request.days_left_when_paused = None
    elif (old_status, new_status) in ANSWER_CLOCK_STARTS:
        request.due_date = add_working_days(_today(), settings.DESK_ANSWER_DAYS)
    elif new_status not in ANSWER_STAGE | {Status.SUBMITTED}:
        request.due_date = None


def _record(
    request,
    actor,
    action,
    to_status=None,
    comment="",
    internal=False,
    details=None,
):
    """Change state (if asked), save, and write the timeline, audit log and signal."""
    from_status = request.status
    if to_status is not None and to_status != from_status:
        _apply_deadline(request, to_status)
        request.status = to_status
        if to_status in CLOSED:
            request.closed_at = timezone.now()
    request.save()
    event = RequestEvent.objects.create(
        request=request,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=request.status,
        comment=comment,
        internal=internal,
        details=details or {},
    )
    log(
        instance=request,
        action=f"desk.{action}",
        user=actor,
        data={"from": from_status, "to": request.status, "event": event.pk},
    )
    request_event_recorded.send(sender=RequestEvent, event=event)
    return event


def _attach(request, event, files, user):
    for uploaded, info in files:
        Attachment.objects.create(
            request=request,
            event=event,
            file=uploaded,
            original_name=info.original_name,
            content_type=info.content_type,
            size=info.size,
            uploaded_by=user,
        )


# Filing -------------------------------------------------------------------------


@transaction.atomic
def file_request(holder, data, files=(), language="fr"):
    """A holder files a request. `data` is a form's cleaned data; `files` pairs of
    (uploaded file, validated AttachmentInfo)."""
    _require(holder.is_authenticated and holder.is_active)
    priorities = data.pop("priorities")
    request = HowToRequest(holder=holder, language=language, **data)
    request.due_date = add_working_days(_today(), settings.DESK_QUALIFICATION_DAYS)
    request.save()
    request.priorities.set(priorities)
    event = _record(request, holder, Action.SUBMIT)
    _attach(request, event, files, holder)
    return request


# Qualification (coordinators) ---------------------------------------------------


@transaction.atomic
def answer_by_common_law(request, coordinator, pointer):
    """Close with a pointer to the ordinary regional scheme that covers the request."""
    _require(permissions.is_coordinator(coordinator))
    _require_status(request, Status.SUBMITTED)
    request.answer = pointer
    request.answered_at = timezone.now()
    return _record(request, coordinator, Action.COMMON_LAW, Status.COMMON_LAW, pointer)


@transaction.atomic
def mark_duplicate(request, coordinator, original, comment=""):
    """Merge into an earlier request; both holders are kept informed."""
    _require(permissions.is_coordinator(coordinator))
    _require_status(request, Status.SUBMITTED, Status.CLARIFICATION)
    while original.duplicate_of_id:  # merge into the root of a chain
        original = original.duplicate_of
    if original.pk == request.pk:
        raise TransitionError(_("A request cannot be a duplicate of itself."))
    request.duplicate_of = original
    event = _record(
        request,
        coordinator,
        Action.DUPLICATE,
        Status.DUPLICATE,
        comment,
        details={"original": str(original.public_id), "reference": original.reference},
    )
    _record(
        original,
        coordinator,
        Action.DUPLICATE_RECEIVED,
        comment=comment,
        details={"duplicate": str(request.public_id), "reference": request.reference},
    )
    return event


@transaction.atomic
def ask_clarification(request, coordinator, question):
    _require(permissions.is_coordinator(coordinator))
    _require_status(request, Status.SUBMITTED)
    return _record(request, coordinator, Action.ASK_CLARIFICATION, Status.CLARIFICATION, question)


def proposed_bodies(request):
    """Bodies the routing rules propose for this request (the coordinator decides)."""
    return RoutingRule.objects.bodies_for(request.priorities.all(), request.territory)


@transaction.atomic
def route(request, coordinator, bodies, comment=""):
    _require(permissions.is_coordinator(coordinator))
    _require_status(request, Status.SUBMITTED)
    bodies = list(bodies)
    if not bodies:
        raise TransitionError(_("Choose at least one expert body."))
    request.bodies.set(bodies)
    return _record(
        request,
        coordinator,
        Action.ROUTE,
        Status.ROUTED,
        comment,
        details={"bodies": [body.pk for body in bodies]},
    )


# Answering (experts) ------------------------------------------------------------


@transaction.atomic
def claim(request, expert):
    _require(permissions.is_routed_expert(expert, request))
    _require_status(request, Status.ROUTED)
    request.assignee = expert
    return _record(request, expert, Action.CLAIM, Status.IN_PROGRESS)


@transaction.atomic
def ask_holder(request, expert, question):
    _require(permissions.can_answer(expert, request))
    _require_status(request, Status.IN_PROGRESS)
    return _record(request, expert, Action.ASK_HOLDER, Status.AWAITING_HOLDER, question)


@transaction.atomic
def hand_over(request, expert, body, reason):
    """Pass the request to another body; nobody holds it until one of theirs claims it."""
    _require(permissions.can_hand_over(expert, request))
    _require_status(request, Status.ROUTED, Status.IN_PROGRESS)
    if not reason.strip():
        raise TransitionError(_("Say why the request is handed over."))
    previous = [b.pk for b in request.bodies.all()]
    request.bodies.set([body])
    request.assignee = None
    return _record(
        request,
        expert,
        Action.HAND_OVER,
        Status.ROUTED,
        reason,
        details={"from_bodies": previous, "to_body": body.pk},
    )


@transaction.atomic
def add_note(request, author, text):
    """An internal note: never shown or sent to the holder."""
    _require(permissions.can_see_internal(author, request))
    if request.status in {Status.COMMON_LAW, Status.DUPLICATE}:
        raise TransitionError(_("This request is closed."))
    return _record(request, author, Action.NOTE, comment=text, internal=True)


@transaction.atomic
def write_answer(request, expert, text, review=None):
    """Answer; with review (default: the DESK_REVIEW_ANSWERS setting) a coordinator
    approves it before the holder sees it."""
    _require(permissions.can_answer(expert, request))
    _require_status(request, Status.IN_PROGRESS)
    request.answer = text
    request.answered_at = timezone.now()
    if settings.DESK_REVIEW_ANSWERS if review is None else review:
        # The holder sees the answer once a coordinator has approved it.
        return _record(request, expert, Action.ANSWER, Status.ANSWER_REVIEW, text, internal=True)
    return _record(request, expert, Action.ANSWER, Status.ANSWERED, text)


@transaction.atomic
def approve_answer(request, coordinator):
    _require(permissions.is_coordinator(coordinator))
    _require_status(request, Status.ANSWER_REVIEW)
    return _record(request, coordinator, Action.APPROVE_ANSWER, Status.ANSWERED, request.answer)


@transaction.atomic
def return_answer(request, coordinator, comment):
    _require(permissions.is_coordinator(coordinator))
    _require_status(request, Status.ANSWER_REVIEW)
    return _record(
        request, coordinator, Action.RETURN_ANSWER, Status.IN_PROGRESS, comment, internal=True
    )


# The holder's side --------------------------------------------------------------


def _require_holder(request, user):
    _require(request.holder_id is not None and request.holder_id == user.pk)


@transaction.atomic
def reply(request, holder, message, files=()):
    """The holder answers a clarification or an expert's question; the clock restarts."""
    _require_holder(request, holder)
    _require_status(request, Status.CLARIFICATION, Status.AWAITING_HOLDER)
    target = Status.SUBMITTED if request.status == Status.CLARIFICATION else Status.IN_PROGRESS
    event = _record(request, holder, Action.HOLDER_REPLY, target, message)
    _attach(request, event, files, holder)
    return event


@transaction.atomic
def accept_answer(request, holder, comment=""):
    _require_holder(request, holder)
    _require_status(request, Status.ANSWERED)
    return _record(request, holder, Action.ACCEPT, Status.ACCEPTED, comment)


@transaction.atomic
def follow_up(request, holder, question):
    """One follow-up question, back to the same expert."""
    _require_holder(request, holder)
    _require_status(request, Status.ANSWERED)
    if request.follow_up_used:
        raise TransitionError(_("Only one follow-up question is possible."))
    request.follow_up_used = True
    return _record(request, holder, Action.FOLLOW_UP, Status.IN_PROGRESS, question)


# Publication ----------------------------------------------------------------------


@transaction.atomic
def publish_as_qa(request, coordinator, title, question, answer):
    """Draft an anonymised Q&A page from an accepted answer and submit it for review.

    The page goes live only when the page workflow approves it."""
    from .publication import create_draft_page

    _require(permissions.is_coordinator(coordinator))
    _require_status(request, Status.ACCEPTED)
    if not request.consent_to_publish:
        raise TransitionError(_("The holder did not agree to publish the answer."))
    if request.qa_page_id:
        raise TransitionError(_("A Q&A page already exists for this request."))
    try:
        page = create_draft_page(request, coordinator, title, question, answer)
    except LookupError as error:
        raise TransitionError(str(error)) from error
    request.qa_page = page
    return _record(request, coordinator, Action.PUBLISH, details={"page": page.pk})
