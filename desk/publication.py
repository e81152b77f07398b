"""Turning an accepted answer into an anonymised question-and-answer page."""

import re

from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from knowledge.models import QuestionAnswerPage, QuestionIndexPage

from .redaction import identifiers_of, redact


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
    slug = slugify(title)[:60] or "question"
    if QuestionAnswerPage.objects.child_of(index).filter(slug=slug).exists():
        slug = f"{slug}-{request_obj.pk}"
    page = QuestionAnswerPage(
        title=title,
        slug=slug,
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
