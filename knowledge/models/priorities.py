from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyStreamBlock
from .base import GuidancePage, KnowledgePage


class PriorityIndexPage(KnowledgePage):
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = KnowledgePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.PriorityPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("priorities index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["priority_pages"] = (
            PriorityPage.objects.child_of(self)
            .live()
            .public()
            .select_related("priority")
            .order_by("priority__sort_order")
        )
        return context


class PriorityPage(GuidancePage):
    """The page of one priority: what it means, the guides and bodies behind it."""

    priority = models.OneToOneField(
        "knowledge.Priority",
        on_delete=models.PROTECT,
        related_name="page",
        verbose_name=_("priority"),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = GuidancePage.content_panels + [
        FieldPanel("priority", widget=forms.Select),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = GuidancePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["knowledge.PriorityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("priority page")

    def get_context(self, request, *args, **kwargs):
        from .bodies import ExpertBodyPage
        from .guides import GuidePage

        context = super().get_context(request, *args, **kwargs)
        context["guides"] = (
            GuidePage.objects.live().public().filter(priorities=self.priority).order_by("title")
        )
        context["body_pages"] = (
            ExpertBodyPage.objects.live()
            .public()
            .filter(expert_body__priorities=self.priority)
            .select_related("expert_body")
            .order_by("title")
        )
        return context
