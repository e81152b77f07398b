"""The holder's steps: reply to a question, accept the answer, ask one follow-up."""

from django.utils.translation import gettext_lazy as _

from .. import forms, permissions
from ..models.events import Action
from ..states import Status
from .base import HOLDER, Outcome, step


@step(
    "reply",
    label=_("Reply"),
    action=Action.HOLDER_REPLY,
    # The clock restarts: qualification after a clarification, the answer otherwise.
    transitions={
        Status.CLARIFICATION: Status.SUBMITTED,
        Status.AWAITING_HOLDER: Status.IN_PROGRESS,
    },
    allowed=permissions.is_holder,
    form_class=forms.ReplyForm,
    audience=HOLDER,
)
def reply(how_to_request, holder, message, attachments=()):
    """The holder answers a clarification or an expert's question, maybe with files."""
    return Outcome(message, files=list(attachments))


@step(
    "accept",
    label=_("Accept the answer"),
    action=Action.ACCEPT,
    transitions={Status.ANSWERED: Status.ACCEPTED},
    allowed=permissions.is_holder,
    form_class=forms.AcceptForm,
    audience=HOLDER,
)
def accept_answer(how_to_request, holder, comment=""):
    return Outcome(comment)


def _follow_up_left(how_to_request):
    if how_to_request.follow_up_used:
        return _("Only one follow-up question is possible.")
    return None


@step(
    "follow_up",
    label=_("Ask a follow-up question"),
    action=Action.FOLLOW_UP,
    transitions={Status.ANSWERED: Status.IN_PROGRESS},
    allowed=permissions.is_holder,
    form_class=forms.MessageForm,
    audience=HOLDER,
    preconditions=(_follow_up_left,),
    starts_answer_clock=True,
)
def follow_up(how_to_request, holder, message):
    """One follow-up question, back to the same expert."""
    how_to_request.follow_up_used = True
    return Outcome(message)
