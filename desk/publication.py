"""Turning an accepted answer into an anonymised question-and-answer page.

The page links back to its request by `HowToRequest.qa_page`: when it goes live,
`announce_publication` tells the holder (`desk/receivers.py`, on Wagtail's
`page_published`)."""

import re

from django.utils.html import escape
from django.utils.translation import gettext as _

from knowledge.models import QuestionAnswerPage, QuestionIndexPage
from web.slugs import slug_from_title

from .models import HowToRequest
from .models.events import Action
from .redaction import identifiers_of, redact
from .timeline import record_event


def paragraphs(text):
    """Plain text to the rich-text HTML Wagtail stores, escaped."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return "".join(f"<p>{escape(block).replace(chr(10), '<br>')}</p>" for block in blocks)


def draft_defaults(request_obj):
    """What the coordinator's publication form starts from: the request's text without
    the holder's identifiers, nor any email address or phone number."""
    words = identifiers_of(request_obj.holder) if request_obj.holder_id else []
    return {
        name: redact(getattr(request_obj, name), words, contacts=True)
        for name in ("title", "question", "answer")
    }


def create_draft_page(request_obj, user, title, question, answer):
    """A draft Q&A page under the questions index, submitted to its review workflow."""
    index = QuestionIndexPage.objects.order_by("path").first()
    if index is None:
        raise LookupError(_("There is no questions-and-answers section to publish in."))
    siblings = index.get_children().values_list("slug", flat=True)
    page = QuestionAnswerPage(
        title=title,
        slug=slug_from_title(title, siblings, fallback="question"),
        introduction=question[:250],
        question=paragraphs(question),
        answer=paragraphs(answer),
        live=False,
    )
    index.add_child(instance=page)
    page.priorities.set(request_obj.priorities.all())
    page.territories.set([request_obj.territory])
    page.expert_bodies.set(request_obj.bodies.all())
    page.save_revision(user=user)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)
    return page


def announce_publication(page):
    """The holder of the request a Q&A page was drafted from hears once that it is live,
    with its public address (read from the page when shown: the event keeps no address,
    which may hold words of the title): a later republication tells nobody again."""
    for how_to_request in HowToRequest.objects.select_for_update().filter(qa_page_id=page.pk):
        if how_to_request.events.filter(action=Action.QA_PUBLISHED).exists():
            continue
        record_event(
            how_to_request,
            None,
            Action.QA_PUBLISHED,
            details={"page": page.pk},
        )


def live_page_url(how_to_request):
    """The public address of the request's Q&A page while it is live, else None."""
    page = how_to_request.qa_page
    if page is None or not page.live:
        return None
    return page.specific.full_url
