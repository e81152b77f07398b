from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from ..blocks import RICH_FEATURES
from .base import GuidancePage, KnowledgePage
from .review import OwnedContent, OwnedContentForm


class QuestionIndexPage(KnowledgePage):
    """Answered questions, published anonymised with their holders' consent."""

    content_panels = KnowledgePage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.QuestionAnswerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("questions and answers index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["questions"] = (
            QuestionAnswerPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-first_published_at", "-pk")
        )
        return context


class QuestionAnswerPage(OwnedContent, GuidancePage):
    """A project holder's question and the expert answer, anonymised."""

    question = RichTextField(_("question"), features=RICH_FEATURES)
    answer = RichTextField(_("answer"), features=RICH_FEATURES)
    priorities = ParentalManyToManyField(
        "knowledge.Priority", blank=True, verbose_name=_("priorities concerned")
    )
    territories = ParentalManyToManyField(
        "knowledge.Territory", blank=True, verbose_name=_("territories")
    )
    expert_bodies = ParentalManyToManyField(
        "knowledge.ExpertBody", blank=True, verbose_name=_("answered by")
    )
    # Who keeps it true (knowledge/models/review.py): empty means the editors.
    owner_body = models.ForeignKey(
        "knowledge.ExpertBody",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
        help_text=_("Who reviews this page and is reminded to. Empty: the editors."),
    )

    base_form_class = OwnedContentForm

    content_panels = GuidancePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("question"),
        FieldPanel("answer"),
        MultiFieldPanel(
            [
                FieldPanel("priorities", widget=forms.CheckboxSelectMultiple),
                FieldPanel("territories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("expert_bodies", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("owner_body", widget=forms.Select),
    ]
    search_fields = GuidancePage.search_fields + [
        index.SearchField("question"),
        index.SearchField("answer"),
    ]
    parent_page_types = ["knowledge.QuestionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")

    def default_owner_body_id(self, parent=None):
        """The first body, by name, that answered it."""
        first = self.expert_bodies.all().order_by("name").first()
        return first.pk if first is not None else None
