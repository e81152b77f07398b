"""The holder's steps: edit the request until it is qualified, reply to a question,
accept the answer, ask one follow-up, withdraw the request while it is open."""

from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from .. import forms, permissions
from ..models.events import Action
from ..states import EDITABLE_BY_HOLDER, OPEN, Status
from .base import HOLDER, Outcome, step


def _as_filed(how_to_request):
    return model_to_dict(how_to_request, fields=forms.EditRequestForm.Meta.fields)


@step(
    "edit",
    label=_("Edit the request"),
    action=Action.EDIT,
    # Until a coordinator qualifies it: what the experts are sent is then settled.
    transitions=dict.fromkeys(EDITABLE_BY_HOLDER),
    allowed=permissions.is_holder,
    form_class=forms.EditRequestForm,
    initial=_as_filed,
    audience=HOLDER,
)
def edit_request(how_to_request, holder, changes, attachments=()):
    """The holder corrects what they filed (`changes`: field name to new value) or adds
    files; the timeline names the fields changed, not their old values."""
    changes = dict(changes)
    priorities = changes.pop("priorities", None)
    for name, value in changes.items():
        setattr(how_to_request, name, value)
    if priorities is not None:
        how_to_request.priorities.set(priorities)
        changes["priorities"] = priorities
    return Outcome(details={"fields": sorted(changes)}, files=list(attachments))


@step(
    "withdraw",
    label=_("Withdraw the request"),
    action=Action.WITHDRAW,
    # At any time until it is closed, but once answered: the holder then accepts the
    # answer or asks their follow-up, and a withdrawal would hide the answer from them
    # (ANSWER_SHOWN_TO_HOLDER). Withdrawn, it is closed for good.
    transitions=dict.fromkeys(OPEN - {Status.ANSWERED}, Status.WITHDRAWN),
    allowed=permissions.is_holder,
    form_class=forms.WithdrawForm,
    audience=HOLDER,
)
def withdraw(how_to_request, holder, comment=""):
    return Outcome(comment)


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
def accept_answer(how_to_request, holder, comment="", rating=None):
    """The holder accepts the answer, with a word of thanks and a rating (1 to 5) if
    they wish. The rating is a detail of the acceptance's event, not a field of the
    request: the event already records who, when and the comment, and it is the one
    thing the reports by body and month read (desk/ratings.py)."""
    return Outcome(comment, details={"rating": rating} if rating else {})


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
