from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyStreamBlock
from .base import GuidancePage, KnowledgePage


class EventIndexPage(RoutablePageMixin, KnowledgePage):
    """The yearly assises, the funders' conference and other meetings, with an iCal feed."""

    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.EventPage"]
    max_count_per_parent = 1
    content_panels = KnowledgePage.content_panels + [FieldPanel("introduction")]

    class Meta:
        verbose_name = _("events index")

    def events(self):
        return EventPage.objects.child_of(self).live().public().order_by("start", "pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = self.events()
        context["upcoming"] = [e for e in events if e.finishes_at >= now]
        context["past"] = [e for e in reversed(events) if e.finishes_at < now]
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("ical/", name="ical")
    def ical(self, request):
        from ..calendar import calendar_response

        return calendar_response(request, self.events(), name=self.title, slug=self.slug)


class EventPage(RoutablePageMixin, GuidancePage):
    class Kind(models.TextChoices):
        ASSISES = "assises", _("Annual convention (assises)")
        FUNDERS = "funders", _("Funders' conference")
        WORKSHOP = "workshop", _("Working meeting")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = GuidancePage.content_panels + [
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldPanel("start"),
                FieldPanel("end"),
                FieldPanel("location"),
                FieldPanel("address"),
                FieldPanel("registration_url"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = GuidancePage.search_fields + [
        index.SearchField("location"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]
    # Editors find an event by its place in the admin; the public search text leaves it out.
    admin_search_only = ("location",)
    parent_page_types = ["knowledge.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")

    @property
    def finishes_at(self):
        return self.end or self.start

    def clean(self):
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The end must come after the start.")})

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("ical/", name="ical")
    def ical(self, request):
        from ..calendar import calendar_response

        return calendar_response(request, [self], name=self.title, slug=self.slug)
