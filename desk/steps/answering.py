"""An expert of a routed body answers: claims, asks the holder, hands over, notes, answers;
a coordinator may review the answer before the holder reads it."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import citations as cited
from .. import forms, permissions
from ..models.events import Action
from ..states import Status
from .base import Outcome, TransitionError, step


def _answer_sent(how_to_request, event):
    if how_to_request.status == Status.ANSWER_REVIEW:
        return _("Answer sent to the coordinators for review.")
    return _("Answer sent to the holder.")


def _handed_over(how_to_request, event):
    return _("Handed over to %(body)s.") % {"body": event.details.get("to_body_name", "")}


@step(
    "claim",
    label=_("Take it in charge"),
    action=Action.CLAIM,
    transitions={Status.ROUTED: Status.IN_PROGRESS},
    allowed=permissions.is_routed_expert,
    form_class=forms.EmptyForm,
    primary=True,
    done_message=_("You are in charge of the request."),
)
def claim(how_to_request, expert):
    how_to_request.assignee = expert
    return Outcome()


@step(
    "answer",
    label=_("Write the answer"),
    action=Action.ANSWER,
    transitions={Status.IN_PROGRESS: (Status.ANSWERED, Status.ANSWER_REVIEW)},
    allowed=permissions.can_answer,
    form_class=forms.AnswerForm,
    primary=True,
    submit_label=_("Send the answer"),
    done_message=_answer_sent,
)
def write_answer(how_to_request, expert, comment, attachments=(), review=None, citations=()):
    """Answer, with files for the holder and the pages it relies on (`citations`: live,
    public guides and Q&A pages, each kept at its live revision); with review (default:
    the DESK_REVIEW_ANSWERS setting) a coordinator approves it before the holder sees
    it, files and pages included."""
    pages = list(citations)
    if pages:
        citable = set(
            cited.citable_pages()
            .filter(pk__in=[page.pk for page in pages])
            .values_list("pk", flat=True)
        )
        if any(page.pk not in citable for page in pages):
            raise TransitionError(_("Only published, public guides and Q&A pages can be cited."))
    how_to_request.answer = comment
    how_to_request.answered_at = timezone.now()
    files = list(attachments)

    def cite_the_pages():
        answered = how_to_request.events.filter(action=Action.ANSWER).latest("created_at", "pk")
        cited.cite(how_to_request, answered, pages)

    after = cite_the_pages if pages else None
    if settings.DESK_REVIEW_ANSWERS if review is None else review:
        # The holder sees the answer once a coordinator has approved it.
        return Outcome(
            comment, internal=True, to_status=Status.ANSWER_REVIEW, files=files, after=after
        )
    return Outcome(comment, to_status=Status.ANSWERED, files=files, after=after)


@step(
    "ask_holder",
    label=_("Ask the holder a question"),
    action=Action.ASK_HOLDER,
    transitions={Status.IN_PROGRESS: Status.AWAITING_HOLDER},
    allowed=permissions.can_answer,
    form_class=forms.CommentForm,
    submit_label=_("Send the question"),
    done_message=_("Question sent to the holder."),
)
def ask_holder(how_to_request, expert, comment):
    return Outcome(comment)


@step(
    "hand_over",
    label=_("Hand over to another body"),
    action=Action.HAND_OVER,
    transitions={Status.ROUTED: Status.ROUTED, Status.IN_PROGRESS: Status.ROUTED},
    allowed=permissions.can_hand_over,
    form_class=forms.HandOverForm,
    submit_label=_("Hand over"),
    done_message=_handed_over,
)
def hand_over(how_to_request, expert, body, comment):
    """Pass the request to another body (`comment` says why); nobody holds it until one
    of theirs claims it."""
    if not comment.strip():
        raise TransitionError(_("Say why the request is handed over."))
    if body.pk in permissions.bodies_not_handed_to(expert, how_to_request):
        raise TransitionError(_("Choose another body than yours, or than the request's."))
    previous = [b.pk for b in how_to_request.bodies.all()]
    how_to_request.bodies.set([body])
    how_to_request.assignee = None
    # The name too: the timeline says to whom, as the body was called then.
    details = {"from_bodies": previous, "to_body": body.pk, "to_body_name": str(body)}
    return Outcome(comment, details=details)


@step(
    "approve_answer",
    label=_("Approve and send the answer"),
    action=Action.APPROVE_ANSWER,
    transitions={Status.ANSWER_REVIEW: Status.ANSWERED},
    allowed=permissions.is_coordinator,
    form_class=forms.EmptyForm,
    primary=True,
    done_message=_("Answer approved and sent to the holder."),
)
def approve_answer(how_to_request, coordinator):
    def hand_over_the_files():
        # The answer's files were on its internal event: they go with the approval the
        # holder reads, so they reach the holder with the answer, not before.
        answered = how_to_request.events.filter(action=Action.ANSWER).latest("created_at", "pk")
        approved = how_to_request.events.filter(action=Action.APPROVE_ANSWER).latest(
            "created_at", "pk"
        )
        answered.attachments.update(event=approved)

    return Outcome(how_to_request.answer, after=hand_over_the_files)


@step(
    "return_answer",
    label=_("Send the answer back to the expert"),
    action=Action.RETURN_ANSWER,
    transitions={Status.ANSWER_REVIEW: Status.IN_PROGRESS},
    allowed=permissions.is_coordinator,
    form_class=forms.CommentForm,
    submit_label=_("Send it back"),
    done_message=_("Answer sent back to the expert."),
)
def return_answer(how_to_request, coordinator, comment):
    return Outcome(comment, internal=True)


@step(
    "note",
    label=_("Add an internal note"),
    action=Action.NOTE,
    # Until the request is closed without an answer; an accepted one may still be noted.
    transitions={s: None for s in Status if s not in {Status.COMMON_LAW, Status.DUPLICATE}},
    allowed=permissions.can_see_internal,
    form_class=forms.CommentForm,
    submit_label=_("Add the note"),
    done_message=_("Note added."),
)
def add_note(how_to_request, author, comment):
    """An internal note: never shown or sent to the holder."""
    return Outcome(comment, internal=True)
