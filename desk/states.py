"""The states of a how-to request, in one place."""

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


# The holder has the ball: the deadline is paused.
WAITING_FOR_HOLDER = {Status.CLARIFICATION, Status.AWAITING_HOLDER}
# Counted against the qualification deadline, then against the answer deadline.
QUALIFICATION_STAGE = {Status.SUBMITTED}
ANSWER_STAGE = {Status.ROUTED, Status.IN_PROGRESS, Status.ANSWER_REVIEW}
CLOSED = {Status.ACCEPTED, Status.COMMON_LAW, Status.DUPLICATE}
# Answered requests wait for the holder's reading but no deadline runs.
OPEN = set(Status) - CLOSED
