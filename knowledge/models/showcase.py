"""The public showcase of the programme's projects, and the roadmap's accountability page.

A `ProjectPage` is the public face of a project whose owner consented: the projects app
(`projects/showcase.py`) writes it from the project, as a new revision published by the
programme, and takes it down when the consent is withdrawn. It holds only what may be
public (summary, organisations, territory, priorities, pillars, stage, the decision and
its public justification): never scores, evaluators' notes or anyone's personal data.
Being pages, they get the page cache, the sitemap, the feeds and the guidance search
(a content type of their own) like every other page.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from .base import GuidancePage, KnowledgePage
from .snippets import Territory


class ProjectIndexPage(RoutablePageMixin, KnowledgePage):
    """The showcase: the projects made public, filtered by priority, territory, pillar
    and stage, with RSS and Atom feeds."""

    content_panels = KnowledgePage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.ProjectPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("project showcase")

    def projects(self):
        return (
            ProjectPage.objects.child_of(self)
            .live()
            .public()
            .select_related("territory")
            .prefetch_related("priorities", "pillars")
            .order_by("-first_published_at", "-pk")
        )

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("flux/rss/", name="rss")
    def rss_feed(self, request):
        from ..feeds import ProjectRssFeed

        return ProjectRssFeed()(request, page=self)

    @path("flux/atom/", name="atom")
    def atom_feed(self, request):
        from ..feeds import ProjectAtomFeed

        return ProjectAtomFeed()(request, page=self)


class ProjectPage(GuidancePage):
    """A project on the showcase, written from the project (see the module's docstring)."""

    organisations = models.TextField(_("holder organisations"), blank=True)
    territory = models.ForeignKey(
        "knowledge.Territory",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("territory"),
    )
    priorities = ParentalManyToManyField(
        "knowledge.Priority", blank=True, verbose_name=_("priorities")
    )
    pillars = ParentalManyToManyField(
        "knowledge.PillarPage", blank=True, verbose_name=_("master-plan pillars")
    )
    roadmap_actions = ParentalManyToManyField(
        "knowledge.RoadmapAction", blank=True, verbose_name=_("roadmap actions advanced")
    )
    stage = models.CharField(_("stage"), max_length=20, blank=True)
    stage_label = models.CharField(_("stage"), max_length=100, blank=True)
    expected_effects = models.TextField(_("expected effects"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    status_label = models.CharField(_("evaluation status"), max_length=100, blank=True)
    decision = models.CharField(_("decision"), max_length=12, blank=True)
    decision_label = models.CharField(_("Commission 15's decision"), max_length=100, blank=True)
    decision_justification = models.TextField(_("justification of the decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    content_panels = GuidancePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("organisations"),
        FieldPanel("territory"),
        FieldPanel("priorities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("pillars", widget=forms.CheckboxSelectMultiple),
        FieldPanel("expected_effects"),
        FieldPanel("partners"),
    ]
    search_fields = GuidancePage.search_fields + [
        index.SearchField("organisations"),
        index.SearchField("expected_effects"),
        index.SearchField("partners"),
        index.SearchField("decision_justification"),
        index.FilterField("stage"),
    ]
    parent_page_types = ["knowledge.ProjectIndexPage"]
    subpage_types = []
    # Written from the project by `projects/showcase.py`, never created by hand.
    is_creatable = False

    class Meta:
        verbose_name = _("showcased project")
        verbose_name_plural = _("showcased projects")

    @property
    def territories(self):
        """The search's facets read `territories`; a project has one."""
        return Territory.objects.filter(pk=self.territory_id)

    def organisation_list(self):
        return [line.strip() for line in self.organisations.splitlines() if line.strip()]


class RoadmapActionIndexPage(KnowledgePage):
    """What the roadmap promised, how far each action is, and which projects carry it."""

    content_panels = KnowledgePage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("roadmap actions (accountability)")

    def get_context(self, request, *args, **kwargs):
        from .roadmap_actions import RoadmapAction

        context = super().get_context(request, *args, **kwargs)
        showcased = ProjectPage.objects.live().public().order_by("title")
        context["actions"] = RoadmapAction.objects.select_related("priority").prefetch_related(
            models.Prefetch("projectpage_set", queryset=showcased, to_attr="showcased_projects")
        )
        return context
