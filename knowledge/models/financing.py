from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyStreamBlock, CriteriaStreamBlock
from .base import GuidancePage


class FinancingPage(GuidancePage):
    """How the region finances TRI projects: the qualification and evaluation grid."""

    criteria = StreamField(CriteriaStreamBlock(), blank=True, verbose_name=_("criteria"))
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("more"))

    content_panels = GuidancePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("criteria"),
        FieldPanel("body"),
    ]
    search_fields = GuidancePage.search_fields + [
        index.SearchField("criteria"),
        index.SearchField("body"),
    ]
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("financing page")
