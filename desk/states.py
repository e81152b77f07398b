"""The states of a how-to request, in one place.

Why not Wagtail's workflow engine for requests: a Wagtail workflow is a linear chain
of approval tasks over revisions of content, each task approving or rejecting (and a
rejection sending the object back to its editor). A request's life branches instead
(common-law answer, duplicate, clarification, routing to several bodies, hand-over,
questions to the holder that pause a deadline, one follow-up that reopens it), its
actors are the holder and the experts of the bodies it is routed to rather than
fixed groups, and it has no revisions to approve. Modelling that as approval tasks
would mean custom task types whose every action is a state change anyway. So the
states are explicit here and the steps in `steps/`, while what Wagtail does well
is reused: the audit log (history screen), generic admin views (queue, request page,
filters), the dashboard, and the page workflow for the Q&A pages that come out of it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, to be qualified")
    CLARIFICATION = "clarification", _("Clarification asked of the holder")
    ROUTED = "routed", _("Routed, waiting for an expert")
    IN_PROGRESS = "in_progress", _("Being answered")
    AWAITING_HOLDER = "awaiting_holder", _("Question asked of the holder")
    ANSWER_REVIEW = "answer_review", _("Answer under review")
    ANSWERED = "answered", _("Answered")
    ACCEPTED = "accepted", _("Answer accepted")
    COMMON_LAW = "common_law", _("Closed: covered by ordinary policies")
    DUPLICATE = "duplicate", _("Closed: duplicate")
    WITHDRAWN = "withdrawn", _("Closed: withdrawn by the holder")


# The holder has the ball: the deadline is paused.
WAITING_FOR_HOLDER = {Status.CLARIFICATION, Status.AWAITING_HOLDER}
# Counted against the qualification deadline, then against the answer deadline.
QUALIFICATION_STAGE = {Status.SUBMITTED}
ANSWER_STAGE = {Status.ROUTED, Status.IN_PROGRESS, Status.ANSWER_REVIEW}
CLOSED = {Status.ACCEPTED, Status.COMMON_LAW, Status.DUPLICATE, Status.WITHDRAWN}
# Not yet qualified: the holder may still edit what they asked.
EDITABLE_BY_HOLDER = {Status.SUBMITTED, Status.CLARIFICATION}
# The holder may read the answer: given, accepted, or the droit commun pointer.
ANSWER_SHOWN_TO_HOLDER = {Status.ANSWERED, Status.ACCEPTED, Status.COMMON_LAW}
# Answered requests wait for the holder's reading but no deadline runs.
OPEN = set(Status) - CLOSED


class DeadlineStage(models.TextChoices):
    """Which date a request's `due_date` is: the holder is told which one they wait for."""

    QUALIFICATION = "qualification", _("Qualification expected by")
    ANSWER = "answer", _("Answer expected by")


def deadline_stage(status):
    """The stage the due date belongs to in `status`, or None (paused, answered, closed)."""
    if status in QUALIFICATION_STAGE:
        return DeadlineStage.QUALIFICATION
    if status in ANSWER_STAGE:
        return DeadlineStage.ANSWER
    return None
