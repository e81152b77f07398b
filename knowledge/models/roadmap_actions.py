"""The roadmap's actions: what the roadmap promised, how far it is, who carries it.

Reference data editors keep in the admin (a snippet); the public accountability page
(`showcase.RoadmapActionIndexPage`) lists them with the showcased projects that advance
each, and how many of the desk's requests do (a count: requests are private). Projects
and requests name the actions they advance from their own side
(`projects.Project.roadmap_actions`, `desk.HowToRequest.roadmap_actions`): both live in
apps above this one.
"""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    DROPPED = "dropped", _("Dropped")


class RoadmapAction(index.Indexed, models.Model):
    title = models.CharField(_("title"), max_length=200)
    commitment = models.TextField(
        _("what was promised"), help_text=_("The roadmap's objective, as it was adopted.")
    )
    priority = models.ForeignKey(
        "knowledge.Priority",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roadmap_actions",
        verbose_name=_("priority"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    progress_note = models.TextField(_("where it stands"), blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("commitment"),
        FieldPanel("priority"),
        FieldPanel("status"),
        FieldPanel("progress"),
        FieldPanel("progress_note"),
        FieldPanel("target_date"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("roadmap action")
        verbose_name_plural = _("roadmap actions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="knowledge_progress_at_most_100"
            )
        ]

    def __str__(self):
        return self.title
