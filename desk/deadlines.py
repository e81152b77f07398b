"""How each change of a request's state starts, pauses, resumes or stops its deadline,
counted in French working days (`web.working_days`)."""

from django.conf import settings
from django.utils import timezone

from web.working_days import add_working_days, is_working_day, working_days_between

from .states import ANSWER_STAGE, CLOSED, QUALIFICATION_STAGE, WAITING_FOR_HOLDER

__all__ = ["add_working_days", "apply_deadline", "is_working_day", "working_days_between"]


def apply_deadline(how_to_request, new_status, *, start_answer_clock=False, today=None):
    """Start, pause, resume or stop the clock as the request moves to `new_status`.

    The steps that start a fresh answer deadline (routing, a follow-up question) say so
    in their declaration (`desk.steps`), which passes `start_answer_clock`."""
    today = today or timezone.localdate()
    old_status = how_to_request.status
    if new_status in CLOSED:
        # Closed (withdrawn while the holder had the ball, say): no clock to resume.
        how_to_request.due_date = None
        how_to_request.days_left_when_paused = None
    elif new_status in WAITING_FOR_HOLDER and old_status not in WAITING_FOR_HOLDER:
        if how_to_request.due_date is not None:
            how_to_request.days_left_when_paused = working_days_between(
                today, how_to_request.due_date
            )
        how_to_request.due_date = None
    elif old_status in WAITING_FOR_HOLDER and new_status not in WAITING_FOR_HOLDER:
        how_to_request.due_date = add_working_days(today, how_to_request.days_left_when_paused or 0)
        how_to_request.days_left_when_paused = None
    elif start_answer_clock:
        how_to_request.due_date = add_working_days(today, settings.DESK_ANSWER_DAYS)
    elif new_status not in ANSWER_STAGE | QUALIFICATION_STAGE:
        how_to_request.due_date = None
