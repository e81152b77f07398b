"""Reference data edited as snippets and shared by pages (and by requests later)."""

from django import forms
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Priority(index.Indexed, models.Model):
    """One of the programme's priorities (energy sobriety, smart renewables, mobility)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self):
        return self.name


class Territory(index.Indexed, models.Model):
    """A part of the region where projects happen; used to route and filter."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("territory")
        verbose_name_plural = _("territories")

    def __str__(self):
        return self.name


class ExpertBody(index.Indexed, models.Model):
    """A shared expert body of the pooled engineering: ADEME, a cluster, the Rifkin team."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Public agency")
        CLUSTER = "cluster", _("Competence cluster")
        RIFKIN = "rifkin", _("Rifkin team")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=160, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    acronym = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.TextField(_("role"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    priorities = models.ManyToManyField(
        Priority,
        blank=True,
        related_name="expert_bodies",
        verbose_name=_("priorities covered"),
    )
    # The body's experts are the members of this group; it also scopes their
    # page permissions (their own guide section) and, later, their request queue.
    group = models.OneToOneField(
        Group,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert_body",
        verbose_name=_("experts' group"),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("acronym"),
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("email"),
        FieldPanel("website"),
        FieldPanel("priorities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("group"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("acronym"),
        index.SearchField("summary"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("expert body")
        verbose_name_plural = _("expert bodies")

    def __str__(self):
        return self.acronym or self.name
