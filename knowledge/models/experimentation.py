from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from ..blocks import RICH_FEATURES, BodyStreamBlock
from .base import GuidancePage


class ExperimentationRightPage(GuidancePage):
    """The experimentation right: legal room to try what ordinary rules do not allow."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        REQUESTED = "requested", _("Requested from the State")
        GRANTED = "granted", _("Granted")
        IN_PROGRESS = "in_progress", _("Experiment in progress")
        EVALUATED = "evaluated", _("Evaluated")

    legal_basis = RichTextField(_("legal basis"), features=RICH_FEATURES, blank=True)
    scope = RichTextField(_("scope"), features=RICH_FEATURES, blank=True)
    conditions = RichTextField(_("conditions"), features=RICH_FEATURES, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    carried_by = RichTextField(_("who carries it"), features=RICH_FEATURES, blank=True)
    carrier_bodies = ParentalManyToManyField(
        "knowledge.ExpertBody", blank=True, verbose_name=_("expert bodies involved")
    )
    priorities = ParentalManyToManyField(
        "knowledge.Priority", blank=True, verbose_name=_("priorities concerned")
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("more"))

    content_panels = GuidancePage.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("legal_basis"),
                FieldPanel("scope"),
                FieldPanel("conditions"),
                FieldPanel("status"),
            ],
            heading=_("Framework"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("carried_by"),
                FieldPanel("carrier_bodies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("priorities", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Carriers"),
        ),
        FieldPanel("body"),
    ]
    search_fields = GuidancePage.search_fields + [
        index.SearchField("legal_basis"),
        index.SearchField("scope"),
        index.SearchField("conditions"),
        index.SearchField("carried_by"),
        index.SearchField("body"),
        index.FilterField("status"),
    ]
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("experimentation right")
