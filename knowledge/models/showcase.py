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
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
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

    page_size = 12

    class Meta:
        verbose_name = _("project showcase")

    def projects(self):
        return (
            ProjectPage.objects.child_of(self)
            .live()
            .public()
            .select_related("territory")
            .prefetch_related("priorities")
            .order_by("-first_published_at", "-pk")
        )

    def stages(self):
        """(value, label) of the stages the showcased projects are at, for the filter."""
        pairs = (
            ProjectPage.objects.child_of(self)
            .live()
            .public()
            .exclude(stage="")
            .values_list("stage", "stage_label")
            .order_by("stage_label", "stage")
        )
        return list(dict(pairs).items())

    def filtered(self, request):
        """The showcase as the query string filters it (knowledge/showcase_filters.py):
        the form, the page of projects asked, and what was left out."""
        from ..showcase_filters import ShowcaseFilterForm

        form = ShowcaseFilterForm(request.GET, stages=self.stages())
        paginator = Paginator(form.apply(self.projects()), self.page_size)
        return {
            "filter_form": form,
            "filters": form.filters(),
            "left_out": form.left_out(),
            "paginator": paginator,
            # A page number that is not one (or past the end) shows the first (or last).
            "projects": paginator.get_page(request.GET.get("page")),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.filtered(request))
        return context

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

    def get_context(self, request, *args, **kwargs):
        from .masterplan import PillarPage

        context = super().get_context(request, *args, **kwargs)
        context["pillar_pages"] = (
            PillarPage.objects.live().public().filter(pk__in=self.pillars.all())
        )
        context["roadmap_actions"] = self.roadmap_actions.select_related("priority")
        context["accountability_page"] = (
            RoadmapActionIndexPage.objects.live().public().order_by("path").first()
        )
        return context


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
        actions = list(
            RoadmapAction.objects.select_related("priority")
            .prefetch_related(
                models.Prefetch("projectpage_set", queryset=showcased, to_attr="showcased_projects")
            )
            # How many requests of the desk advance each action, never which ones (requests
            # are private). "requests" is the reverse name of `desk.HowToRequest.
            # roadmap_actions`: the ORM counts them in the same query, and this layer, below
            # the desk, imports nothing of it.
            .annotate(request_count=models.Count("requests"))
        )
        context["actions"] = actions
        context["action_groups"] = action_groups(actions)
        context["overall"] = overall_progress(actions)
        context["today"] = timezone.localdate()
        return context


def action_groups(actions):
    """The actions by priority, in the priorities' order; those of no priority last."""
    groups = {}
    for action in actions:
        groups.setdefault(action.priority, []).append(action)
    with_priority = sorted(
        (priority for priority in groups if priority is not None),
        key=lambda priority: (priority.sort_order, priority.name),
    )
    ordered = [(priority, groups[priority]) for priority in with_priority]
    if None in groups:
        ordered.append((None, groups[None]))
    return ordered


def overall_progress(actions):
    """The roadmap's progress: the mean of its actions' (dropped ones left out), and how
    many actions are at each status."""
    from .roadmap_actions import ActionStatus

    counted = [action.progress for action in actions if action.status != ActionStatus.DROPPED]
    by_status = [
        (status, label, sum(action.status == status for action in actions))
        for status, label in ActionStatus.choices
    ]
    return {
        "percent": round(sum(counted) / len(counted)) if counted else 0,
        "counted": len(counted),
        "total": len(actions),
        "done": sum(action.status == ActionStatus.DONE for action in actions),
        "by_status": [item for item in by_status if item[2]],
    }
