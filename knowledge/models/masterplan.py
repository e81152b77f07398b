from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyStreamBlock, ChapterStreamBlock
from .base import GuidancePage


class MasterPlanPage(GuidancePage):
    """The master plan co-written with Jeremy Rifkin: chapters as sections, pillars below."""

    chapters = StreamField(ChapterStreamBlock(), blank=True, verbose_name=_("chapters"))

    content_panels = GuidancePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("chapters"),
    ]
    search_fields = GuidancePage.search_fields + [index.SearchField("chapters")]
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.PillarPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("master plan")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["pillars"] = (
            PillarPage.objects.child_of(self).live().public().order_by("number", "pk")
        )
        context["outline"] = [
            block.value for block in self.chapters if block.block_type == "section"
        ]
        return context


class PillarPage(GuidancePage):
    """A pillar of the master plan (renewables, buildings as power plants, storage…)."""

    class Kind(models.TextChoices):
        PILLAR = "pillar", _("Pillar")
        TRANSVERSAL = "transversal", _("Transversal axis")

    number = models.PositiveSmallIntegerField(_("number"), default=1)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PILLAR)
    priorities = ParentalManyToManyField(
        "knowledge.Priority", blank=True, verbose_name=_("related priorities")
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = GuidancePage.content_panels + [
        FieldPanel("number"),
        FieldPanel("kind"),
        FieldPanel("introduction"),
        FieldPanel("priorities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    search_fields = GuidancePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["knowledge.MasterPlanPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("pillar")
