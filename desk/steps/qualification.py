"""A coordinator qualifies a new request: droit commun, duplicate, clarification, routing."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import forms, permissions
from ..models import RoutingRule
from ..models.events import Action
from ..states import Status
from ..timeline import record_event
from .base import Outcome, TransitionError, step


def _routed(how_to_request, event):
    names = ", ".join(str(body) for body in how_to_request.bodies.all())
    return _("Routed to %(bodies)s.") % {"bodies": names}


def _merged(how_to_request, event):
    return _("Merged into %(reference)s; both holders are told.") % {
        "reference": event.details["reference"]
    }


def proposed_bodies(how_to_request):
    """Bodies the routing rules propose for this request (the coordinator decides)."""
    return RoutingRule.objects.bodies_for(how_to_request.priorities.all(), how_to_request.territory)


@step(
    "route",
    label=_("Route to expert bodies"),
    action=Action.ROUTE,
    transitions={Status.SUBMITTED: Status.ROUTED},
    allowed=permissions.is_coordinator,
    form_class=forms.RouteForm,
    initial=lambda how_to_request: {"bodies": list(proposed_bodies(how_to_request))},
    starts_answer_clock=True,
    primary=True,
    submit_label=_("Route to these bodies"),
    done_message=_routed,
)
def route(how_to_request, coordinator, bodies, comment=""):
    bodies = list(bodies)
    if not bodies:
        raise TransitionError(_("Choose at least one expert body."))
    how_to_request.bodies.set(bodies)
    return Outcome(comment, details={"bodies": [body.pk for body in bodies]})


@step(
    "ask_clarification",
    label=_("Ask the holder to clarify"),
    action=Action.ASK_CLARIFICATION,
    transitions={Status.SUBMITTED: Status.CLARIFICATION},
    allowed=permissions.is_coordinator,
    form_class=forms.CommentForm,
    submit_label=_("Send the question"),
    done_message=_("Question sent to the holder."),
)
def ask_clarification(how_to_request, coordinator, comment):
    return Outcome(comment)


@step(
    "common_law",
    label=_("Answer with an ordinary scheme (droit commun)"),
    action=Action.COMMON_LAW,
    transitions={Status.SUBMITTED: Status.COMMON_LAW},
    allowed=permissions.is_coordinator,
    form_class=forms.CommentForm,
    submit_label=_("Send the answer and close"),
    done_message=_("Answer sent to the holder; the request is closed."),
)
def answer_by_common_law(how_to_request, coordinator, comment):
    """Close with a pointer (`comment`) to the ordinary regional scheme that covers it."""
    how_to_request.answer = comment
    how_to_request.answered_at = timezone.now()
    return Outcome(comment)


@step(
    "duplicate",
    label=_("Merge into an earlier request"),
    action=Action.DUPLICATE,
    transitions={Status.SUBMITTED: Status.DUPLICATE, Status.CLARIFICATION: Status.DUPLICATE},
    allowed=permissions.is_coordinator,
    form_class=forms.DuplicateForm,
    submit_label=_("Merge"),
    done_message=_merged,
)
def mark_duplicate(how_to_request, coordinator, original, comment=""):
    """Merge into an earlier request; both holders are kept informed."""
    while original.duplicate_of_id:  # merge into the root of a chain
        original = original.duplicate_of
    if original.pk == how_to_request.pk:
        raise TransitionError(_("A request cannot be a duplicate of itself."))
    if original.status == Status.WITHDRAWN:
        # Its holder no longer waits for an answer: this question would go unanswered.
        raise TransitionError(_("The earlier request was withdrawn: route this one instead."))
    how_to_request.duplicate_of = original

    def tell_the_original():
        # It keeps its state; its timeline (and holder) hear of the merge.
        record_event(
            original,
            coordinator,
            Action.DUPLICATE_RECEIVED,
            comment=comment,
            details={
                "duplicate": str(how_to_request.public_id),
                "reference": how_to_request.reference,
            },
        )

    return Outcome(
        comment,
        details={"original": str(original.public_id), "reference": original.reference},
        after=tell_the_original,
    )
