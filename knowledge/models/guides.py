from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from ..blocks import RICH_FEATURES, BodyStreamBlock, StepsStreamBlock
from .base import GuidancePage, KnowledgePage
from .review import OwnedContent, OwnedContentForm


class GuideIndexPage(KnowledgePage):
    """All how-to guides; each expert body writes in its own section below it."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = KnowledgePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.GuideSectionPage", "knowledge.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("guides index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = (
            GuideSectionPage.objects.child_of(self).live().public().select_related("expert_body")
        )
        context["guides"] = GuidePage.objects.descendant_of(self).live().public().order_by("title")
        return context


class GuideSectionPage(KnowledgePage):
    """The part of the guides an expert body writes and maintains (page permissions apply here)."""

    expert_body = models.OneToOneField(
        "knowledge.ExpertBody",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guide_section",
        verbose_name=_("expert body"),
    )

    content_panels = KnowledgePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("expert_body"),
    ]
    parent_page_types = ["knowledge.GuideIndexPage"]
    subpage_types = ["knowledge.GuidePage"]

    class Meta:
        verbose_name = _("guide section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = GuidePage.objects.child_of(self).live().public().order_by("title")
        return context


class GuidePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.GuidePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class GuidePage(OwnedContent, GuidancePage):
    """A how-to (mode d'emploi): who it is for, eligibility, steps, whom to contact."""

    audience = models.TextField(_("who it is for"), blank=True)
    eligibility = RichTextField(_("eligibility"), features=RICH_FEATURES, blank=True)
    steps = StreamField(StepsStreamBlock(), blank=True, verbose_name=_("steps"))
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("more"))
    priorities = ParentalManyToManyField(
        "knowledge.Priority", blank=True, verbose_name=_("related priorities")
    )
    territories = ParentalManyToManyField(
        "knowledge.Territory", blank=True, verbose_name=_("territories")
    )
    expert_bodies = ParentalManyToManyField(
        "knowledge.ExpertBody", blank=True, verbose_name=_("expert bodies to contact")
    )
    tags = ClusterTaggableManager(through=GuidePageTag, blank=True)
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
        FieldPanel("audience"),
        FieldPanel("eligibility"),
        FieldPanel("steps"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("priorities", widget=forms.CheckboxSelectMultiple),
                FieldPanel("territories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("expert_bodies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("owner_body", widget=forms.Select),
    ]
    search_fields = GuidancePage.search_fields + [
        index.SearchField("audience"),
        index.SearchField("eligibility"),
        index.SearchField("steps"),
        index.SearchField("body"),
    ]
    parent_page_types = ["knowledge.GuideIndexPage", "knowledge.GuideSectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("how-to guide")
        verbose_name_plural = _("how-to guides")

    def default_owner_body_id(self, parent=None):
        """The body of the section it is written in, if any."""
        if parent is None:
            if not self.path:
                return None
            parent = self.get_parent()
        if parent is None:
            return None
        return (
            GuideSectionPage.objects.filter(pk=parent.pk)
            .values_list("expert_body_id", flat=True)
            .first()
        )
