"""Writing a request's history: the one way anything is recorded on a request.

`record_event` saves the request, adds the timeline event, writes Wagtail's audit log
and sends `request_event_recorded` (whose receivers queue the notifications inside the
same transaction). The steps (`desk.steps`) call it, and so does personal-data erasure,
so that an erasure is on the timeline and in the audit log like any step.
"""

from django.utils import timezone
from wagtail.log_actions import log

from .deadlines import apply_deadline
from .models import RequestEvent
from .signals import request_event_recorded
from .states import CLOSED


def record_event(
    how_to_request,
    actor,
    action,
    to_status=None,
    comment="",
    *,
    internal=False,
    details=None,
    log_user=None,
    log_data=None,
    start_answer_clock=False,
):
    """Change state (if asked), save, and write the timeline, audit log and signal.

    `log_user` is who the audit log names when it is not the actor (an administrator
    erasing an account acts with no actor on the timeline), `log_data` what it adds to
    the entry's data; `start_answer_clock` gives the request a fresh answer deadline."""
    from_status = how_to_request.status
    if to_status is not None and to_status != from_status:
        apply_deadline(how_to_request, to_status, start_answer_clock=start_answer_clock)
        how_to_request.status = to_status
        if to_status in CLOSED:
            how_to_request.closed_at = timezone.now()
    how_to_request.save()
    event = RequestEvent.objects.create(
        request=how_to_request,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=how_to_request.status,
        comment=comment,
        internal=internal,
        details=details or {},
    )
    log(
        instance=how_to_request,
        action=f"desk.{action}",
        user=log_user or actor,
        data={
            "from": from_status,
            "to": how_to_request.status,
            "event": event.pk,
            **(log_data or {}),
        },
    )
    request_event_recorded.send(sender=RequestEvent, event=event)
    return event
