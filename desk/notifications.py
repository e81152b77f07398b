"""Who is told of each step, in which language, and how the email goes out once.

The outbox carries the projects' steps too (`projects.notices` says who is told of
those and what their email says): one outbox, one delivery, one retry policy.

Notifications are written to an outbox in the step's transaction and delivered by
a background task after commit (`tasks.py`). A failure leaves them pending with a
later `next_attempt_at`: the delivery task is queued again for then when the queue
can defer. The worker's housekeeping queues whatever is due and not queued, among them a
notification cut off while sending by a stopped worker (`due_for_retry`), and
`tasks.retry_due_notifications` (the `send_notifications` command) sends whatever is due
where no worker runs.
"""

import logging
import time
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import InterfaceError, OperationalError, close_old_connections
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from projects import notices as project_notices
from web.public_address import public_url

from . import actors, citations, permissions
from .models import Notification
from .models.events import Action
from .publication import live_page_url
from .states import Status

logger = logging.getLogger(__name__)

HOLDER, COORDINATORS_, BODY_EXPERTS, ASSIGNEE, ORIGINAL_HOLDER, RESPONSIBLE = (
    "holder",
    "coordinators",
    "body_experts",
    "assignee",
    "original_holder",
    "responsible",  # whoever has the ball (`_responsible`)
)
CITING_EXPERTS = "citing_experts"  # who wrote the answers citing a changed page

AUDIENCES = {
    Action.SUBMIT: (HOLDER, COORDINATORS_),
    Action.COMMON_LAW: (HOLDER,),
    Action.DUPLICATE: (HOLDER,),
    Action.DUPLICATE_RECEIVED: (HOLDER, ASSIGNEE),
    Action.ASK_CLARIFICATION: (HOLDER,),
    Action.ROUTE: (HOLDER, BODY_EXPERTS),
    Action.CLAIM: (HOLDER,),
    Action.ASK_HOLDER: (HOLDER,),
    Action.HOLDER_REPLY: (ASSIGNEE, COORDINATORS_),
    Action.HAND_OVER: (BODY_EXPERTS,),
    Action.NOTE: (),
    Action.ANSWER: (HOLDER, COORDINATORS_),
    Action.APPROVE_ANSWER: (HOLDER, ASSIGNEE),
    Action.RETURN_ANSWER: (ASSIGNEE,),
    Action.ACCEPT: (ASSIGNEE, COORDINATORS_),
    Action.FOLLOW_UP: (ASSIGNEE,),
    Action.PUBLISH: (HOLDER,),
    Action.ANONYMISED: (),  # the holder is gone; staff see it on the timeline
    Action.LINK_ROADMAP_ACTIONS: (),  # internal: staff see it on the timeline
    Action.REMIND: (RESPONSIBLE,),  # `desk.reminders`: a deadline is near
    Action.ESCALATE: (COORDINATORS_,),  # `desk.reminders`: a deadline has passed
    # Before qualification: the coordinators qualify what it now says.
    Action.EDIT: (COORDINATORS_,),
    Action.WITHDRAW: (ASSIGNEE, COORDINATORS_),
    # The desk's own Q&A draft (`desk.publication`): the coordinators review it, or draft
    # it by hand when it failed; the holder hears once it is live.
    Action.QA_DRAFTED: (COORDINATORS_,),
    Action.QA_DRAFT_FAILED: (COORDINATORS_,),
    Action.QA_PUBLISHED: (HOLDER,),
    # `desk.citations`: a page an answer cites was republished with changed content.
    Action.CITED_PAGE_CHANGED: (HOLDER, CITING_EXPERTS),
}

MAX_ATTEMPTS = 8
# How long recording a sent email waits for the database to come back: the email went
# out, so it must not be sent again for a short outage.
RECORD_SENT_PATIENCE = 120


def _recipients(event):
    User = get_user_model()
    request = event.request
    users = {}
    for audience in AUDIENCES.get(event.action, ()):
        if audience == HOLDER:
            # The holder hears only of what they may read.
            if event.readable_by_holder and request.holder_id:
                users[request.holder_id] = request.holder
            continue
        if audience == COORDINATORS_:
            found = permissions.coordinators()
            if event.action == Action.HOLDER_REPLY and request.assignee_id:
                continue  # the assignee handles it
        elif audience == BODY_EXPERTS:
            found = User.objects.filter(groups__expert_body__in=request.bodies.all())
        elif audience == ASSIGNEE:
            found = [request.assignee] if request.assignee_id else []
        elif audience == RESPONSIBLE:
            found = _responsible(request)
        elif audience == CITING_EXPERTS:
            found = citations.citing_experts(event)
        else:
            continue
        for user in found:
            users.setdefault(user.pk, user)
    if event.actor_id:
        users.pop(event.actor_id, None)  # nobody is told of their own step
    return [user for user in users.values() if user.is_active and user.email]


def _responsible(request):
    """Who has the ball on a running clock: the coordinators to qualify a request or
    review an answer; else the expert in charge, or, unclaimed, its bodies' experts."""
    if request.status in {Status.SUBMITTED, Status.ANSWER_REVIEW}:
        return permissions.coordinators()
    if request.assignee_id:
        return [request.assignee]
    return get_user_model().objects.filter(groups__expert_body__in=request.bodies.all())


def _language_of(user, request):
    profile = UserProfile.objects.filter(user=user).first()
    if profile and profile.preferred_language:
        return profile.preferred_language
    if user.pk == request.holder_id:
        return request.language
    return settings.LANGUAGE_CODE


def queue_notifications(event):
    """Write the event's notifications to the outbox; return the new ones' ids."""
    created = []
    for user in _recipients(event):
        notification, is_new = Notification.objects.get_or_create(
            event=event,
            recipient=user,
            defaults={"email": user.email, "language": _language_of(user, event.request)},
        )
        if is_new:
            created.append(notification.pk)
    return created


def queue_project_notifications(event):
    """Write a project step's notifications (`projects.notices` says to whom)."""
    created = []
    for user, email in project_notices.recipients(event):
        notification, is_new = Notification.objects.get_or_create(
            project_event=event,
            email=email,
            defaults={"recipient": user, "language": project_notices.language_of(user)},
        )
        if is_new:
            created.append(notification.pk)
    return created


def _link_for(notification):
    request = notification.event.request
    if notification.recipient_id == request.holder_id:
        path = request.get_absolute_url()
    else:
        path = reverse("desk_admin:inspect", args=[request.pk])
    return public_url(path)


def _page_link(event, for_holder):
    """The Q&A page an event is about: its editor for staff when drafted, its public
    address for the holder once live; else None."""
    if event.action == Action.QA_DRAFTED and not for_holder and event.details.get("page"):
        return public_url(reverse("wagtailadmin_pages:edit", args=[event.details["page"]]))
    if event.action == Action.QA_PUBLISHED and for_holder:
        return live_page_url(event.request)
    return None


def _comparison_link(event, recipient, for_holder):
    """What a cited page's change alert links to: what changed, on the request's page
    for the holder; Wagtail's comparison of the revisions for staff who may edit the
    page, else the same view as the holder's (Wagtail refuses the others)."""
    if event.action != Action.CITED_PAGE_CHANGED:
        return None
    if not for_holder:
        wagtail_compare = citations.wagtail_comparison_url(event, recipient)
        if wagtail_compare:
            return public_url(wagtail_compare)
    return public_url(citations.comparison_path(event))


def render(notification):
    if notification.project_event_id:
        return project_notices.render(
            notification.project_event,
            notification.recipient,
            notification.email,
            notification.language,
        )
    event = notification.event
    for_holder = notification.recipient_id == event.request.holder_id
    # All of it in the recipient's language: the staff name ("The TRI team") and the
    # dates are words too, not only the templates.
    with translation.override(notification.language):
        context = {
            "event": event,
            "request": event.request,
            "recipient": notification.recipient,
            "for_holder": for_holder,
            "answer_ready": for_holder and _brings_the_answer(event),
            # Who acted, as the holder is told: an expert's body, else the TRI team.
            "staff_name": (
                actors.name_staff_for_holder([event])[0].staff_name if for_holder else ""
            ),
            "link": _link_for(notification),
            "due_date": _due_date_named(event),
            "page_link": _page_link(event, for_holder),
            "comparison_link": _comparison_link(event, notification.recipient, for_holder),
        }
        subject = render_to_string("desk/email/subject.txt", context)
        body = render_to_string("desk/email/body.txt", context)
    return " ".join(subject.split()), body


def _due_date_named(event):
    """The due date a reminder or an escalation is about (`desk.reminders`), or None."""
    if event.action in {Action.REMIND, Action.ESCALATE} and event.details.get("due_date"):
        return date.fromisoformat(event.details["due_date"])
    return None


def _brings_the_answer(event):
    """The step that puts the answer before the holder (written, or approved after a
    review): their email says it is ready, and what they may do with it."""
    return event.action in {Action.ANSWER, Action.APPROVE_ANSWER} and (
        event.to_status == Status.ANSWERED
    )


def deliver(notification_id):
    """Send one notification if it is still pending; at most once.

    It is read and its email written before it is claimed: only the claim-to-send
    window can leave it "sending" when the worker stops (`due_for_retry`), and a
    database error while reading leaves it pending, its one retry after a cut-off kept.

    Returns the notification as it is left (sent, pending a retry, or failed for
    good), or None if it was not pending."""
    pending = Notification.objects.select_related(
        "event__request",
        "event__actor",
        "project_event__project",
        "project_event__actor",
        "project_event__evaluation",
        "recipient",
    ).filter(pk=notification_id, state=Notification.State.PENDING)
    notification = pending.first()
    if notification is None:
        return None
    try:
        subject, body = render(notification)
    except (OperationalError, InterfaceError):
        raise  # the database's failure: still pending, tried again
    except Exception as exc:  # a template's failure: counted as an attempt
        rendered, render_error = None, exc
    else:
        rendered, render_error = (subject, body), None
    claimed = pending.update(
        state=Notification.State.SENDING,
        attempts=F("attempts") + 1,
        next_attempt_at=timezone.now(),  # when it was claimed, to spot stuck sends
    )
    if not claimed:
        return None  # another worker took it meanwhile
    notification.attempts += 1
    if render_error is not None:
        _failed(notification, render_error)
        return notification
    try:
        EmailMessage(*rendered, to=[notification.email]).send()
    except Exception as exc:
        _failed(notification, exc)
        return notification
    _record_sent(notification)
    return notification


def _record_sent(notification):
    """Mark it sent, waiting out a database outage for a while: the email went out, and
    a notification left "sending" would be sent again."""
    notification.state = Notification.State.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    waited, delay = 0, 1
    while True:
        try:
            notification.save(update_fields=["state", "sent_at", "last_error"])
            return
        except (OperationalError, InterfaceError):
            if waited >= RECORD_SENT_PATIENCE:
                raise
            logger.warning(
                "Notification %s sent; waiting for the database to record it.", notification.pk
            )
            close_old_connections()
            time.sleep(delay)
            waited += delay
            delay = min(delay * 2, 15)


def _failed(notification, exc):
    logger.warning("Notification %s failed: %s", notification.pk, exc)
    delay = timedelta(minutes=2 ** min(notification.attempts, 10))
    notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    notification.next_attempt_at = timezone.now() + delay
    if notification.attempts >= MAX_ATTEMPTS:
        notification.state = Notification.State.FAILED
    else:
        notification.state = Notification.State.PENDING
    notification.save(update_fields=["state", "last_error", "next_attempt_at"])


def due_for_retry(now):
    """Ids of what is due: pending past its time, or cut off while sending by a stopped
    worker (still "sending" `NOTIFICATION_STALE_SENDING_SECONDS` after its claim): that
    one is sent again once, and given up if it is cut off again."""
    cut_off = Notification.objects.filter(
        state=Notification.State.SENDING,
        next_attempt_at__lt=now - timedelta(seconds=settings.NOTIFICATION_STALE_SENDING_SECONDS),
    )
    cut_off.filter(interrupted_at__isnull=True).update(
        state=Notification.State.PENDING, interrupted_at=now
    )
    given_up = cut_off.filter(interrupted_at__isnull=False).update(
        state=Notification.State.FAILED,
        last_error="Cut off twice while sending (the worker stopped): given up.",
    )
    if given_up:
        logger.error("%s notifications cut off twice while sending: given up.", given_up)
    return list(
        Notification.objects.filter(
            state=Notification.State.PENDING, next_attempt_at__lte=now
        ).values_list("pk", flat=True)
    )
