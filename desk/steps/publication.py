"""A coordinator turns an accepted answer into an anonymised Q&A page, sent to review."""

from django.utils.translation import gettext_lazy as _

from .. import forms, permissions
from ..models.events import Action
from ..publication import create_draft_page, draft_defaults
from ..states import Status
from .base import Outcome, TransitionError, step


def _holder_consented(how_to_request):
    if not how_to_request.consent_to_publish:
        return _("The holder did not agree to publish the answer.")
    return None


def _not_yet_published(how_to_request):
    if how_to_request.qa_page_id:
        return _("A Q&A page already exists for this request.")
    return None


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
    """Draft the page and submit it to its workflow; it goes live when that approves it."""
    try:
        page = create_draft_page(how_to_request, coordinator, title, question, answer)
    except LookupError as error:
        raise TransitionError(str(error)) from error
    how_to_request.qa_page = page
    return Outcome(details={"page": page.pk})
