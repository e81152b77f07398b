from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyStreamBlock
from .base import GuidancePage, KnowledgePage


class ExpertBodyIndexPage(KnowledgePage):
    """The pooled engineering: the expert bodies that answer project holders."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = KnowledgePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.ExpertBodyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("expert bodies index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["body_pages"] = (
            ExpertBodyPage.objects.child_of(self).live().public().select_related("expert_body")
        )
        return context


class ExpertBodyPage(GuidancePage):
    """Public page of an expert body; its facts (kind, priorities) come from the snippet."""

    expert_body = models.OneToOneField(
        "knowledge.ExpertBody",
        on_delete=models.PROTECT,
        related_name="page",
        verbose_name=_("expert body"),
    )
    competences = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("competences"))

    content_panels = GuidancePage.content_panels + [
        FieldPanel("expert_body", widget=forms.Select),
        FieldPanel("introduction"),
        FieldPanel("competences"),
    ]
    search_fields = GuidancePage.search_fields + [index.SearchField("competences")]
    parent_page_types = ["knowledge.ExpertBodyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("expert body page")

    def get_context(self, request, *args, **kwargs):
        from .guides import GuidePage

        context = super().get_context(request, *args, **kwargs)
        context["priorities"] = self.expert_body.priorities.all()
        context["guides"] = (
            GuidePage.objects.live()
            .public()
            .filter(expert_bodies=self.expert_body)
            .order_by("title")
        )
        return context
