"""The Q&A page of an accepted answer: an anonymised draft, sent to the editorial review.

The desk drafts it by itself once a consented answer is accepted (`draft_qa_page`, run
by `desk.tasks.draft_qa_page` after the acceptance is committed); a coordinator drafts
it by hand (`publish_as_qa`) when that failed, or for a request accepted before. Both
go through `_draft`, and neither drafts a second page for one request.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .. import forms, permissions
from ..models import HowToRequest
from ..models.events import Action
from ..publication import create_draft_page, draft_defaults
from ..states import Status
from ..timeline import record_event
from .base import DESK, Outcome, TransitionError, step

logger = logging.getLogger(__name__)


def _holder_consented(how_to_request):
    if not how_to_request.consent_to_publish:
        return _("The holder did not agree to publish the answer.")
    return None


def _not_yet_published(how_to_request):
    if how_to_request.qa_page_id:
        return _("A Q&A page already exists for this request.")
    return None


def _draft(how_to_request, user, title, question, answer):
    """Draft the page and submit it to its workflow; it goes live when that approves it."""
    try:
        page = create_draft_page(how_to_request, user, title, question, answer)
    except LookupError as error:
        raise TransitionError(str(error)) from error
    how_to_request.qa_page = page
    return Outcome(details={"page": page.pk})


@step(
    "publish",
    label=_("Draft an anonymised Q&A page"),
    action=Action.PUBLISH,
    transitions={Status.ACCEPTED: None},
    allowed=permissions.is_coordinator,
    preconditions=(_holder_consented, _not_yet_published),
    form_class=forms.PublishForm,
    initial=draft_defaults,
)
def publish_as_qa(how_to_request, coordinator, title, question, answer):
    """The coordinator's draft, from the form's (redacted, then edited) text."""
    return _draft(how_to_request, coordinator, title, question, answer)


def _by_the_desk(user, how_to_request):
    """Nobody takes this step by hand (`user` is None): the desk does."""
    return user is None


@step(
    "draft_qa",
    label=_("Draft the Q&A page automatically"),
    action=Action.QA_DRAFTED,
    transitions={Status.ACCEPTED: None},
    allowed=_by_the_desk,
    preconditions=(_holder_consented, _not_yet_published),
    form_class=forms.PublishForm,
    audience=DESK,
)
def draft_qa_page(how_to_request, desk):
    """The desk's draft, from the text the coordinator's form would start from."""
    return _draft(how_to_request, None, **draft_defaults(how_to_request))


def draft_accepted_answer(request_id):
    """Draft the Q&A page of an accepted, consented answer, unless it exists already.

    Run after the acceptance is committed, so a failure never undoes it: the failure
    is logged, and the coordinators are told once to draft the page by hand (the
    `publish` step stays open). Returns the event recorded, or None."""
    with transaction.atomic():
        # One at a time per request: a second run waits, then finds the page drafted.
        how_to_request = HowToRequest.objects.select_for_update().filter(pk=request_id).first()
        if how_to_request is None or not draft_qa_page.is_open(how_to_request, None):
            return None
        try:
            with transaction.atomic():
                return draft_qa_page(how_to_request, None)
        except Exception as error:  # the acceptance stands; a coordinator drafts by hand
            logger.exception("Could not draft the Q&A page of request %s", request_id)
            how_to_request.refresh_from_db()
            if how_to_request.events.filter(action=Action.QA_DRAFT_FAILED).exists():
                return None
            message = str(error) if isinstance(error, TransitionError) else ""
            return record_event(
                how_to_request, None, Action.QA_DRAFT_FAILED, comment=message, internal=True
            )
