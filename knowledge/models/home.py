from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from ..blocks import BodyStreamBlock
from .base import KnowledgePage


class HomePage(KnowledgePage):
    """The TRI at a glance: the goal, the three priorities, the latest roadmap updates."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = KnowledgePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "knowledge.MasterPlanPage",
        "knowledge.RoadmapIndexPage",
        "knowledge.ExperimentationRightPage",
        "knowledge.PriorityIndexPage",
        "knowledge.GuideIndexPage",
        "knowledge.ExpertBodyIndexPage",
        "knowledge.FinancingPage",
        "knowledge.EventIndexPage",
        "knowledge.QuestionIndexPage",
        "knowledge.ProjectIndexPage",
        "knowledge.RoadmapActionIndexPage",
        "knowledge.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .priorities import PriorityPage
        from .roadmap import RoadmapUpdatePage

        context = super().get_context(request, *args, **kwargs)
        context["priority_pages"] = (
            PriorityPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("priority")
            .order_by("priority__sort_order")
        )
        context["latest_updates"] = (
            RoadmapUpdatePage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-date", "-pk")[:3]
        )
        return context
