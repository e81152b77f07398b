from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyStreamBlock
from .base import GuidancePage, KnowledgePage


class RoadmapIndexPage(RoutablePageMixin, KnowledgePage):
    """The roadmap validated by the regional council, followed by its dated updates."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = KnowledgePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = KnowledgePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.RoadmapUpdatePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("roadmap")

    def updates(self):
        return RoadmapUpdatePage.objects.child_of(self).live().public().order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["updates"] = self.updates()
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("flux/rss/", name="rss")
    def rss_feed(self, request):
        from ..feeds import RoadmapRssFeed

        return RoadmapRssFeed()(request, page=self)

    @path("flux/atom/", name="atom")
    def atom_feed(self, request):
        from ..feeds import RoadmapAtomFeed

        return RoadmapAtomFeed()(request, page=self)


class RoadmapUpdateTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.RoadmapUpdatePage",
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )


class RoadmapUpdatePage(GuidancePage):
    """A dated update of the roadmap; goes live only after Commission 15 approval."""

    date = models.DateField(_("date"))
    decided_by = models.CharField(
        _("decided by"),
        max_length=200,
        blank=True,
        help_text=_("The body that took the decision, e.g. the plenary assembly."),
    )
    priorities = ParentalManyToManyField(
        "knowledge.Priority", blank=True, verbose_name=_("priorities concerned")
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=RoadmapUpdateTag, blank=True)

    content_panels = GuidancePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("decided_by"),
        FieldPanel("introduction"),
        FieldPanel("priorities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = GuidancePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("decided_by"),
        index.FilterField("date"),
    ]
    # Editors find updates by who decided in the admin; the public search text leaves it out.
    admin_search_only = ("decided_by",)
    parent_page_types = ["knowledge.RoadmapIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("roadmap update")
        verbose_name_plural = _("roadmap updates")
